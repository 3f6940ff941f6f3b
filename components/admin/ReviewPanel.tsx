"use client";

import { useActionState, useId } from "react";

export type ReviewPanelState = { message?: string };

type Props = {
  articleId: number;
  status: string;
  /** The last review note: the submitter's while in review, the editor's once sent back. */
  review: { note: string; by: string | null; at: string } | null;
  canSubmit: boolean;
  canReturn: boolean;
  /** The writer's own submission, still in review: they may take it back to keep working on it. */
  canWithdraw: boolean;
  timeZone: string;
  action: (prev: ReviewPanelState, form: FormData) => Promise<ReviewPanelState>;
};

/**
 * The review step of an article: submitting a draft with a note for the editors, and, for an editor, sending an
 * article in review back with a note (publishing or scheduling it is the editor's Publish button); for the writer, taking
 * their own submission back to draft. Plain forms, so they work without JavaScript. Unsaved edits in the editor are
 * not part of them: save first.
 */
export function ReviewPanel({ articleId, status, review, canSubmit, canReturn, canWithdraw, timeZone, action }: Props) {
  const id = useId();
  const [state, formAction, pending] = useActionState(action, {});
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  const inReview = status === "in_review";
  const intent = inReview ? "return" : "submit";
  const allowed = inReview ? canReturn : canSubmit && (status === "draft" || status === "unpublished");
  const withdraw = inReview && canWithdraw;
  if (!review && !allowed && !withdraw) return null;
  return (
    <section className="nr-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Review</h2>
      {review ? (
        <p data-testid="review-note">
          {inReview ? "Submitted for review" : "Sent back to draft"}
          {review.by ? ` by ${review.by}` : ""}, <time dateTime={review.at}>{format.format(new Date(review.at))}</time>
          {review.note ? (
            <>
              : <q>{review.note}</q>
            </>
          ) : null}
        </p>
      ) : null}
      {allowed ? (
        <form action={formAction}>
          <input type="hidden" name="id" value={articleId} />
          <input type="hidden" name="intent" value={intent} />
          <div className="nr-field">
            <label htmlFor={`${id}-note`}>
              {inReview ? "Why it goes back (for the writer)" : "Note for the editors"}
            </label>
            <textarea
              id={`${id}-note`}
              name="note"
              rows={3}
              maxLength={2000}
              aria-invalid={state.message ? true : undefined}
              aria-describedby={state.message ? `${id}-error` : `${id}-hint`}
            />
            <span className="nr-hint" id={`${id}-hint`}>
              {inReview
                ? "To publish or schedule it instead, use Publish above."
                : "Save your changes first: the saved version is what the editors review."}
            </span>
            {state.message ? (
              <span className="nr-field-error" id={`${id}-error`} role="alert">
                {state.message}
              </span>
            ) : null}
          </div>
          <button type="submit" className={inReview ? "nr-btn" : "nr-btn nr-btn-primary"} disabled={pending}>
            {inReview ? "Send back to draft" : "Submit for review"}
          </button>
        </form>
      ) : null}
      {withdraw ? (
        <form action={formAction} aria-label="Withdraw from review">
          <input type="hidden" name="id" value={articleId} />
          <input type="hidden" name="intent" value="withdraw" />
          <p className="nr-hint" id={`${id}-withdraw-hint`}>
            Withdrawing takes it out of the editors&apos; queue and clears your note; submit it again when it is ready.
          </p>
          {!allowed && state.message ? (
            <p className="nr-field-error" role="alert">
              {state.message}
            </p>
          ) : null}
          <button type="submit" className="nr-btn" disabled={pending} aria-describedby={`${id}-withdraw-hint`}>
            Withdraw from review
          </button>
        </form>
      ) : null}
    </section>
  );
}
