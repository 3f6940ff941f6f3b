"use client";

import { useActionState, useId } from "react";

export type TakeDownState = { message?: string };

type Props = {
  articleId: number;
  action: (prev: TakeDownState, form: FormData) => Promise<TakeDownState>;
};

/**
 * Take-down, kept apart from Unpublish on purpose: it is for legal or ethical removal, needs a reason on record and
 * is final from the editor (the URL answers 410 Gone, and the article cannot be published again here). A plain form,
 * so it works without JavaScript too.
 */
export function TakeDownPanel({ articleId, action }: Props) {
  const id = useId();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <details className="nr-panel">
      <summary>Take down this article…</summary>
      <form action={formAction} className="nr-take-down">
        <p className="nr-hint">
          For legal or ethical removal only. The article leaves the site, its lists, sitemaps and feeds, and its address
          answers “410 Gone” with a short notice. It cannot be published again from the editor. To take an article off
          the site for now, use Unpublish instead.
        </p>
        <input type="hidden" name="id" value={articleId} />
        <div className="nr-field">
          <label htmlFor={`${id}-reason`}>Reason (kept on record, not shown to readers)</label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={3}
            required
            maxLength={2000}
            aria-invalid={state.message ? true : undefined}
            aria-describedby={state.message ? `${id}-error` : undefined}
          />
          {state.message ? (
            <p id={`${id}-error`} className="nr-field-error" role="alert">
              {state.message}
            </p>
          ) : null}
        </div>
        <div className="nr-field">
          <label>
            <input type="checkbox" name="removeImages" /> Remove its images too (they answer 410 Gone everywhere)
          </label>
        </div>
        <button type="submit" className="nr-btn nr-btn-danger" disabled={pending}>
          Take down
        </button>
      </form>
    </details>
  );
}
