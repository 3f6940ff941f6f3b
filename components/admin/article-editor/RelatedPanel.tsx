import { ArticleSearch } from "../ArticleSearch";
import { fieldError, type PickedArticle } from "../article-form";
import type { PanelProps } from "./Field";

/** Editor's picks shown first under the article, found by search; never the article itself. */
export function RelatedPanel({
  fid,
  errors,
  values,
  update,
  selfId,
  searchArticles,
}: PanelProps & { selfId: number | null; searchArticles: (q: string) => Promise<PickedArticle[]> }) {
  return (
    <section className="nr-panel" aria-labelledby={fid("related-h")}>
      <h2 id={fid("related-h")}>Related articles</h2>
      <p className="nr-hint">Editor’s picks, shown first under the article.</p>
      {values.related.length ? (
        <ol className="nr-list">
          {values.related.map((r) => (
            <li key={r.id}>
              <span>{r.headline}</span>
              <button
                type="button"
                className="nr-btn nr-btn-small nr-btn-danger"
                aria-label={`Remove related article ${r.headline}`}
                onClick={() =>
                  update(
                    "related",
                    values.related.filter((x) => x.id !== r.id),
                  )
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <ArticleSearch
        label="Add a related article"
        search={searchArticles}
        excludeIds={[...(selfId ? [selfId] : []), ...values.related.map((r) => r.id)]}
        onPick={(a) => update("related", [...values.related, { id: a.id, headline: a.headline }])}
      />
      {fieldError(errors, "related") ? <p className="nr-field-error">{fieldError(errors, "related")}</p> : null}
    </section>
  );
}
