import type { Metadata } from "next";
import Link from "next/link";
import { NewsroomPagination } from "@/components/admin/NewsroomPagination";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/events";
import { listAuditEvents } from "@/lib/auth/audit-log";
import { requireActor } from "@/lib/auth/sessions";
import { readPublication } from "@/lib/settings/publication";
import { formatInZone } from "@/lib/time/zones";

export const metadata: Metadata = { title: "Audit log" };

type Search = { action?: string | string[]; actor?: string | string[]; page?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: "Sign-ins",
  sign_in_failed: "Failed sign-ins",
  sign_out: "Sign-outs",
  article_publish: "Publications",
  article_schedule: "Schedulings",
  article_unpublish: "Unpublications",
  article_take_down: "Take-downs",
  article_publish_scheduled: "Scheduled publications",
  role_change: "Role changes",
  password_change: "Password changes",
  password_reset: "Password resets",
  token_create: "API tokens created",
  token_revoke: "API tokens revoked",
  user_create: "Users added",
  user_disable: "Users disabled",
  user_enable: "Users re-enabled",
  article_submit: "Submissions for review",
  article_return: "Returned from review",
  article_withdraw: "Withdrawn from review",
  front_pin: "Front pins",
  front_unpin: "Front unpins",
  settings_change: "Settings changes",
};

/** Admins only: who did what in the newsroom, newest first. A plain GET form filters, so no script is needed. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  // Like the articles list, a filter value nobody offered (an old bookmark, a typo) is dropped rather than refused.
  const action = AUDIT_ACTIONS.find((a) => a === one(sp.action));
  const actorId = /^[1-9][0-9]{0,8}$/.test(one(sp.actor)) ? Number(one(sp.actor)) : undefined;
  const page = Math.min(100_000, Math.max(1, Number.parseInt(one(sp.page), 10) || 1));
  const href = (n: number) => {
    const p = new URLSearchParams({
      ...(action ? { action } : {}),
      ...(actorId ? { actor: String(actorId) } : {}),
      ...(n > 1 ? { page: String(n) } : {}),
    });
    return p.size ? `/admin/audit?${p}` : "/admin/audit";
  };
  const actor = await requireActor("audit:read", href(page));
  const [log, { timeZone }] = await Promise.all([listAuditEvents(actor, { page, action, actorId }), readPublication()]);

  return (
    <>
      <div className="nr-page-head">
        <h1>Audit log</h1>
      </div>
      <form className="nr-filters" action="/admin/audit" method="get" role="search">
        <label htmlFor="audit-action" className="nr-skip">
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={action ?? ""}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
        <label htmlFor="audit-actor" className="nr-skip">
          Person
        </label>
        <select id="audit-actor" name="actor" defaultValue={actorId ? String(actorId) : ""}>
          <option value="">Everyone</option>
          {log.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
        <button type="submit" className="nr-btn">
          Filter
        </button>
        {action || actorId ? (
          <Link href="/admin/audit" className="nr-btn nr-btn-quiet">
            Clear
          </Link>
        ) : null}
        <span className="nr-muted" style={{ marginLeft: "auto" }}>
          {log.total} event{log.total === 1 ? "" : "s"} · times in {timeZone}
        </span>
      </form>
      <table className="nr-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {log.lines.length === 0 ? (
            <tr>
              <td colSpan={3} className="nr-muted">
                Nothing recorded{action || actorId ? " for this filter" : " yet"}.
              </td>
            </tr>
          ) : null}
          {log.lines.map((line) => (
            <tr key={line.id}>
              <td>
                <time dateTime={line.at.toISOString()}>{formatInZone(line.at, timeZone)}</time>
              </td>
              <td>{line.sentence}</td>
              <td className="nr-muted">{line.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewsroomPagination page={log.page} pageCount={log.pageCount} href={href} />
    </>
  );
}
