import { AuditAction as AuditActions, type Prisma } from "../../generated/prisma/client";
import type { Db, Tx } from "../db";

/**
 * The audit log of staff actions: who signed in (or tried), published, scheduled, unpublished or took down what,
 * changed whose password or role, made or revoked which token. A low domain: lib/auth and lib/articles call
 * `recordAudit` with the transaction of the change itself, so a change that rolls back leaves no audit row and a
 * committed change always has one. Reading the log is an admin action (lib/auth/audit-log.ts), kept there so that
 * this module needs nothing but the database and lib/auth can depend on it.
 */

export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions];

/** Every action, in the order of the schema's enum (the log screen's filter lists them so). */
export const AUDIT_ACTIONS = Object.values(AuditActions) as [AuditAction, ...AuditAction[]];

/** What an action was about; the id is the row's in that table. */
export type AuditSubject = { type: "article" | "user" | "token" | "publication"; id: number };

/** Small, flat and free of secrets: a headline, the email tried, a role. Never a password or token. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditEventInput = {
  /** Null for the system (the scheduler) and for a sign-in that matched nobody. */
  actorId: number | null;
  action: AuditAction;
  subject?: AuditSubject;
  detail?: AuditDetail;
  /** The client address (lib/http/client-address.ts) when the action came through a request. */
  ip?: string | null;
};

/** Longest text kept per detail value: the log records what happened, not whatever a form was sent. */
const MAX_DETAIL_TEXT = 300;

/** Writes one audit row with `client`: pass the transaction of the change so both commit or neither does. */
export async function recordAudit(client: Tx | Db, event: AuditEventInput): Promise<void> {
  const detail: AuditDetail = {};
  for (const [key, value] of Object.entries(event.detail ?? {})) {
    detail[key] = typeof value === "string" ? value.slice(0, MAX_DETAIL_TEXT) : value;
  }
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      subjectType: event.subject?.type ?? null,
      subjectId: event.subject?.id ?? null,
      detail: detail as Prisma.InputJsonObject,
      ip: event.ip ? event.ip.slice(0, 100) : null,
    },
  });
}
