import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Sign-in throttling. Only failed attempts count, so a person who types their password right is never slowed
 * down; a success clears the email+IP counter. Two limits:
 * - per email+IP: a handful of guesses at one account from one place;
 * - per IP: a looser ceiling so one address cannot spray guesses across many accounts.
 *
 * In memory on purpose: Broadsheet runs as one Node process. A multi-process deployment swaps these for
 * RateLimiterPostgres/Redis without changing callers.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60 },
  perIp: { points: 50, duration: 15 * 60 },
} as const;

const globalForLimits = globalThis as unknown as {
  broadsheetSignInLimits?: { account: RateLimiterMemory; ip: RateLimiterMemory };
};

// Kept on globalThis so development hot reloads do not silently reset the counters.
function limiters() {
  globalForLimits.broadsheetSignInLimits ??= {
    account: new RateLimiterMemory({ keyPrefix: "signin-account", ...SIGN_IN_LIMITS.perAccount }),
    ip: new RateLimiterMemory({ keyPrefix: "signin-ip", ...SIGN_IN_LIMITS.perIp }),
  };
  return globalForLimits.broadsheetSignInLimits;
}

export const accountKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;

/** Seconds to wait before another attempt is allowed, or 0 when the caller may try now. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const { account, ip: perIp } = limiters();
  const [a, i] = await Promise.all([account.get(accountKey(email, ip)), perIp.get(ip)]);
  const blocked = [
    a && a.consumedPoints >= SIGN_IN_LIMITS.perAccount.points ? a : null,
    i && i.consumedPoints >= SIGN_IN_LIMITS.perIp.points ? i : null,
  ].filter((r): r is RateLimiterRes => r !== null);
  if (blocked.length === 0) return 0;
  return Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000));
}

/** Records a failed attempt against both limits. Never throws when the limit is exceeded (the next check does). */
export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const { account, ip: perIp } = limiters();
  await Promise.all([
    account.penalty(accountKey(email, ip), 1),
    perIp.penalty(ip, 1),
  ]);
}

/** A successful sign-in forgives the account's earlier typos (the per-IP count stays). */
export async function recordSignInSuccess(email: string, ip: string): Promise<void> {
  await limiters().account.delete(accountKey(email, ip));
}

/**
 * For tests: forget every counter.
 * @internal
 */
export async function resetSignInLimits(): Promise<void> {
  globalForLimits.broadsheetSignInLimits = undefined;
}
