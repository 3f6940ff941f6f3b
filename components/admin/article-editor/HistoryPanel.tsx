"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { DiffPart, RevisionDiff, RevisionListItem } from "@/lib/articles/revisions";
import type { ArticleFormValues } from "../article-form";

type Failure = { ok: false; message: string };

export type HistoryActions = {
  list: (articleId: number) => Promise<{ ok: true; revisions: RevisionListItem[] } | Failure>;
  diff: (articleId: number, revisionId: number) => Promise<{ ok: true; diff: RevisionDiff } | Failure>;
  restore: (
    articleId: number,
    revisionId: number,
    version: number,
  ) => Promise<{ ok: true; version: number; values: ArticleFormValues } | Failure>;
};

const KIND: Record<RevisionListItem["kind"], string> = {
  save: "Saved",
  autosave: "Autosaved",
  publish: "Published",
  restore: "Restored",
  take_down: "Taken down",
  scheduled_publish: "Published on schedule",
  note: "Note added",
};

const FIELD: Record<string, string> = {
  headline: "headline",
  dek: "standfirst",
  body: "body",
  type: "type",
  section: "section",
  slug: "slug",
  authors: "authors",
  tags: "tags",
  heroImage: "hero image",
  related: "related",
  publishedAt: "date",
  status: "status",
  correction: "correction note",
  update: "update note",
};

function Diff({ label, parts }: { label: string; parts: DiffPart[] }) {
  if (!parts.some((p) => p.op !== "same")) return null;
  return (
    <div className="nr-diff">
      <h4>{label}</h4>
      <p>
        {parts.map((p, i) =>
          p.op === "add" ? (
            <ins key={i}>{p.text}</ins>
          ) : p.op === "del" ? (
            <del key={i}>{p.text}</del>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
    </div>
  );
}

/**
 * The editor's history: every save of the article (who, when, what kind, which fields), what each changed as a
 * word-level diff, and restore (a new save of the old words, shown in the editor at once). Loaded on demand, so
 * opening the editor costs no extra query.
 *
 * Restore asks first in a modal `<dialog>` rather than `window.confirm`: focus stays inside it, Escape cancels and
 * focus goes back to the Restore button; after a restore, focus moves to the message saying what happened.
 */
export function HistoryPanel({
  articleId,
  version,
  dirty,
  actions,
  onRestored,
}: {
  articleId: number;
  version: number;
  dirty: boolean;
  actions: HistoryActions;
  onRestored: (values: ArticleFormValues) => void;
}) {
  const uid = useId();
  const [revisions, setRevisions] = useState<RevisionListItem[] | null>(null);
  // The newest applied revision of the editor's version: a take-down or a note after the last save keeps the version.
  const currentId = revisions?.find((r) => r.applied && r.version === version)?.id;
  const [open, setOpen] = useState<number | null>(null);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<RevisionListItem | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const doneNote = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (asking && !dialog.current?.open) dialog.current?.showModal();
  }, [asking]);
  useEffect(() => {
    if (done) doneNote.current?.focus();
  }, [done]);

  const load = async () => {
    setBusy(true);
    const result = await actions.list(articleId);
    setBusy(false);
    if (result.ok) {
      setRevisions(result.revisions);
      setMessage(null);
    } else setMessage(result.message);
  };

  const compare = async (revisionId: number) => {
    if (open === revisionId) {
      setOpen(null);
      return;
    }
    setOpen(revisionId);
    setDiff(null);
    const result = await actions.diff(articleId, revisionId);
    if (result.ok) setDiff(result.diff);
    else setMessage(result.message);
  };

  const restore = async (r: RevisionListItem) => {
    dialog.current?.close();
    setBusy(true);
    const result = await actions.restore(articleId, r.id, version);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    onRestored(result.values);
    setDone(
      `Restored the revision of ${new Date(r.at).toLocaleString()} (v${r.version}) as version ${result.version}. The editor shows it now.`,
    );
    await load();
  };

  return (
    <section className="nr-panel nr-history" aria-labelledby="nr-history-title">
      <h2 id="nr-history-title">History</h2>
      {revisions === null ? (
        <button type="button" className="nr-btn" onClick={() => void load()} disabled={busy}>
          Show history
        </button>
      ) : (
        <button type="button" className="nr-btn" onClick={() => void load()} disabled={busy}>
          Refresh history
        </button>
      )}
      <div aria-live="polite">
        {message ? (
          <p className="nr-alert nr-alert-error" role="alert">
            {message}
          </p>
        ) : null}
        {done ? (
          <p className="nr-hint" ref={doneNote} tabIndex={-1} data-testid="restore-done">
            {done}
          </p>
        ) : null}
      </div>
      {revisions?.length === 0 ? <p className="nr-hint">No revisions yet.</p> : null}
      {revisions?.length ? (
        <ol className="nr-history-list" data-testid="history-list">
          {revisions.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{KIND[r.kind]}</strong>
                {r.applied ? "" : " (not on the article)"} by{" "}
                {r.by ?? (r.kind === "scheduled_publish" ? "the scheduler" : "someone no longer on staff")}
                <br />
                <time dateTime={r.at}>{new Date(r.at).toLocaleString()}</time> · v{r.version}
                {r.fields.length ? <> · {r.fields.map((f) => FIELD[f] ?? f).join(", ")}</> : null}
              </p>
              <p className="nr-history-actions">
                <button
                  type="button"
                  className="nr-btn"
                  aria-expanded={open === r.id}
                  onClick={() => void compare(r.id)}
                >
                  Changes<span className="nr-visually-hidden"> in this revision</span>
                </button>
                {r.id !== currentId ? (
                  <button
                    type="button"
                    className="nr-btn"
                    disabled={busy}
                    onClick={() => {
                      setDone(null);
                      setAsking(r);
                    }}
                  >
                    Restore<span className="nr-visually-hidden"> this revision</span>
                  </button>
                ) : (
                  <span className="nr-hint">Current</span>
                )}
              </p>
              {open === r.id ? (
                diff && diff.id === r.id ? (
                  <div data-testid="revision-diff">
                    <Diff label="Headline" parts={diff.headline} />
                    <Diff label="Standfirst" parts={diff.dek} />
                    <Diff label="Body" parts={diff.body} />
                    {diff.otherFields.length ? (
                      <p className="nr-hint">Also changed: {diff.otherFields.map((f) => FIELD[f] ?? f).join(", ")}</p>
                    ) : null}
                  </div>
                ) : (
                  <p className="nr-hint">Loading…</p>
                )
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      <dialog
        ref={dialog}
        className="nr-dialog"
        aria-labelledby={`${uid}-ask`}
        aria-describedby={`${uid}-ask-text`}
        onClose={() => setAsking(null)}
      >
        <h2 id={`${uid}-ask`}>Restore this revision?</h2>
        <p id={`${uid}-ask-text`}>
          {dirty
            ? "Your unsaved changes will be replaced by it (they stay in the history only if they were autosaved)."
            : "Its words become the article’s, as a new save; the current version stays in the history."}
        </p>
        <p className="nr-conflict-actions">
          <button type="button" className="nr-btn nr-btn-primary" onClick={() => asking && void restore(asking)}>
            Restore revision
          </button>
          <button type="button" className="nr-btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </p>
      </dialog>
    </section>
  );
}
