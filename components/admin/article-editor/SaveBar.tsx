import type { ReactNode } from "react";
import { statusLabel, type ArticleSaveState, type SavedArticleRef } from "../article-form";

/** Fields the editor shows messages beside; the server's messages for anything else are listed in the alert. */
const KNOWN_FIELDS = [
  "headline",
  "dek",
  "body",
  "section",
  "type",
  "slug",
  "publishedAt",
  "authors",
  "tags",
  "heroImage",
  "related",
  "seo",
];

/** The editor's top bar (status, save/publish buttons) and what the last save answered. */
export function SaveBar({
  status,
  saved,
  dirty,
  pending,
  canPublish,
  state,
  autosave,
}: {
  status: string;
  saved: SavedArticleRef | null;
  dirty: boolean;
  pending: boolean;
  canPublish: boolean;
  state: ArticleSaveState;
  /** What autosave is doing ("Saved 12:03", "Offline — not saved"). */
  autosave?: ReactNode;
}) {
  const isLive = status === "published";
  // A scheduled article is on its way to the site: it is updated, or taken back to draft, like a live one.
  const isOnItsWay = isLive || status === "scheduled";
  const errors = state.outcome === "error" ? state.fields : undefined;
  const unplaced = errors
    ? Object.entries(errors).filter(([k]) => !KNOWN_FIELDS.some((f) => k === f || k.startsWith(`${f}.`)))
    : [];

  return (
    <>
      <div className="nr-editor-bar">
        <span className={`nr-status nr-status-${status}`} data-testid="article-status">
          {statusLabel(status)}
        </span>
        {saved?.id ? <span className="nr-muted">#{saved.id}</span> : <span className="nr-muted">Not saved yet</span>}
        {dirty ? <span className="nr-muted">· unsaved changes</span> : null}
        <span aria-live="polite">{autosave}</span>
        <span className="nr-spacer" />
        {isOnItsWay ? (
          <>
            {canPublish ? (
              <button type="submit" name="intent" value="unpublish" className="nr-btn nr-btn-danger" disabled={pending}>
                {isLive ? "Unpublish" : "Unschedule"}
              </button>
            ) : null}
            {isLive && canPublish ? (
              <label className="nr-muted" title="A typo fix: readers are not told the story was updated">
                <input type="checkbox" name="minorEdit" /> Minor edit
              </label>
            ) : null}
            <button
              type="submit"
              name="intent"
              value="save"
              className="nr-btn nr-btn-primary"
              disabled={pending || !canPublish}
            >
              Update
            </button>
          </>
        ) : (
          <>
            <button type="submit" name="intent" value="save" className="nr-btn" disabled={pending}>
              Save draft
            </button>
            {canPublish && status !== "taken_down" ? (
              <button type="submit" name="intent" value="publish" className="nr-btn nr-btn-primary" disabled={pending}>
                Publish
              </button>
            ) : null}
          </>
        )}
      </div>

      <div aria-live="polite">
        {pending ? <p className="nr-hint">Saving…</p> : null}
        {!pending && state.outcome === "error" ? (
          <div className="nr-alert nr-alert-error" role="alert" tabIndex={-1} data-save-message>
            <strong>{state.message ?? "The article was not saved."}</strong> Nothing you typed has been lost.
            {unplaced.length ? (
              <ul>
                {unplaced.map(([k, m]) => (
                  <li key={k}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {!pending && state.outcome === "saved" ? (
          <div className="nr-alert nr-alert-ok" role="status" tabIndex={-1} data-save-message>
            {state.message}
            {saved?.status === "published" && saved.path ? (
              <>
                {" "}
                <a href={saved.path} target="_blank" rel="noopener">
                  View on site
                </a>{" "}
                <span className="nr-muted">({saved.url})</span>
              </>
            ) : null}
          </div>
        ) : null}
        {state.outcome === "idle" && isLive && saved?.path ? (
          <p className="nr-hint">
            Live at{" "}
            <a href={saved.path} target="_blank" rel="noopener">
              {saved.url ?? saved.path}
            </a>{" "}
            ·{" "}
            <a href={saved.path} target="_blank" rel="noopener">
              View on site
            </a>
          </p>
        ) : null}
      </div>
    </>
  );
}
