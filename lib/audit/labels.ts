import type { AuditAction } from "./events";

/** An audit row as the log screen needs it to say what happened. */
export type AuditLineInput = {
  action: AuditAction;
  /** The acting person's name; null for the system (the scheduler, the command line) or nobody (a failed sign-in). */
  actorName: string | null;
  subjectType: string | null;
  subjectId: number | null;
  detail: Record<string, unknown>;
};

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** "home" or "section:<slug>" as lib/fronts/curation.ts records it. */
const frontName = (value: unknown): string => {
  const front = text(value);
  return front?.startsWith("section:") ? `the ${front.slice(8)} front` : "the home page";
};

/**
 * One sentence a person reads without knowing the schema: "Anna Reed published “Headline” (#123)". The headline
 * and names are the ones at the time of the action (kept in `detail`), so a later rename does not rewrite history.
 */
export function describeAuditEvent(event: AuditLineInput): string {
  const who = event.actorName ?? "The system";
  const d = event.detail;
  const article = `“${text(d.headline) ?? "untitled"}” (#${event.subjectId ?? "?"})`;
  switch (event.action) {
    case "sign_in":
      return `${who} signed in`;
    case "sign_in_failed": {
      const email = text(d.email) ?? "an unknown email";
      const reason = text(d.reason);
      return `Failed sign-in as ${email}${reason ? ` (${reason})` : ""}`;
    }
    case "sign_out":
      return `${who} signed out`;
    case "article_publish":
      return `${who} published ${article}`;
    case "article_schedule":
      return `${who} scheduled ${article}`;
    case "article_unpublish":
      return `${who} unpublished ${article}`;
    case "article_take_down":
      return `${who} took down ${article}${text(d.reason) ? `: ${text(d.reason)}` : ""}`;
    case "front_pin":
      return `${who} pinned ${article} as ${(text(d.slot) ?? "a slot").toLowerCase()} of ${frontName(d.front)}${text(d.expiresAt) ? ` until ${text(d.expiresAt)}` : ""}`;
    case "front_unpin":
      return `${who} unpinned ${article} from ${(text(d.slot) ?? "a slot").toLowerCase()} of ${frontName(d.front)}`;
    case "article_publish_scheduled":
      return `The scheduler published ${article}`;
    case "role_change":
      return `${who} changed the role of ${text(d.email) ?? `user #${event.subjectId}`} from ${text(d.from) ?? "?"} to ${text(d.to) ?? "?"}`;
    case "password_change":
      return `${who} changed their password`;
    case "password_reset":
      return `${who} reset the password of ${text(d.email) ?? `user #${event.subjectId}`}`;
    case "token_create":
      return `${who} created the API token “${text(d.label) ?? ""}” (${text(d.prefix) ?? "?"}…) for ${text(d.email) ?? "?"}`;
    case "token_revoke":
      return `${who} revoked the API token “${text(d.label) ?? ""}” (${text(d.prefix) ?? "?"}…)`;
    case "user_disable":
      return `${who} disabled ${text(d.email) ?? `user #${event.subjectId}`}`;
    case "user_enable":
      return `${who} re-enabled ${text(d.email) ?? `user #${event.subjectId}`}`;
    case "article_submit":
      return `${who} submitted ${article} for review${text(d.note) ? `: ${text(d.note)}` : ""}`;
    case "article_return":
      return `${who} sent ${article} back to draft${text(d.note) ? `: ${text(d.note)}` : ""}`;
    case "article_withdraw":
      return `${who} withdrew ${article} from review`;
    case "settings_change":
      return `${who} changed the publication's settings (${text(d.fields) ?? "?"})`;
    case "user_create":
      return `${who} added ${text(d.name) ?? "?"} <${text(d.email) ?? "?"}> as ${(text(d.role) ?? "?").toLowerCase()}`;
  }
}
