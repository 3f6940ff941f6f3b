import { LRUCache } from "lru-cache";

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
 * In memory, bounded by entry count (STYLE: memory is a budget): Broadsheet renders in one process. A multi-process
 * deployment moves this state to PostgreSQL without changing callers.
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

const globalForLimits = globalThis as unknown as { broadsheetSignInThrottles?: { account: Throttle; ip: Throttle } };

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
  const ms = Math.max(account.waitMs(accountKey(email, ip), now), perIp.waitMs(ip, now));
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
}

/** Records a failed attempt against both limits (the next check refuses when a lockout started). */
export async function recordSignInFailure(email: string, ip: string, now: number = Date.now()): Promise<void> {
  const { account, ip: perIp } = throttles();
  account.fail(accountKey(email, ip), now);
  perIp.fail(ip, now);
}

/** A successful sign-in forgives the account's earlier typos from this address (the per-address count stays). */
export async function recordSignInSuccess(email: string, ip: string): Promise<void> {
  throttles().account.forget(accountKey(email, ip));
}

/**
 * For tests: forget every counter.
 * @internal
 */
export async function resetSignInLimits(): Promise<void> {
  globalForLimits.broadsheetSignInThrottles = undefined;
}
