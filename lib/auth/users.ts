import { z } from "zod";
import { recordAudit } from "../audit/events";
import { db, isUniqueViolation, type Tx } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, ROLES, type Actor, type Role } from "./permissions";
import { passwordProblem } from "./password-policy";
import { generatePassword, hashPassword } from "./passwords";

/** A newsroom user as every admin screen sees it: never the password hash. */
export type UserSummary = {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
};

const userSummarySelect = { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true } as const;

const ROLE_MESSAGE = "Choose a role: contributor, author, editor or admin.";
const roleSchema = z
  .string({ error: ROLE_MESSAGE })
  .trim()
  .toUpperCase()
  .pipe(z.enum(ROLES, { error: ROLE_MESSAGE }));

export const userInputSchema = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }).max(254)),
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(120, "Names are at most 120 characters."),
  role: roleSchema,
  // The whole policy (length, common passwords, repeats) lives in password-policy.ts.
  password: z
    .string()
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
});

export type UserInput = z.input<typeof userInputSchema>;

/**
 * Creates a user. Trusted entry point (the command line bootstraps the first admin with it, when there is nobody
 * to authorize); screens call `inviteUser`, which checks the actor first. When no password is given a readable
 * one is generated and returned — it is shown once and never stored in clear.
 */
export async function createUser(
  input: UserInput,
  by: { actorId: number | null; ip?: string | null } = { actorId: null },
): Promise<{ user: UserSummary; password: string }> {
  const parsed = userInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, name, role } = parsed.data;
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing)
    throw new DomainError(409, `A user with the email ${email} already exists.`, {
      email: "This email is already in use.",
    });
  const password = parsed.data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, name, role, passwordHash }, select: userSummarySelect });
      await recordAudit(tx, {
        actorId: by.actorId,
        action: "user_create",
        subject: { type: "user", id: created.id },
        detail: { email, name, role },
        ip: by.ip ?? null,
      });
      return created;
    });
    return { user, password };
  } catch (error) {
    if (isUniqueViolation(error, { field: "email" })) {
      throw new DomainError(409, `A user with the email ${email} already exists.`, {
        email: "This email is already in use.",
      });
    }
    throw error;
  }
}

/** `createUser` for the newsroom's user screen: only admins may add people. */
export async function inviteUser(actor: Actor | null, input: UserInput, ip?: string | null) {
  assertCan(actor, "user:manage");
  return createUser(input, { actorId: actor.id, ip });
}

/**
 * The user a sign-in form is about, with the password hash (explicitly un-omitted), or null when no enabled
 * user has that email. Callers verify with `verifyPassword` and must not tell "no such user" from "wrong password".
 */
export async function findUserForSignIn(email: string) {
  const normalized = email.trim().toLowerCase();
  if (!normalized || normalized.length > 254) return null;
  const user = await db().user.findUnique({
    where: { email: normalized },
    omit: { passwordHash: false },
  });
  if (!user || user.disabledAt) return null;
  return user;
}

export async function listUsers(actor: Actor | null): Promise<UserSummary[]> {
  assertCan(actor, "user:manage");
  return db().user.findMany({
    select: userSummarySelect,
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
}

/**
 * The admins who could still run the newsroom: enabled ones. Locked (FOR UPDATE) so that two admins demoting or
 * disabling each other at the same moment cannot both succeed and leave nobody in charge.
 */
async function lockEnabledAdmins(tx: Tx): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

const LAST_ADMIN =
  "This is the last admin account: add or promote another admin first, so that someone can still manage the newsroom.";

async function lockTarget(tx: Tx, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound("The user");
  const [user] = await tx.$queryRaw<{ id: number; email: string; role: Role; disabledAt: Date | null }[]>`
    SELECT id, email, role::text AS role, "disabledAt" FROM "User" WHERE id = ${id} FOR UPDATE`;
  if (!user) throw notFound("The user");
  return user;
}

/**
 * Gives a user another role; it applies from their next request (sessions and tokens read the role each time).
 * 409 when it would leave no enabled admin. Recorded in the audit log in the same transaction.
 */
export async function changeUserRole(actor: Actor | null, userId: number, role: unknown, ip?: string | null) {
  assertCan(actor, "user:manage");
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new DomainError(422, ROLE_MESSAGE, { role: ROLE_MESSAGE });
  const to = parsed.data;
  return db().$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx);
    const user = await lockTarget(tx, userId);
    if (user.role === to) return { id: user.id, email: user.email, role: to, changed: false };
    if (user.role === "ADMIN" && admins.length === 1 && admins[0] === user.id)
      throw new DomainError(409, LAST_ADMIN, { role: LAST_ADMIN });
    await tx.user.update({ where: { id: user.id }, data: { role: to } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "role_change",
      subject: { type: "user", id: user.id },
      detail: { email: user.email, from: user.role, to },
      ip,
    });
    return { id: user.id, email: user.email, role: to, changed: true };
  });
}

/**
 * Disables (or re-enables) a user. A disabled user's sessions are deleted and every session and token check refuses
 * them from the next request on (lib/auth/sessions.ts, tokens.ts read `disabledAt` each time), so access ends at
 * once. 409 for disabling the last enabled admin.
 */
export async function setUserDisabled(actor: Actor | null, userId: number, disabled: boolean, ip?: string | null) {
  assertCan(actor, "user:manage");
  return db().$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx);
    const user = await lockTarget(tx, userId);
    if (!!user.disabledAt === disabled) return { id: user.id, email: user.email, changed: false };
    if (disabled && admins.length === 1 && admins[0] === user.id)
      throw new DomainError(409, LAST_ADMIN, { disabled: LAST_ADMIN });
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: disabled ? "user_disable" : "user_enable",
      subject: { type: "user", id: user.id },
      detail: { email: user.email },
      ip,
    });
    return { id: user.id, email: user.email, changed: true };
  });
}
