import { useState } from "react";
import { fieldError, type UploadResult } from "../article-form";
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
 * The previews follow the same fallbacks as the reader's page (lib/seo/overrides.ts).
 */
export function SeoPanel({
  fid,
  errors,
  values,
  update,
  siteName,
  uploadImage,
}: PanelProps & { siteName: string; uploadImage: (form: FormData) => Promise<UploadResult> }) {
  const [notice, setNotice] = useState<string | null>(null);
  const title = values.seoTitle.trim() || values.headline.trim() || "Headline";
  const description = values.seoDescription.trim() || values.dek.trim();
  const image = values.seoImage?.src || values.heroImage?.src || null;
  const address = values.url ?? `…/${values.slug || "slug"}`;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setNotice(`Uploading ${file.name}…`);
    const form = new FormData();
    form.set("file", file);
    const result = await uploadImage(form);
    if (!result.ok) {
      setNotice(result.error);
      return;
    }
    setNotice("Social image uploaded.");
    update("seoImage", { mediaId: result.media.id, src: result.media.url });
  };

  return (
    <details className="nr-panel" open={!!(values.seoTitle || values.seoDescription || values.seoImage)}>
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

      <div className="nr-field">
        <span className="nr-label">Social image</span>
        {values.seoImage ? (
          <p className="nr-inline-form">
            <span className="nr-hint">Media #{values.seoImage.mediaId}</span>
            <button type="button" className="nr-btn nr-btn-small" onClick={() => update("seoImage", null)}>
              Use the hero image
            </button>
          </p>
        ) : (
          <>
            <label htmlFor={fid("seo-image")} className="nr-hint">
              Upload an image for social cards (else the hero image is used)
            </label>
            <input
              id={fid("seo-image")}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
              onChange={(e) => void upload(e.target.files?.[0])}
            />
          </>
        )}
        {fieldError(errors, "seo.image") ? <p className="nr-field-error">{fieldError(errors, "seo.image")}</p> : null}
        {notice ? (
          <p className="nr-hint" role="status">
            {notice}
          </p>
        ) : null}
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
