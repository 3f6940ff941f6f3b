import { useRef } from "react";
import { fieldError, type UploadResult } from "../article-form";
import { MediaPicker, type MediaPickerHandle } from "../media/MediaPicker";
import type { MediaSearchResult } from "../media/media-view";
import { Field, type PanelProps } from "./Field";

/**
 * The hero image: chosen from the media library (or uploaded) in the picker dialog, then its alt text, caption and
 * credit for this article; left empty, the library's own texts show.
 */
export function HeroImagePanel({
  fid,
  errors,
  values,
  update,
  uploadImage,
  searchMedia,
}: PanelProps & {
  uploadImage: (form: FormData) => Promise<UploadResult>;
  searchMedia: (q: string, page: number) => Promise<MediaSearchResult>;
}) {
  const picker = useRef<MediaPickerHandle>(null);
  const hero = values.heroImage;

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
          <p className="nr-hint">Fields left empty show the image&rsquo;s text from the media library.</p>
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
      ) : null}
      <button type="button" className="nr-btn" onClick={() => picker.current?.open()}>
        {hero ? "Replace from the library" : "Choose from the library"}
      </button>
      <MediaPicker
        ref={picker}
        title="Choose a hero image"
        search={searchMedia}
        uploadImage={uploadImage}
        onPick={(m) => {
          // Empty texts: the article shows the library's alt, caption and credit, and follows later edits of them.
          update("heroImage", { mediaId: m.id, src: m.url, alt: "", caption: "", credit: "" });
        }}
      />
    </section>
  );
}
