import { Redis } from "ioredis";

/**
 * The one Redis connection of a process, when REDIS_URL is set (docs/deploy.md). Redis carries what instances
 * share: purges of their page caches and memos (bus.ts) and sign-in throttling (lib/auth/rate-limit.ts).
 *
 * Redis is a helper, never a dependency of serving: commands fail at once while it is away (no offline queue, one
 * try), callers fall back to what their process knows, and the log says so once when it goes and once when it comes
 * back. ioredis reconnects by itself, backing off up to 5 s.
 *
 * Kept on globalThis: Next's server bundles and the renderer's entry point each load this module, and one process
 * must hold one connection (plus one for subscriptions, which Redis dedicates).
 */

type Connections = { command?: Redis; subscriber?: Redis; down: boolean };
const shared = globalThis as unknown as { broadsheetRedis?: Connections };
const state = (): Connections => (shared.broadsheetRedis ??= { down: false });

export function redisConfigured(): boolean {
  return !!process.env.REDIS_URL;
}

function connect(role: "command" | "subscriber"): Redis {
  const redis = new Redis(process.env.REDIS_URL!, {
    // A command waits for a connection being made (the first one of a process), but at most a second; once Redis
    // is known to be away (redisDown), callers do not ask at all and degrade at once.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 250, 5_000),
    lazyConnect: false,
    connectionName: `broadsheet-${role}-${process.pid}`,
  });
  redis.on("error", (error: Error) => {
    const s = state();
    if (s.down) return;
    s.down = true;
    console.error(
      `[server] Redis at ${process.env.REDIS_URL} is unavailable (${error.message}): serving degraded — changes made here no longer reach the other instances' page caches (they refresh on their time limits), sign-in throttling is per instance.`,
    );
  });
  redis.on("ready", () => {
    const s = state();
    if (!s.down) return;
    s.down = false;
    console.error(`[server] Redis is back at ${process.env.REDIS_URL}.`);
  });
  return redis;
}

/** The connection for commands, or undefined without REDIS_URL. */
export function redis(): Redis | undefined {
  if (!redisConfigured()) return undefined;
  const s = state();
  s.command ??= connect("command");
  return s.command;
}

/** A connection dedicated to subscriptions (Redis allows nothing else on it). */
export function redisSubscriber(): Redis | undefined {
  if (!redisConfigured()) return undefined;
  const s = state();
  s.subscriber ??= connect("subscriber");
  return s.subscriber;
}

/** Whether the last thing Redis did was fail (then callers use their local fallback without trying). */
export function redisDown(): boolean {
  return state().down;
}

/** Closes the connections (a renderer shutting down, tests). */
export async function closeRedis(): Promise<void> {
  const s = state();
  await Promise.all([s.command?.quit().catch(() => {}), s.subscriber?.quit().catch(() => {})]);
  shared.broadsheetRedis = undefined;
}
