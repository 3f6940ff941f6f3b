import { randomUUID } from "node:crypto";
import { redis, redisDown, redisSubscriber } from "./redis";

/**
 * Purges between instances over Redis pub/sub (docs/caching.md, "Several instances"). Every instance keeps its own
 * page cache and memos; a change made on one instance is published here after its commit, and every other
 * instance applies the same plan to its own memory (and purges the shared caches again once its copy is fresh,
 * so a shared cache that refetched from it in between is corrected).
 *
 * Delivery is at most once: an instance that is disconnected from Redis while a change is made misses it and
 * catches up on the time limits (30 min for pages, seconds for memos). That is the price of keeping Redis out of
 * the path that serves readers; docs/deploy.md says so.
 */

/** A purge plan's tags (lib/publishing/page-cache.ts PurgePlan, without warming: each instance warms its own). */
type Tags = { hard?: readonly string[]; soft?: readonly string[] };

export type PeerPurge = { origin: string; plan: Tags; articleIds: number[] };

/** This process, so it can ignore its own messages. */
const shared = globalThis as unknown as { broadsheetInstance?: string; broadsheetBusListening?: boolean };
const self = (shared.broadsheetInstance ??= randomUUID());

const channel = () => `${process.env.REDIS_PREFIX ?? "broadsheet:"}purge`;

/** Tells the other instances; a Redis that is away costs nothing but the message (logged once by redis.ts). */
export async function publishPurge(plan: Tags, articleIds: number[]): Promise<void> {
  const client = redis();
  if (!client || redisDown()) return;
  const message: PeerPurge = { origin: self, plan: { hard: plan.hard, soft: plan.soft }, articleIds };
  await client.publish(channel(), JSON.stringify(message)).catch(() => {});
}

/** Applies other instances' purges with `apply`, for the life of the process (once per process). */
export function listenForPeerPurges(apply: (message: PeerPurge) => Promise<void>): void {
  const subscriber = redisSubscriber();
  if (!subscriber || shared.broadsheetBusListening) return;
  shared.broadsheetBusListening = true;
  // The connection for publishing, made now rather than on the first change.
  redis();
  // ioredis subscribes again after every reconnection by itself.
  void subscriber.subscribe(channel()).catch(() => {});
  subscriber.on("message", (from: string, text: string) => {
    if (from !== channel()) return;
    let message: PeerPurge;
    try {
      message = JSON.parse(text) as PeerPurge;
    } catch {
      return;
    }
    if (message.origin === self) return;
    apply(message).catch((error: unknown) =>
      console.error(`[server] Could not apply a purge from another instance: ${(error as Error).message}`),
    );
  });
}
