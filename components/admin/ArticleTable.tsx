import Link from "next/link";
import { statusLabel } from "./article-form";

export type ArticleRowView = {
  id: number;
  headline: string;
  status: string;
  type: string;
  sectionName: string;
  authorNames: string[];
  updated: string;
  published: string | null;
  path: string | null;
  /** The review note (submitter's while in review, editor's when sent back), with who and when. */
  review?: string | null;
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`nr-status nr-status-${status}`}>{statusLabel(status)}</span>;
}

/** The newsroom's article list: dense, one row per article, the headline links to the editor. */
export function ArticleTable({ rows }: { rows: ArticleRowView[] }) {
  if (rows.length === 0) return <p className="nr-empty nr-panel">No articles match.</p>;
  return (
    <table className="nr-table">
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Status</th>
          <th scope="col">Section</th>
          <th scope="col">Authors</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/admin/articles/${r.id}`} className="nr-headline-link">
                {r.headline}
              </Link>
              <div className="nr-hint">
                {r.type} · #{r.id}
                {r.path ? (
                  <>
                    {" · "}
                    <a href={r.path} target="_blank" rel="noopener">
                      view
                    </a>
                  </>
                ) : null}
              </div>
            </td>
            <td>
              <StatusBadge status={r.status} />
              {r.published ? <div className="nr-hint">{r.published}</div> : null}
              {r.review ? <div className="nr-hint nr-review-note">{r.review}</div> : null}
            </td>
            <td>{r.sectionName}</td>
            <td>{r.authorNames.join(", ")}</td>
            <td className="nr-num">{r.updated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
