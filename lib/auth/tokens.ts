import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/events";
import { db } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, roleRank, ROLES, type Actor, type Role } from "./permissions";

/**
 * API tokens for the admin HTTP API. A token is 32 random bytes shown once at creation; only its SHA-256 is
 * stored (a fast hash is right here: the input is random, not a guessable password), so a database leak yields
 * no usable token. The prefix lets a person tell tokens apart in a list without revealing them.
 */
const TOKEN_PREFIX = "bst_";
const PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** lastUsedAt is informational; writing it on every request would turn each API read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const tokenInputSchema = z.object({
  email: z
    .string({ error: "Enter the email of the user the token acts as." })
    .trim()
    .toLowerCase()
    .min(1, "Enter the email of the user the token acts as."),
  name: z
    .string({ error: 'Give the token a label, e.g. "wire importer".' })
    .trim()
    .min(1, 'Give the token a label, e.g. "wire importer".')
    .max(100, "Labels are at most 100 characters."),
  /** The role the token acts with: its user's or a lesser one. Absent: always its user's current role. */
  role: z
    .string({ error: "Choose a role for the token." })
    .trim()
    .toUpperCase()
    .pipe(z.enum(ROLES, { error: "The token's role is contributor, author, editor or admin." }))
    .optional(),
});

/**
 * Creates a token acting as the user with `email`. Trusted entry point: the command line (`npm run admin --
 * create-token`) and tests; the users screen calls `issueApiToken`, which authorizes first. Returns the token
 * itself exactly once.
 */
export async function createApiToken(
  input: { email: string; name: string; role?: string },
  by: { actorId: number | null; ip?: string | null } = { actorId: null },
): Promise<{ id: number; token: string; prefix: string }> {
  const parsed = tokenInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const user = await db().user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, disabledAt: true, role: true },
  });
  if (!user)
    throw new DomainError(404, `No user has the email ${parsed.data.email}.`, { email: "No user has this email." });
  if (user.disabledAt)
    throw new DomainError(422, `The user ${parsed.data.email} is disabled.`, { email: "This user is disabled." });
  const role = parsed.data.role;
  if (role && roleRank(role) > roleRank(user.role)) {
    const message = `A token cannot act with more than its user's role (${user.role.toLowerCase()}).`;
    throw new DomainError(422, message, { role: message });
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, PREFIX_LENGTH);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: user.id, name: parsed.data.name, tokenHash: hashToken(token), prefix, role: role ?? null },
      select: { id: true },
    });
    // From the command line the actor is the system; the detail names whom the token acts as, and with what role.
    await recordAudit(tx, {
      actorId: by.actorId,
      action: "token_create",
      subject: { type: "token", id: created.id },
      detail: { email: parsed.data.email, label: parsed.data.name, prefix, role: role ?? "user's role" },
      ip: by.ip ?? null,
    });
    return created;
  });
  return { id: row.id, token, prefix };
}

/** `createApiToken` for the users screen: admins only, recorded as theirs. */
export async function issueApiToken(
  actor: Actor | null,
  input: { email: string; name: string; role?: string },
  ip?: string | null,
) {
  assertCan(actor, "token:manage");
  return createApiToken(input, { actorId: actor.id, ip });
}

/** A token as the users screen lists it: never the token itself (only its hash is stored), its prefix instead. */
export type ApiTokenSummary = {
  id: number;
  name: string;
  prefix: string;
  /** The role it acts with; null: its user's current role. */
  role: Role | null;
  owner: { name: string; email: string; disabled: boolean };
  createdAt: Date;
  /** To the minute (LAST_USED_RESOLUTION_MS); null: never used. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The screen lists this many tokens, working ones first; a newsroom has a handful, not hundreds. */
const TOKEN_LIST_LIMIT = 200;

/** The API tokens for the users screen, working ones first, newest first within each. Admins only. */
export async function listApiTokens(actor: Actor | null): Promise<ApiTokenSummary[]> {
  assertCan(actor, "token:manage");
  const rows = await db().apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { id: "desc" }],
    take: TOKEN_LIST_LIMIT,
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: { select: { name: true, email: true, disabledAt: true } },
    },
  });
  return rows.map(({ user, ...row }) => ({
    ...row,
    owner: { name: user.name, email: user.email, disabled: user.disabledAt !== null },
  }));
}

/**
 * Revoking is permanent; a revoked token is refused from the next request on. Revoking twice is harmless and
 * answers false (nothing changed, nothing audited); an unknown token is a 404.
 */
export async function revokeApiToken(actor: Actor | null, id: number, ip?: string | null): Promise<boolean> {
  assertCan(actor, "token:manage");
  const revoked = await db().$transaction(async (tx) => {
    const [row] = await tx.apiToken.updateManyAndReturn({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, prefix: true },
    });
    // Only the revocation that took effect is recorded; a repeat changes nothing.
    if (row) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "token_revoke",
        subject: { type: "token", id },
        detail: { label: row.name, prefix: row.prefix },
        ip: ip ?? null,
      });
    }
    return row;
  });
  if (!revoked && !(await db().apiToken.findUnique({ where: { id }, select: { id: true } })))
    throw notFound("The token");
  return !!revoked;
}

/**
 * The Actor an `Authorization` header value speaks for, or null when it is missing, malformed, unknown, revoked,
 * or belongs to a disabled user. Only the `Bearer` scheme is accepted.
 */
export async function actorFromBearer(headerValue: string | null | undefined): Promise<Actor | null> {
  if (!headerValue) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue);
  const token = match?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      role: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional so that concurrent requests in the same minute write once.
    await db().apiToken.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  const { id, email, name } = row.user;
  // A token acts with its own role, never above its user's current one: demoting the user demotes the token.
  const role: Role = row.role && roleRank(row.role) < roleRank(row.user.role) ? row.role : row.user.role;
  return { id, email, name, role };
}
