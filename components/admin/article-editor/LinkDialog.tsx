"use client";

import { useCallback, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { isSafeHref } from "@/lib/documents/schema";
import { ArticleSearch } from "../ArticleSearch";
import type { PickedArticle } from "../article-form";

export type LinkDialogHandle = { open: (href: string) => void };

type Props = {
  ref: Ref<LinkDialogHandle>;
  searchArticles: (q: string) => Promise<PickedArticle[]>;
  /**
   * Sets (or, with "", removes) the link on the editor's selection and gives the editor its focus back. `text` is
   * what to write when nothing is selected (the headline of a picked article).
   */
  onApply: (href: string, text?: string) => void;
  onCancel: () => void;
};

/**
 * The link dialog of the body toolbar (Ctrl/Cmd+K): paste an address, checked by the same rule the document schema
 * applies on save (`isSafeHref`), or find one of our own articles by headline and link to its canonical path. It
 * lives inside the article form, so Enter is handled here rather than left to submit the article.
 */
export function LinkDialog({ ref, searchArticles, onApply, onCancel }: Props) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [href, setHref] = useState("");
  const [hadLink, setHadLink] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The search box is mounted only while the dialog is open, so every opening starts from an empty search.
  const [openCount, setOpenCount] = useState(0);

  useImperativeHandle(ref, () => ({
    open: (previous: string) => {
      setHref(previous);
      setHadLink(previous !== "");
      setError(null);
      setOpenCount((n) => n + 1);
      dialog.current?.showModal();
      input.current?.focus();
      input.current?.select();
    },
  }));

  const close = () => dialog.current?.close();

  const apply = (value: string, text?: string) => {
    const target = value.trim();
    if (target !== "" && !isSafeHref(target)) {
      setError(`“${target}” is not a link we can publish. Use http(s)://…, mailto:… or an on-site path (/…).`);
      input.current?.focus();
      return;
    }
    close();
    onApply(target, text);
  };

  // Only published articles have a public address to link to; the search lists those alone.
  const searchLinkable = useCallback(
    async (q: string) => (await searchArticles(q)).filter((a) => a.path),
    [searchArticles],
  );

  return (
    <dialog
      ref={dialog}
      className="nr-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={() => onCancel()}
      data-testid="link-dialog"
    >
      <h2 id={`${id}-title`}>Link</h2>
      <div className="nr-field">
        <label htmlFor={`${id}-url`}>Address</label>
        <input
          ref={input}
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={href}
          placeholder="https://… or /2026/…"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          onChange={(e) => {
            setHref(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply(href);
            }
          }}
        />
        {error ? (
          <span className="nr-field-error" id={`${id}-error`} role="alert">
            {error}
          </span>
        ) : null}
        <span className="nr-hint" id={`${id}-hint`}>
          Press Enter to apply. Leave it empty to remove the link.
        </span>
      </div>
      {openCount > 0 ? (
        <ArticleSearch
          key={openCount}
          label="Or link to one of our articles"
          search={searchLinkable}
          onPick={(a) => a.path && apply(a.path, a.headline)}
        />
      ) : null}
      <p className="nr-dialog-actions">
        {hadLink ? (
          <button type="button" className="nr-btn nr-btn-danger" onClick={() => apply("")}>
            Remove link
          </button>
        ) : null}
        <button
          type="button"
          className="nr-btn"
          onClick={() => {
            close();
            onCancel();
          }}
        >
          Cancel
        </button>
        <button type="button" className="nr-btn nr-btn-primary" onClick={() => apply(href)}>
          Apply
        </button>
      </p>
    </dialog>
  );
}
