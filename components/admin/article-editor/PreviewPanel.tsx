"use client";

import { useState } from "react";
import { formatInZone } from "@/lib/time/zones";
import type { PreviewRequest, PreviewResult, RevokeResult } from "../article-form";

/**
 * Preview and share: both make a preview link (lib/articles/preview.ts) of what is on screen, saved or not. "Preview"
 * opens it in a new tab; "Share a preview link" shows it for someone without an account. The tab is opened before
 * the link exists, on the click itself, because browsers block windows opened after an await.
 */
export function PreviewPanel({
  articleId,
  snapshot,
  timeZone,
  preview,
  revoke,
}: {
  articleId: number | null;
  /** The unsaved fields, or null when what is saved is what is on screen. */
  snapshot: () => PreviewRequest["snapshot"];
  timeZone: string;
  preview: (request: PreviewRequest) => Promise<PreviewResult>;
  revoke: (id: number) => Promise<RevokeResult>;
}) {
  const [shared, setShared] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);

  const request = async (): Promise<PreviewResult | null> => {
    if (!articleId) return null;
    setBusy(true);
    setError(null);
    try {
      const result = await preview({ id: articleId, snapshot: snapshot() });
      if (!result.ok) setError(result.message);
      return result;
    } catch {
      setError("The preview could not be made. Check your connection and try again.");
      return null;
    } finally {
      setBusy(false);
    }
  };

  const open = async () => {
    const tab = window.open("about:blank", "_blank");
    const result = await request();
    if (result?.ok && tab) {
      tab.opener = null;
      tab.location.href = result.url;
    } else if (result?.ok) {
      window.location.assign(result.url);
    } else {
      tab?.close();
    }
  };

  const end = async () => {
    if (!articleId) return;
    setBusy(true);
    setError(null);
    try {
      const result = await revoke(articleId);
      if (result.ok) {
        setShared(null);
        setEnded(result.revoked);
      } else setError(result.message);
    } catch {
      setError("The links could not be ended. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  };

  const share = async () => {
    const result = await request();
    if (result?.ok) {
      setEnded(null);
      setShared({ url: result.url, expiresAt: result.expiresAt });
    }
  };

  return (
    <section className="nr-panel" aria-labelledby="nr-preview-heading">
      <h2 id="nr-preview-heading">Preview</h2>
      {articleId ? (
        <>
          <p className="nr-hint">See the article as readers will, unsaved changes included. Not public.</p>
          <div className="nr-row">
            <button type="button" className="nr-btn" onClick={() => void open()} disabled={busy}>
              Preview
            </button>
            <button type="button" className="nr-btn" onClick={() => void share()} disabled={busy}>
              Share a preview link
            </button>
            <button type="button" className="nr-btn" onClick={() => void end()} disabled={busy}>
              End preview links
            </button>
          </div>
        </>
      ) : (
        <p className="nr-hint">Save the draft once to preview it.</p>
      )}
      {error ? (
        <p className="nr-field-error" role="alert">
          {error}
        </p>
      ) : null}
      {ended !== null ? (
        <p className="nr-hint" role="status">
          {ended === 1 ? "1 preview link no longer works." : `${ended} preview links no longer work.`}
        </p>
      ) : null}
      {shared ? (
        <div role="status">
          <label className="nr-label" htmlFor="nr-preview-link">
            Preview link (works until {formatInZone(new Date(shared.expiresAt), timeZone)}, no account needed)
          </label>
          <input
            id="nr-preview-link"
            type="text"
            readOnly
            value={shared.url}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="preview-link"
          />
        </div>
      ) : null}
    </section>
  );
}
