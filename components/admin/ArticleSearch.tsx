"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { PickedArticle } from "./article-form";

type Props = {
  label: string;
  search: (q: string) => Promise<PickedArticle[]>;
  onPick: (article: PickedArticle) => void;
  excludeIds?: number[];
  autoFocus?: boolean;
};

/** Type to search existing articles (debounced), then pick one with a click or Enter. */
export function ArticleSearch({ label, search, onPick, excludeIds = [], autoFocus }: Props) {
  const id = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickedArticle[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setResults(null);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setBusy(true);
      setFailed(false);
      // A failed search (network down, session expired) says so, instead of an unhandled rejection that left the
      // previous query's results on screen as if they matched this one.
      void search(query)
        .then(
          (found) => ticket === latest.current && setResults(found),
          () => {
            if (ticket !== latest.current) return;
            setResults(null);
            setFailed(true);
          },
        )
        .finally(() => ticket === latest.current && setBusy(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, search]);

  const shown = results?.filter((r) => !excludeIds.includes(r.id)) ?? null;
  return (
    <div className="nr-article-search">
      <label htmlFor={id} className="nr-label">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={q}
        autoFocus={autoFocus}
        placeholder="Search by headline"
        autoComplete="off"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the first result instead of submitting the article form.
          if (e.key === "Enter") {
            e.preventDefault();
            if (shown?.[0]) {
              onPick(shown[0]);
              setQ("");
            }
          }
        }}
        aria-describedby={`${id}-status`}
      />
      <div id={`${id}-status`} className="nr-hint" aria-live="polite">
        {busy
          ? "Searching…"
          : failed
            ? "The search failed. Check your connection and try again."
            : shown && shown.length === 0
              ? "No matching articles."
              : ""}
      </div>
      {shown && shown.length > 0 ? (
        <ul className="nr-search-results" aria-label="Matching articles">
          {shown.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(a);
                  setQ("");
                }}
              >
                <span>{a.headline}</span>
                {a.status ? (
                  <span className={`nr-status nr-status-${a.status.toLowerCase()}`}>{a.status.toLowerCase()}</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
