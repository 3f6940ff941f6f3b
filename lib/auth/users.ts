import { z } from "zod";
import { recordAudit } from "../audit/events";
import { db, isUniqueViolation } from "../db";
import { DomainError, validationError } from "../errors";
import { assertCan, type Actor, type Role } from "./permissions";
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
  role: z
    .string({ error: "Choose a role: admin or editor." })
    .trim()
    .toUpperCase()
    .pipe(z.enum(["ADMIN", "EDITOR"], { error: "Choose a role: admin or editor." })),
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
  by: { actorId: number | null } = { actorId: null },
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
export async function inviteUser(actor: Actor | null, input: UserInput) {
  assertCan(actor, "user:manage");
  return createUser(input, { actorId: actor.id });
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
