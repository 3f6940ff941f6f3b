import { fieldError, type PickedAuthor } from "../article-form";
import { AuthorCombobox } from "./AuthorCombobox";
import type { PanelProps } from "./Field";

/** The byline: authors in order, moved up and down, removed, or added with a searchable picker. */
export function AuthorsPanel({ fid, errors, values, update, allAuthors }: PanelProps & { allAuthors: PickedAuthor[] }) {
  const availableAuthors = allAuthors.filter((a) => !values.authors.some((p) => p.slug === a.slug));
  const moveAuthor = (index: number, delta: -1 | 1) => {
    const next = [...values.authors];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    update("authors", next);
  };

  return (
    <section className="nr-panel" aria-labelledby={fid("authors-h")}>
      <h2 id={fid("authors-h")}>Authors</h2>
      {values.authors.length ? (
        <ol className="nr-list" aria-label="Byline order">
          {values.authors.map((a, i) => (
            <li key={a.slug}>
              <span>{a.name}</span>
              <button
                type="button"
                className="nr-btn nr-btn-small"
                aria-label={`Move ${a.name} up`}
                disabled={i === 0}
                onClick={() => moveAuthor(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="nr-btn nr-btn-small"
                aria-label={`Move ${a.name} down`}
                disabled={i === values.authors.length - 1}
                onClick={() => moveAuthor(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="nr-btn nr-btn-small nr-btn-danger"
                aria-label={`Remove ${a.name}`}
                onClick={() =>
                  update(
                    "authors",
                    values.authors.filter((x) => x.slug !== a.slug),
                  )
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="nr-hint">No authors yet.</p>
      )}
      <AuthorCombobox
        id={fid("author-add")}
        options={availableAuthors}
        onPick={(author) => update("authors", [...values.authors, author])}
        invalid={!!fieldError(errors, "authors")}
        describedBy={fieldError(errors, "authors") ? fid("authors-error") : undefined}
      />
      {fieldError(errors, "authors") ? (
        <p className="nr-field-error" id={fid("authors-error")}>
          {fieldError(errors, "authors")}
        </p>
      ) : null}
    </section>
  );
}
