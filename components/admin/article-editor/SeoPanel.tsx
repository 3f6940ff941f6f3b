import { useRef, useState } from "react";
import { fieldError, type UploadResult } from "../article-form";
import { MediaPicker, type MediaPickerHandle } from "../media/MediaPicker";
import type { MediaSearchResult } from "../media/media-view";
import { Field, type PanelProps } from "./Field";

/** What search results show before cutting (Google: ~600 px ≈ 60 characters of title, ~160 of description). */
const TITLE_FITS = 60;
const DESCRIPTION_FITS = 160;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function lengthHint(length: number, fits: number, what: string): string {
  if (length === 0) return `Empty: the ${what} is used.`;
  return length > fits
    ? `${length} characters: search results cut it after about ${fits}.`
    : `${length} of about ${fits} characters that search results show.`;
}

/**
 * Search and social: the title and description search engines and social networks show (when different from the
 * headline and standfirst) and the image of the social card, with a live preview of a search result and of a card.
 * The previews follow the same fallbacks as the reader's page (lib/seo/overrides.ts). The social image comes from the
 * media library through the same picker dialog as the hero (where an upload is one of the choices).
 */
export function SeoPanel({
  fid,
  errors,
  values,
  update,
  siteName,
  uploadImage,
  searchMedia,
}: PanelProps & {
  siteName: string;
  uploadImage: (form: FormData) => Promise<UploadResult>;
  searchMedia: (q: string, page: number) => Promise<MediaSearchResult>;
}) {
  const picker = useRef<MediaPickerHandle>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  // Open at first when something is overridden; then the person's to open and close (clearing the last override
  // must not fold the panel away under their focus).
  const [open, setOpen] = useState(() => !!(values.seoTitle || values.seoDescription || values.seoImage));
  const title = values.seoTitle.trim() || values.headline.trim() || "Headline";
  const description = values.seoDescription.trim() || values.dek.trim();
  const image = values.seoImage?.src || values.heroImage?.src || null;
  const address = values.url ?? `…/${values.slug || "slug"}`;

  return (
    <details className="nr-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Search and social</summary>
      <Field
        id={fid("seo-title")}
        label="SEO title"
        error={fieldError(errors, "seo.title")}
        hint={lengthHint(values.seoTitle.trim().length, TITLE_FITS, "headline")}
      >
        {(a) => (
          <input {...a} type="text" value={values.seoTitle} onChange={(e) => update("seoTitle", e.target.value)} />
        )}
      </Field>
      <Field
        id={fid("seo-description")}
        label="SEO description"
        error={fieldError(errors, "seo.description")}
        hint={lengthHint(values.seoDescription.trim().length, DESCRIPTION_FITS, "standfirst")}
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            value={values.seoDescription}
            onChange={(e) => update("seoDescription", e.target.value)}
          />
        )}
      </Field>

      <div className="nr-field" role="group" aria-labelledby={fid("seo-image-h")}>
        <span className="nr-label" id={fid("seo-image-h")}>
          Social image
        </span>
        {values.seoImage ? (
          <>
            {values.seoImage.src ? <img className="nr-social-image-preview" src={values.seoImage.src} alt="" /> : null}
            <p className="nr-hint" data-testid="seo-image-chosen">
              Media #{values.seoImage.mediaId} on social cards instead of the hero image.
            </p>
          </>
        ) : (
          <p className="nr-hint">Social cards show the hero image unless you choose another.</p>
        )}
        <p className="nr-inline-form">
          <button
            ref={chooseButton}
            type="button"
            className="nr-btn nr-btn-small"
            onClick={() => picker.current?.open()}
          >
            {values.seoImage ? "Replace social image" : "Choose social image"}
          </button>
          {values.seoImage ? (
            <button
              type="button"
              className="nr-btn nr-btn-small"
              onClick={() => {
                update("seoImage", null);
                // This button goes away with the override: keep the focus in the panel, on the one that stays.
                chooseButton.current?.focus();
              }}
            >
              Use the hero image
            </button>
          ) : null}
        </p>
        {fieldError(errors, "seo.image") ? <p className="nr-field-error">{fieldError(errors, "seo.image")}</p> : null}
        <MediaPicker
          ref={picker}
          title="Choose a social image"
          search={searchMedia}
          uploadImage={uploadImage}
          onPick={(m) => update("seoImage", { mediaId: m.id, src: m.url })}
        />
      </div>

      <h3 className="nr-preview-h">Search result preview</h3>
      <div className="nr-serp" data-testid="search-preview">
        <span className="nr-serp-url">{address}</span>
        <span className="nr-serp-title">{cut(`${title} — ${siteName}`, TITLE_FITS + 3)}</span>
        <span className="nr-serp-desc">
          {description ? cut(description, DESCRIPTION_FITS) : "The opening words of the story."}
        </span>
      </div>
      <h3 className="nr-preview-h">Social card preview</h3>
      <div className="nr-card-preview" data-testid="social-preview">
        {image ? <img src={image} alt="" /> : <div className="nr-card-noimage">{siteName}</div>}
        <span className="nr-card-site">{siteName}</span>
        <span className="nr-card-title">{title}</span>
        {description ? <span className="nr-card-desc">{cut(description, 120)}</span> : null}
      </div>
    </details>
  );
}
