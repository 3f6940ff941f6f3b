import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { AUDIT_ACTIONS, type AuditAction } from "../audit/events";
import { describeAuditEvent } from "../audit/labels";
import { db } from "../db";
import { validationError } from "../errors";
import { assertCan, type Actor } from "./permissions";

/**
 * Reading the audit log (lib/audit writes it). It lives in lib/auth because it is authorized like every admin read
 * (`assertCan`), and lib/audit must not depend on lib/auth, which records sign-ins through it.
 */

export const AUDIT_PAGE_SIZE = 50;

export type AuditLine = {
  id: string;
  at: Date;
  action: AuditAction;
  actorId: number | null;
  /** Null for the system or nobody. */
  actorName: string | null;
  sentence: string;
  ip: string | null;
};

export type AuditPage = {
  lines: AuditLine[];
  page: number;
  pageCount: number;
  total: number;
  /** Everyone who ever acted, for the "person" filter. */
  people: { id: number; name: string; email: string }[];
};

const filterSchema = z.object({
  page: z.coerce
    .number({ error: "The page must be a whole number from 1." })
    .int("The page must be a whole number from 1.")
    .min(1, "The page must be a whole number from 1.")
    .max(100_000, "There are not that many pages.")
    .default(1),
  action: z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." }).optional(),
  actorId: z.coerce
    .number({ error: "Choose a person from the list." })
    .int("Choose a person from the list.")
    .positive("Choose a person from the list.")
    .optional(),
});

export type AuditFilter = z.input<typeof filterSchema>;

/** Newest first, `AUDIT_PAGE_SIZE` a page, optionally one action and/or one person. Admins only (403 otherwise). */
export async function listAuditEvents(actor: Actor | null, filter: AuditFilter = {}): Promise<AuditPage> {
  assertCan(actor, "audit:read");
  const parsed = filterSchema.safeParse(filter);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { page, action, actorId } = parsed.data;
  const where: Prisma.AuditEventWhereInput = { ...(action ? { action } : {}), ...(actorId ? { actorId } : {}) };

  const [rows, total, actorIds] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({ where: { actorId: { not: null } }, distinct: ["actorId"], select: { actorId: true } }),
  ]);
  // No foreign key (the log outlives anything done to a user row), so names are looked up, not joined.
  const people = await db().user.findMany({
    where: { id: { in: actorIds.map((r) => r.actorId!) } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));

  const lines = rows.map((row): AuditLine => {
    const actorName = row.actorId === null ? null : (names.get(row.actorId) ?? `user #${row.actorId}`);
    const detail = row.detail && typeof row.detail === "object" && !Array.isArray(row.detail) ? row.detail : {};
    return {
      id: row.id.toString(),
      at: row.at,
      action: row.action,
      actorId: row.actorId,
      actorName,
      sentence: describeAuditEvent({
        action: row.action,
        actorName,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        detail: detail as Record<string, unknown>,
      }),
      ip: row.ip,
    };
  });
  return { lines, page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total, people };
}
