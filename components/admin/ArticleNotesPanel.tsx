"use client";

import { useActionState, useId } from "react";

export type NotesPanelState = { message?: string };

type Note = { id: number; kind: "correction" | "update"; text: string; createdAt: string; createdBy: string | null };

type Props = {
  articleId: number;
  notes: readonly Note[];
  timeZone: string;
  action: (prev: NotesPanelState, form: FormData) => Promise<NotesPanelState>;
};

/**
 * Corrections and updates of a published article: the ones on record, and a form to add one. A plain form, so it
 * works without JavaScript too. Notes cannot be edited or removed: a wrong correction is corrected by another one.
 */
export function ArticleNotesPanel({ articleId, notes, timeZone, action }: Props) {
  const id = useId();
  const [state, formAction, pending] = useActionState(action, {});
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <details className="nr-panel" open={notes.length > 0}>
      <summary>Corrections and updates ({notes.length})</summary>
      {notes.length > 0 ? (
        <ul className="nr-notes" aria-label="Corrections and updates on record">
          {notes.map((n) => (
            <li key={n.id}>
              <strong>{n.kind === "correction" ? "Correction" : "Update"}</strong>,{" "}
              <time dateTime={n.createdAt}>{format.format(new Date(n.createdAt))}</time>
              {n.createdBy ? ` by ${n.createdBy}` : null}: {n.text}
            </li>
          ))}
        </ul>
      ) : null}
      <form action={formAction}>
        <p className="nr-hint">
          Readers see corrections at the top of the article and updates at its foot, each with today’s date; both set
          the “Updated” time, and corrections are listed on /corrections. A note cannot be changed once added.
        </p>
        <input type="hidden" name="id" value={articleId} />
        <div className="nr-field">
          <label>
            <input type="radio" name="kind" value="correction" defaultChecked /> Correction
          </label>{" "}
          <label>
            <input type="radio" name="kind" value="update" /> Update
          </label>
        </div>
        <div className="nr-field">
          <label htmlFor={`${id}-text`}>Text</label>
          <textarea
            id={`${id}-text`}
            name="text"
            rows={3}
            required
            maxLength={1000}
            aria-invalid={state.message ? true : undefined}
            aria-describedby={state.message ? `${id}-error` : undefined}
          />
          {state.message ? (
            <p id={`${id}-error`} className="nr-field-error" role="alert">
              {state.message}
            </p>
          ) : null}
        </div>
        <button type="submit" className="nr-btn" disabled={pending}>
          Add note
        </button>
      </form>
    </details>
  );
}
