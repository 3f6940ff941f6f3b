import { useState } from "react";
import { fieldError, type UploadResult } from "../article-form";
import { Field, type PanelProps } from "./Field";

/** The hero image: upload one or name a media id, then its alt text, caption and credit for this article. */
export function HeroImagePanel({
  fid,
  errors,
  values,
  update,
  uploadImage,
}: PanelProps & { uploadImage: (form: FormData) => Promise<UploadResult> }) {
  const [heroNotice, setHeroNotice] = useState<string | null>(null);
  const [heroIdText, setHeroIdText] = useState("");
  const hero = values.heroImage;

  const uploadHero = async (file: File | undefined) => {
    if (!file) return;
    setHeroNotice(`Uploading ${file.name}…`);
    const form = new FormData();
    form.set("file", file);
    const result = await uploadImage(form);
    if (!result.ok) {
      setHeroNotice(result.error);
      return;
    }
    setHeroNotice(null);
    update("heroImage", { mediaId: result.media.id, src: result.media.url, alt: "", caption: "", credit: "" });
  };

  return (
    <section className="nr-panel" aria-labelledby={fid("hero-h")}>
      <h2 id={fid("hero-h")}>Hero image</h2>
      {hero ? (
        <>
          {hero.src ? (
            <img className="nr-hero-preview" src={hero.src} alt="" />
          ) : (
            <p className="nr-hint">Media #{hero.mediaId}</p>
          )}
          <Field id={fid("hero-alt")} label="Alt text" error={fieldError(errors, "heroImage.alt")}>
            {(a) => (
              <input
                {...a}
                type="text"
                value={hero.alt}
                onChange={(e) => update("heroImage", { ...hero, alt: e.target.value })}
              />
            )}
          </Field>
          <Field id={fid("hero-caption")} label="Caption" error={fieldError(errors, "heroImage.caption")}>
            {(a) => (
              <input
                {...a}
                type="text"
                value={hero.caption}
                onChange={(e) => update("heroImage", { ...hero, caption: e.target.value })}
              />
            )}
          </Field>
          <Field id={fid("hero-credit")} label="Credit" error={fieldError(errors, "heroImage.credit")}>
            {(a) => (
              <input
                {...a}
                type="text"
                value={hero.credit}
                onChange={(e) => update("heroImage", { ...hero, credit: e.target.value })}
              />
            )}
          </Field>
          {fieldError(errors, "heroImage.mediaId") ? (
            <p className="nr-field-error">{fieldError(errors, "heroImage.mediaId")}</p>
          ) : null}
          <button type="button" className="nr-btn nr-btn-small nr-btn-danger" onClick={() => update("heroImage", null)}>
            Remove hero image
          </button>
        </>
      ) : (
        <>
          <div className="nr-field">
            <label htmlFor={fid("hero-file")}>Upload an image</label>
            <input
              id={fid("hero-file")}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
              onChange={(e) => void uploadHero(e.target.files?.[0])}
            />
          </div>
          <div className="nr-inline-form">
            <label htmlFor={fid("hero-id")} className="nr-hint">
              or media id
            </label>
            <input
              id={fid("hero-id")}
              type="number"
              min={1}
              value={heroIdText}
              onChange={(e) => setHeroIdText(e.target.value)}
              style={{ width: 90 }}
            />
            <button
              type="button"
              className="nr-btn"
              disabled={!/^\d+$/.test(heroIdText)}
              onClick={() => {
                update("heroImage", { mediaId: Number(heroIdText), src: "", alt: "", caption: "", credit: "" });
                setHeroIdText("");
              }}
            >
              Use
            </button>
          </div>
        </>
      )}
      {heroNotice ? (
        <p className="nr-hint" role="status">
          {heroNotice}
        </p>
      ) : null}
    </section>
  );
}
