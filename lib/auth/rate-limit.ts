import { LRUCache } from "lru-cache";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { redis, redisDown } from "../cluster/redis";

/**
 * Sign-in throttling on Ghost's schedule (its `spam.user_login` and `spam.global_block` defaults, express-brute
 * semantics). Only failures count, so a person who types their password right is never slowed down.
 *
 * - **per account and address** (email + client address): 4 free failures; the 5th locks that pair for 10 minutes,
 *   and each failure after a lockout ends locks it again for longer (Fibonacci: 10, 10, 20, 30, 50 … minutes, at most
 *   7 days). Keyed by the pair on purpose: somebody guessing from another address can lock only themselves out, never
 *   the account's owner.
 * - **per address**: 99 free failures across all accounts, then that address is blocked for an hour, so one
 *   address cannot spray guesses over many accounts.
 *
 * Counts are forgotten an hour after the last failure (or after the lockout, if longer). The address is the one
 * lib/http/client-address.ts resolves, so a forged X-Forwarded-For cannot give an attacker a fresh counter.
 * In memory, bounded by entry count (STYLE: memory is a budget), for one instance. With REDIS_URL the counters and
 * lockouts live in Redis (rate-limiter-flexible's Redis store), so an attacker alternating between instances gets
 * no extra tries; while Redis is away each instance falls back to its own memory (degraded, logged once by
 * lib/cluster/redis.ts) rather than refusing every sign-in.
 */
export type ThrottleSchedule = {
  /** Failures allowed before the first lockout. */
  freeRetries: number;
  /** Failures that start the first lockout (freeRetries + 1). */
  points: number;
  minWaitSeconds: number;
  maxWaitSeconds: number;
  /** How long a count is remembered after the last failure. */
  lifetimeSeconds: number;
};

export const SIGN_IN_LIMITS = {
  perAccount: {
    freeRetries: 4,
    points: 5,
    minWaitSeconds: 10 * 60,
    maxWaitSeconds: 7 * 24 * 60 * 60,
    lifetimeSeconds: 60 * 60,
  },
  perIp: { freeRetries: 99, points: 100, minWaitSeconds: 60 * 60, maxWaitSeconds: 60 * 60, lifetimeSeconds: 60 * 60 },
} as const satisfies Record<string, ThrottleSchedule>;

/** Enough for every address of a sizeable attack; each entry is a few dozen bytes. */
const MAX_ENTRIES = 100_000;

type Entry = { failures: number; lockedUntil: number; forgetAt: number };

/** Seconds of the lockout that the `failures`-th failure starts: 0 while free, then minWait × Fibonacci, capped. */
export function lockoutSeconds(schedule: ThrottleSchedule, failures: number): number {
  const over = failures - schedule.freeRetries;
  if (over <= 0) return 0;
  let [a, b] = [1, 1];
  for (let i = 1; i < over; i++) [a, b] = [b, a + b];
  return Math.min(schedule.maxWaitSeconds, schedule.minWaitSeconds * a);
}

class Throttle {
  // The LRU's own TTL only frees memory; `forgetAt` is the rule (and lets tests move the clock).
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });

  constructor(private readonly schedule: ThrottleSchedule) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  waitMs(key: string, now: number): number {
    const entry = this.live(key, now);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(key: string, now: number): void {
    const failures = (this.live(key, now)?.failures ?? 0) + 1;
    const lockMs = lockoutSeconds(this.schedule, failures) * 1000;
    const keepMs = lockMs + this.schedule.lifetimeSeconds * 1000;
    this.entries.set(key, { failures, lockedUntil: now + lockMs, forgetAt: now + keepMs }, { ttl: keepMs });
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.forgetAt > now ? entry : undefined;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * The same schedule on Redis: failures are an atomic counter that lives `lifetimeSeconds` from the first failure
 * (and, once a lockout starts, the lockout plus the lifetime); a lockout is a key that expires when it ends.
 */
class SharedThrottle {
  private readonly failures: RateLimiterRedis;
  private readonly locks: RateLimiterRedis;

  constructor(
    private readonly schedule: ThrottleSchedule,
    name: string,
    client: NonNullable<ReturnType<typeof redis>>,
  ) {
    const prefix = `${process.env.REDIS_PREFIX ?? "broadsheet:"}signin:${name}`;
    // Not rejectIfRedisNotReady: it refuses while the first connection is being made; lib/cluster/redis.ts bounds
    // the wait (a second) and reports an outage, after which these are not asked at all.
    const common = { storeClient: client };
    this.failures = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:failures`,
      points: Number.MAX_SAFE_INTEGER,
      duration: schedule.lifetimeSeconds,
    });
    // One point: `block` stores points + 1, so a key past 1 is a lockout.
    this.locks = new RateLimiterRedis({ ...common, keyPrefix: `${prefix}:lock`, points: 1, duration: 1 });
  }

  async waitMs(key: string): Promise<number> {
    const lock = await this.locks.get(key);
    return lock && lock.consumedPoints > 1 ? lock.msBeforeNext : 0;
  }

  async fail(key: string): Promise<void> {
    const { consumedPoints: failures } = await this.failures.penalty(key, 1);
    const lockSeconds = lockoutSeconds(this.schedule, failures);
    if (lockSeconds === 0) return;
    await Promise.all([
      this.locks.block(key, lockSeconds),
      this.failures.set(key, failures, lockSeconds + this.schedule.lifetimeSeconds),
    ]);
  }

  async forget(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.locks.delete(key)]);
  }
}

type Shared = { account: SharedThrottle; ip: SharedThrottle };

const globalForLimits = globalThis as unknown as {
  broadsheetSignInThrottles?: { account: Throttle; ip: Throttle };
  broadsheetSharedThrottles?: Shared | null;
};

/** The Redis throttles when REDIS_URL is set (and the clock is the real one: tests move it only in memory). */
function sharedThrottles(now: number): Shared | null {
  if (Math.abs(now - Date.now()) > 1_000) return null;
  if (globalForLimits.broadsheetSharedThrottles !== undefined) return globalForLimits.broadsheetSharedThrottles;
  const client = redis();
  globalForLimits.broadsheetSharedThrottles = client
    ? {
        account: new SharedThrottle(SIGN_IN_LIMITS.perAccount, "account", client),
        ip: new SharedThrottle(SIGN_IN_LIMITS.perIp, "ip", client),
      }
    : null;
  return globalForLimits.broadsheetSharedThrottles;
}

/** Runs `work` on Redis, or returns undefined when Redis is not configured or failed (the caller uses memory). */
async function onRedis<T>(now: number, work: (shared: Shared) => Promise<T>): Promise<T | undefined> {
  const shared = sharedThrottles(now);
  if (!shared || redisDown()) return undefined;
  try {
    return await work(shared);
  } catch {
    // Redis is away (its connection logs that once): this instance's memory keeps counting meanwhile.
    return undefined;
  }
}

// Kept on globalThis so development hot reloads do not silently reset the counters.
function throttles() {
  globalForLimits.broadsheetSignInThrottles ??= {
    account: new Throttle(SIGN_IN_LIMITS.perAccount),
    ip: new Throttle(SIGN_IN_LIMITS.perIp),
  };
  return globalForLimits.broadsheetSignInThrottles;
}

export const accountKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;

/** Seconds to wait before another attempt is allowed, or 0 when the caller may try now. */
export async function signInRetryAfter(email: string, ip: string, now: number = Date.now()): Promise<number> {
  const { account, ip: perIp } = throttles();
  const local = Math.max(account.waitMs(accountKey(email, ip), now), perIp.waitMs(ip, now));
  const remote = await onRedis(now, async (shared) =>
    Math.max(await shared.account.waitMs(accountKey(email, ip)), await shared.ip.waitMs(ip)),
  );
  const ms = Math.max(local, remote ?? 0);
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
}

/** Records a failed attempt against both limits (the next check refuses when a lockout started). */
export async function recordSignInFailure(email: string, ip: string, now: number = Date.now()): Promise<void> {
  const done = await onRedis(now, async (shared) => {
    await Promise.all([shared.account.fail(accountKey(email, ip)), shared.ip.fail(ip)]);
    return true;
  });
  if (done) return;
  const { account, ip: perIp } = throttles();
  account.fail(accountKey(email, ip), now);
  perIp.fail(ip, now);
}

/** A successful sign-in forgives the account's earlier typos from this address (the per-address count stays). */
export async function recordSignInSuccess(email: string, ip: string): Promise<void> {
  throttles().account.forget(accountKey(email, ip));
  await onRedis(Date.now(), (shared) => shared.account.forget(accountKey(email, ip)));
}

/**
 * For tests: forget every counter.
 * @internal
 */
export async function resetSignInLimits(): Promise<void> {
  globalForLimits.broadsheetSignInThrottles = undefined;
  globalForLimits.broadsheetSharedThrottles = undefined;
}
