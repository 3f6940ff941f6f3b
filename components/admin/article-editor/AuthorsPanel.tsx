import { useState } from "react";
import { fieldError, type PickedAuthor } from "../article-form";
import type { PanelProps } from "./Field";

/** The byline: authors in order, moved up and down, removed, or added from the newsroom's list. */
export function AuthorsPanel({ fid, errors, values, update, allAuthors }: PanelProps & { allAuthors: PickedAuthor[] }) {
  const [authorToAdd, setAuthorToAdd] = useState("");
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
      <div className="nr-inline-form">
        <label htmlFor={fid("author-add")} className="nr-skip">
          Author to add
        </label>
        <select
          id={fid("author-add")}
          value={authorToAdd}
          onChange={(e) => setAuthorToAdd(e.target.value)}
          aria-invalid={fieldError(errors, "authors") ? true : undefined}
          aria-describedby={fieldError(errors, "authors") ? fid("authors-error") : undefined}
        >
          <option value="">Add an author…</option>
          {availableAuthors.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="nr-btn"
          disabled={!authorToAdd}
          onClick={() => {
            const found = allAuthors.find((a) => a.slug === authorToAdd);
            if (found) update("authors", [...values.authors, found]);
            setAuthorToAdd("");
          }}
        >
          Add
        </button>
      </div>
      {fieldError(errors, "authors") ? (
        <p className="nr-field-error" id={fid("authors-error")}>
          {fieldError(errors, "authors")}
        </p>
      ) : null}
    </section>
  );
}
