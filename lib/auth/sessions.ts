import { createHash, randomBytes } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { recordAudit } from "../audit/events";
import { db } from "../db";
import { env } from "../env";
import { can, type Action, type Actor } from "./permissions";
import { hashPassword, verifyPassword } from "./passwords";
import { findUserForSignIn } from "./users";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "./rate-limit";
import { sessionCookie } from "./session-cookie";

/**
 * Newsroom sessions. The browser holds a random 32-byte token in the session cookie (`__Host-bs_session` over
 * https, `bs_session` over http: session-cookie.ts); the database holds only its SHA-256 (Session.id), so a leaked
 * table cannot be replayed as live sessions. Pages read the actor with
 * `getCurrentActor()` / `requireActor()`; every lib/ function still runs its own `assertCan`.
 */

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Identical for unknown email and wrong password, so the form cannot be used to discover accounts. */
export const BAD_CREDENTIALS = "That email and password do not match an account.";

/** `ip` is the client address as lib/http/client-address.ts resolves it (never a raw X-Forwarded-For). */
export type SignInMeta = { ip: string; userAgent?: string };
export type SignInResult =
  { ok: true; actor: Actor; token: string; expiresAt: Date } | { ok: false; error: string; retryAfterSeconds?: number };

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function sessionExpiry(now: Date = new Date()): Date {
  return new Date(now.getTime() + SESSION_TTL_MS);
}

/** A session counts only while unexpired and while its user is enabled. */
export function isSessionLive(
  session: { expiresAt: Date; user: { disabledAt: Date | null } },
  now: Date = new Date(),
): boolean {
  return session.expiresAt.getTime() > now.getTime() && session.user.disabledAt === null;
}

// A real Argon2id hash to verify against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
const timingDecoy = () => (dummyHash ??= hashPassword(randomBytes(18).toString("base64url")));

/**
 * Checks an email and password (throttled per email+address and per address: rate-limit.ts) and, on success,
 * stores a new session. Does not touch cookies, so scripts and tests can call it; `signIn` adds the cookie.
 */
export async function createSessionForCredentials(
  email: string,
  password: string,
  meta: SignInMeta,
  now: Date = new Date(),
): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase();
  if (!normalized || !password) return { ok: false, error: BAD_CREDENTIALS };

  const retryAfter = await signInRetryAfter(normalized, meta.ip);
  // Refused attempts are not recorded: they check no password, cost the sender nothing, and would let anyone fill
  // the audit table at line rate. The failures that led to the lockout are on record.
  if (retryAfter > 0) {
    const minutes = Math.ceil(retryAfter / 60);
    return {
      ok: false,
      error: `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      retryAfterSeconds: retryAfter,
    };
  }

  const user = await findUserForSignIn(normalized);
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await timingDecoy(), password), false);
  if (!user || !valid || user.disabledAt) {
    await recordSignInFailure(normalized, meta.ip);
    // The email tried, never the password: the log must not become a list of near-miss passwords.
    await recordAudit(db(), {
      actorId: user?.id ?? null,
      action: "sign_in_failed",
      detail: { email: normalized, reason: user ? (user.disabledAt ? "disabled" : "wrong password") : "unknown email" },
      ip: meta.ip,
    });
    return { ok: false, error: BAD_CREDENTIALS };
  }
  await recordSignInSuccess(normalized, meta.ip);

  const token = newSessionToken();
  const expiresAt = sessionExpiry(now);
  await db().$transaction(async (tx) => {
    // Opportunistic tidy-up: this user's dead sessions go when they start a new one.
    await tx.session.deleteMany({ where: { userId: user.id, expiresAt: { lte: now } } });
    await tx.session.create({
      data: {
        id: hashSessionToken(token),
        userId: user.id,
        expiresAt,
        userAgent: (meta.userAgent ?? "").slice(0, 400),
      },
    });
    await recordAudit(tx, { actorId: user.id, action: "sign_in", ip: meta.ip });
  });
  return {
    ok: true,
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    token,
    expiresAt,
  };
}

/** The actor a session token belongs to, or null for unknown, expired or disabled. */
export async function actorForSessionToken(token: string, now: Date = new Date()): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const session = await db().session.findUnique({
    where: { id: hashSessionToken(token) },
    select: { expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  if (!session || !isSessionLive(session, now)) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}

/** Ends the session of `token`; a live one is recorded as a sign-out of its user (from `ip` when known). */
export async function deleteSessionByToken(token: string, ip?: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const id = hashSessionToken(token);
    const session = await tx.session.findUnique({ where: { id }, select: { userId: true } });
    // Counted, so two sign-outs of one session racing each other record it once.
    const { count } = await tx.session.deleteMany({ where: { id } });
    const ended = count > 0 ? session : null;
    if (ended) await recordAudit(tx, { actorId: ended.userId, action: "sign_out", ip: ip ?? null });
  });
}

/** Server actions only (cookies can be set there, not while rendering). */
export async function signIn(email: string, password: string, meta: SignInMeta): Promise<SignInResult> {
  const result = await createSessionForCredentials(email, password, meta);
  if (result.ok) {
    const { name, options } = sessionCookie(env().SITE_URL);
    (await cookies()).set(name, result.token, { ...options, expires: result.expiresAt });
  }
  return result;
}

/** Server actions only. Ends this browser's session; other devices stay signed in. */
export async function signOut(ip?: string): Promise<void> {
  const store = await cookies();
  const { name, options } = sessionCookie(env().SITE_URL);
  const token = store.get(name)?.value;
  if (token) await deleteSessionByToken(token, ip);
  // Deleted with the attributes it was set with: a __Host- cookie is only replaced by a Secure, Path=/ one.
  store.set(name, "", { ...options, maxAge: 0 });
}

/** The signed-in actor for this request (one lookup per render), or null. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const token = await currentSessionToken();
  return token ? actorForSessionToken(token) : null;
});

/** This browser's session token, if it sent one (server components and actions). */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookie(env().SITE_URL).name)?.value;
}

/**
 * Where sign-in may send the browser afterwards (every `next`): the value is resolved with `URL` against the site,
 * as a browser would resolve it (backslashes, dot segments, tabs, percent-escapes), and kept only when the result
 * is on this site's origin and inside the newsroom. Anything else goes to /admin. The answer is a path starting
 * with `/admin`, never `//`, so it cannot be read as another host.
 */
export function safeNextPath(next: unknown, siteUrl: string = env().SITE_URL): string {
  const fallback = "/admin";
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return fallback;
  const site = new URL(siteUrl);
  let url: URL;
  try {
    url = new URL(next, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin || url.username || url.password) return fallback;
  const { pathname } = url;
  if (pathname !== "/admin" && !pathname.startsWith("/admin/")) return fallback;
  // An empty segment (`/admin//evil.example`) or an escaped slash or dot is nothing the newsroom links to.
  if (pathname.includes("//") || /%2f|%5c|%2e/i.test(pathname)) return fallback;
  if (pathname === "/admin/sign-in" || pathname.startsWith("/admin/sign-in/")) return fallback;
  return pathname + url.search + url.hash;
}

/**
 * For pages: the signed-in actor, or a redirect to sign-in that returns to `from` afterwards. With `action`, an
 * actor whose role lacks it gets a 404 (the page does not exist for them).
 */
export async function requireActor(action?: Action, from = "/admin"): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/admin/sign-in?next=${encodeURIComponent(safeNextPath(from))}`);
  if (action && !can(actor, action)) notFound();
  return actor;
}
