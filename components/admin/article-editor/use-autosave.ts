import { useEffect, useRef, useState } from "react";
import type { ArticleConflict, ArticleSavePayload, AutosaveState, SavedArticleRef } from "../article-form";

/** Seconds of quiet after the last edit before the editor saves by itself. */
const IDLE_MS = 4_000;

export type AutosaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string; applied: boolean }
  | { kind: "offline" }
  | { kind: "error"; message: string };

/**
 * Autosave: a few seconds after the last edit, sends the form to the autosave action (a draft is saved; a
 * published article's changes are kept as a revision only; a new article's first autosave creates it as a draft).
 * It sends the version like any save, so a conflict stops it and hands over to the conflict screen. Offline, it says
 * so and tries again when the browser is back online. Nothing is autosaved while a manual save is on its way or a
 * conflict is on screen (`enabled`; `autosave` answers null when a save started in the meantime).
 */
export function useAutosave({
  enabled,
  dirty,
  editTick,
  autosave,
  payload,
  onSaved,
  onConflict,
}: {
  enabled: boolean;
  dirty: boolean;
  editTick: number;
  autosave: (payload: ArticleSavePayload) => Promise<AutosaveState> | null;
  payload: () => ArticleSavePayload;
  onSaved: (version: number, applied: boolean, tickSent: number, created?: SavedArticleRef) => void;
  onConflict: (conflict: ArticleConflict) => void;
}): AutosaveStatus {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const [retry, setRetry] = useState(0);
  const inFlight = useRef(false);
  // The latest callbacks, read when the timer fires (the effect below must not restart on every render).
  const latest = useRef({ autosave, payload, onSaved, onConflict, editTick });
  useEffect(() => {
    latest.current = { autosave, payload, onSaved, onConflict, editTick };
  });

  useEffect(() => {
    const online = () => setRetry((n) => n + 1);
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);

  useEffect(() => {
    if (!enabled || !dirty) return;
    const run = async () => {
      if (inFlight.current) return;
      if (!navigator.onLine) {
        setStatus({ kind: "offline" });
        return;
      }
      const { autosave: send, payload: build, editTick: tick } = latest.current;
      const sent = send(build());
      if (!sent) return;
      inFlight.current = true;
      setStatus({ kind: "saving" });
      try {
        const result = await sent;
        if (result.outcome === "saved") {
          latest.current.onSaved(result.version, result.applied, tick, result.article);
          setStatus({ kind: "saved", at: result.at, applied: result.applied });
        } else if (result.outcome === "conflict") {
          setStatus({ kind: "idle" });
          latest.current.onConflict(result.conflict);
        } else {
          setStatus({ kind: "error", message: result.message });
        }
      } catch {
        // The request never reached the server (or its answer never came back).
        setStatus({ kind: "offline" });
      } finally {
        inFlight.current = false;
        // Edits made while this autosave was on its way get their own, once it is done.
        if (latest.current.editTick !== tick) setRetry((n) => n + 1);
      }
    };
    const timer = window.setTimeout(() => void run(), IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [enabled, dirty, editTick, retry]);

  return status;
}
