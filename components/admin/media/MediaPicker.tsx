"use client";

import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import type { UploadResult } from "../article-form";
import type { MediaCard, MediaSearchResult } from "./media-view";
import { MediaThumb } from "./MediaThumb";

/** An image picked from the library or just uploaded: what the hero panel and a body figure need. */
export type PickedMedia = Pick<MediaCard, "id" | "url" | "width" | "height" | "alt" | "caption" | "credit">;

export type MediaPickerHandle = { open: () => void };

type Props = {
  title: string;
  search: (q: string, page: number) => Promise<MediaSearchResult>;
  uploadImage: (form: FormData) => Promise<UploadResult>;
  onPick: (media: PickedMedia) => void;
};

/**
 * The media library as a dialog, for the hero image and the body's Image button: search by alt text, caption or
 * credit, pick from a grid, or upload a new image. A native modal `<dialog>`: the page behind is inert (focus
 * stays inside), Escape closes it, it is labelled by its heading, and focus returns to the button that opened it.
 */
export const MediaPicker = forwardRef<MediaPickerHandle, Props>(function MediaPicker(
  { title, search, uploadImage, onPick },
  ref,
) {
  const uid = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<MediaSearchResult | null>(null);
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const latest = useRef(0);

  useImperativeHandle(ref, () => ({
    open: () => {
      setOpened(true);
      setNotice(null);
      dialog.current?.showModal();
      searchBox.current?.focus();
    },
  }));

  useEffect(() => {
    if (!opened) return;
    const ticket = ++latest.current;
    const timer = setTimeout(
      () => {
        search(q.trim(), page).then(
          (found) => ticket === latest.current && setResult(found),
          () =>
            ticket === latest.current &&
            setNotice({ kind: "error", text: "The library could not be searched. Try again." }),
        );
      },
      q ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [opened, q, page, search]);

  const choose = useCallback(
    (media: PickedMedia) => {
      dialog.current?.close();
      onPick(media);
    },
    [onPick],
  );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setNotice({ kind: "info", text: `Uploading ${file.name}…` });
    const form = new FormData();
    form.set("file", file);
    const uploaded = await uploadImage(form);
    if (!uploaded.ok) {
      setNotice({ kind: "error", text: uploaded.error });
      return;
    }
    setNotice(null);
    choose({ ...uploaded.media, alt: "", caption: "", credit: "" });
  };

  return (
    <dialog
      ref={dialog}
      className="nr-dialog nr-media-picker"
      aria-labelledby={`${uid}-h`}
      onClose={() => setOpened(false)}
    >
      <div className="nr-page-head">
        <h2 id={`${uid}-h`}>{title}</h2>
        <button type="button" className="nr-btn nr-btn-quiet" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className="nr-field">
        <label htmlFor={`${uid}-q`}>Search the library</label>
        <input
          ref={searchBox}
          id={`${uid}-q`}
          type="search"
          value={q}
          placeholder="Alt text, caption or credit"
          aria-describedby={`${uid}-count`}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <p id={`${uid}-count`} className="nr-hint" role="status">
          {result ? `${result.total} image${result.total === 1 ? "" : "s"}` : "Loading…"}
        </p>
      </div>
      {result && result.items.length > 0 ? (
        <ul className="nr-media-grid nr-media-grid-small" aria-label="Images">
          {result.items.map((item) => (
            <li key={item.id}>
              <button type="button" className="nr-media-card" onClick={() => choose(item)}>
                <MediaThumb item={item} sizes="120px" />
                <span className="nr-media-text">{item.alt || item.caption || `Image ${item.id}`}</span>
                {item.credit ? <span className="nr-muted nr-media-meta">{item.credit}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {result && result.pageCount > 1 ? (
        <nav className="nr-pagination" aria-label="Pages of images">
          <button type="button" className="nr-btn nr-btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ← Newer
          </button>
          <span className="nr-muted">
            Page {result.page} of {result.pageCount}
          </span>
          <button
            type="button"
            className="nr-btn nr-btn-small"
            disabled={page >= result.pageCount}
            onClick={() => setPage(page + 1)}
          >
            Older →
          </button>
        </nav>
      ) : null}
      <div className="nr-field">
        <label htmlFor={`${uid}-file`}>Or upload a new image</label>
        <input
          id={`${uid}-file`}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      {notice ? (
        <p
          className={notice.kind === "error" ? "nr-alert nr-alert-error" : "nr-hint"}
          role={notice.kind === "error" ? "alert" : "status"}
        >
          {notice.text}
        </p>
      ) : null}
    </dialog>
  );
});
