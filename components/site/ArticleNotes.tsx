import type { ArticleNoteRef } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { Time } from "./Time";

/**
 * Corrections (above the body) or editorial updates (below it), each with the day it was added: "Correction,
 * 30 November 2026: …". A section with a heading rather than an aside, because a correction is part of the record
 * of the article, not decoration beside it.
 */
export function ArticleNotes({
  kind,
  notes,
  locale,
}: {
  kind: "correction" | "update";
  notes: readonly ArticleNoteRef[];
  locale: Locale;
}) {
  if (notes.length === 0) return null;
  const label = kind === "correction" ? "Correction" : "Update";
  return (
    <section
      className={`article-notes article-notes--${kind}`}
      aria-label={kind === "correction" ? "Corrections" : "Updates"}
    >
      {notes.map((note, i) => (
        <p key={i} className="article-notes__note">
          <strong>
            {label}, <Time iso={note.at} locale={locale} />:
          </strong>{" "}
          {note.text}
        </p>
      ))}
    </section>
  );
}
