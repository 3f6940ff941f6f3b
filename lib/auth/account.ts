import { z } from "zod";
import { recordAudit } from "../audit/events";
import { db } from "../db";
import { DomainError, validationError } from "../errors";
import { assertCan, type Actor } from "./permissions";
import { passwordProblem } from "./password-policy";
import { MAX_PASSWORD_LENGTH, generatePassword, hashPassword, verifyPassword } from "./passwords";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "./rate-limit";
import { hashSessionToken } from "./sessions";

/**
 * Passwords after sign-up: a person changes their own (knowing the current one), an admin resets someone else's.
 * Either way every other session of that person ends in the same transaction, so a stolen session or a password
 * someone else knew stops working at once.
 */

const changeInput = z.object({
  current: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(MAX_PASSWORD_LENGTH),
  next: z.string({ error: "Enter a new password." }).max(MAX_PASSWORD_LENGTH, "Passwords are at most 128 characters."),
  repeat: z.string({ error: "Repeat the new password." }),
});

export type PasswordChange = z.input<typeof changeInput>;

/**
 * Changes the actor's password. `keepSessionToken` is the browser's own session, which stays signed in; all
 * others are deleted. Wrong current password, mismatched repeat or a refused new password are 422s with per-field
 * messages (`current`, `next`, `repeat`).
 *
 * Asking for the current password is a way to guess it (with a stolen session, say), so wrong answers count
 * against the same throttle as wrong sign-ins for this account from `ip` (lib/auth/rate-limit.ts): once locked,
 * neither the sign-in page nor this screen checks a password until the lockout ends (429).
 */
export async function changeOwnPassword(
  actor: Actor | null,
  input: PasswordChange,
  keepSessionToken?: string,
  ip = "unknown",
): Promise<void> {
  if (!actor) throw new DomainError(401, "Sign in to continue.");
  const parsed = changeInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { current, next, repeat } = parsed.data;
  const problem = passwordProblem(next);
  if (problem) throw new DomainError(422, problem, { next: problem });
  if (next !== repeat)
    throw new DomainError(422, "The two new passwords are different.", {
      repeat: "This does not match the new password.",
    });

  const user = await db().user.findUnique({ where: { id: actor.id }, omit: { passwordHash: false } });
  if (!user || user.disabledAt) throw new DomainError(401, "Sign in to continue.");
  const retryAfter = await signInRetryAfter(user.email, ip);
  if (retryAfter > 0) {
    const minutes = Math.ceil(retryAfter / 60);
    const message = `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    throw new DomainError(429, message, { current: message });
  }
  if (!(await verifyPassword(user.passwordHash, current))) {
    await recordSignInFailure(user.email, ip);
    throw new DomainError(422, "Your current password is not right.", {
      current: "This is not your current password.",
    });
  }
  await recordSignInSuccess(user.email, ip);
  if (await verifyPassword(user.passwordHash, next)) {
    throw new DomainError(422, "The new password is the one you have now.", {
      next: "Choose a password you have not been using.",
    });
  }
  const passwordHash = await hashPassword(next);
  const keep = keepSessionToken ? hashSessionToken(keepSessionToken) : undefined;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id, ...(keep ? { id: { not: keep } } : {}) } });
    await recordAudit(tx, { actorId: user.id, action: "password_change", subject: { type: "user", id: user.id }, ip });
  });
}

/**
 * An admin gives someone a new password (they forgot theirs, or it leaked). The generated password is returned to
 * be handed over once; the person's sessions all end. `password` may be given by the command line, and must then
 * pass the policy like any other.
 */
export async function resetPassword(
  actor: Actor | null,
  email: string,
  password?: string,
  ip?: string,
): Promise<{ email: string; password: string }> {
  assertCan(actor, "user:manage");
  return resetPasswordTrusted(email, password, { actorId: actor.id, ip });
}

/**
 * `resetPassword` without an actor: the command line, run by whoever controls the server (recorded as the system,
 * `by` unset).
 */
export async function resetPasswordTrusted(
  email: string,
  password?: string,
  by: { actorId: number | null; ip?: string } = { actorId: null },
): Promise<{ email: string; password: string }> {
  const normalized = email.trim().toLowerCase();
  if (password !== undefined) {
    const problem = passwordProblem(password);
    if (problem) throw new DomainError(422, problem, { password: problem });
  }
  const user = await db().user.findUnique({ where: { email: normalized }, select: { id: true, email: true } });
  if (!user) throw new DomainError(404, `There is no user with the email ${normalized}.`);
  const chosen = password ?? generatePassword();
  const passwordHash = await hashPassword(chosen);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorId: by.actorId,
      action: "password_reset",
      subject: { type: "user", id: user.id },
      detail: { email: user.email },
      ip: by.ip ?? null,
    });
  });
  return { email: user.email, password: chosen };
}
