"use client";

import { startTransition, useActionState, useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { JSONContent } from "@tiptap/react";
import { slugify } from "@/lib/text/slugs";
import { ArticleSearch } from "./ArticleSearch";
import { RichTextEditor } from "./RichTextEditor";
import {
  fieldError,
  type ArticleFormValues,
  type ArticleIntent,
  type ArticleSavePayload,
  type ArticleSaveState,
  type ArticleTypeOption,
  type PickedArticle,
  type PickedAuthor,
  type SavedArticleRef,
  type UploadResult,
} from "./article-form";

export type ArticleEditorProps = {
  initial: ArticleFormValues;
  sections: { slug: string; name: string }[];
  authors: PickedAuthor[];
  timeZone: string;
  canPublish: boolean;
  save: (prev: ArticleSaveState, payload: ArticleSavePayload) => Promise<ArticleSaveState>;
  uploadImage: (form: FormData) => Promise<UploadResult>;
  searchArticles: (q: string) => Promise<PickedArticle[]>;
};

const TYPES: { value: ArticleTypeOption; label: string }[] = [
  { value: "news", label: "News" },
  { value: "opinion", label: "Opinion" },
  { value: "analysis", label: "Analysis" },
  { value: "feature", label: "Feature" },
];

const STATUS_LABEL: Record<string, string> = { draft: "Draft", published: "Published", unpublished: "Unpublished", taken_down: "Taken down" };

/**
 * The article editor. All fields are controlled and the form is submitted through `startTransition` rather than a
 * form action, so React never resets it: a failed save leaves every typed character in place, and the messages
 * from the server appear beside the fields they name.
 */
export function ArticleEditor({ initial, sections, authors: allAuthors, timeZone, canPublish, save, uploadImage, searchArticles }: ArticleEditorProps) {
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;
  const [values, setValues] = useState(initial);
  // A draft whose slug still matches its headline keeps following it; any other saved slug is the editor's choice.
  const [slugEdited, setSlugEdited] = useState(initial.slug !== "" && !(initial.status === "draft" && initial.slug === slugify(initial.headline)));
  const [saved, setSaved] = useState<SavedArticleRef | null>(
    initial.id ? { id: initial.id, status: initial.status, path: initial.path, url: initial.url } : null,
  );
  const [dirty, setDirty] = useState(false);
  const [heroNotice, setHeroNotice] = useState<string | null>(null);
  const [heroIdText, setHeroIdText] = useState("");
  const [authorToAdd, setAuthorToAdd] = useState("");
  const [tagsText, setTagsText] = useState(initial.tags.join(", "));
  const body = useRef<unknown>(initial.body);
  const [state, formAction, pending] = useActionState(save, { outcome: "idle" });

  // A successful save tells us the id (first save) and status; the URL follows so a reload opens this article.
  useEffect(() => {
    if (state.outcome !== "saved" || !state.article) return;
    const article = state.article;
    setSaved(article);
    setDirty(false);
    if (window.location.pathname !== `/admin/articles/${article.id}`) {
      window.history.replaceState(null, "", `/admin/articles/${article.id}`);
    }
  }, [state]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const update = <K extends keyof ArticleFormValues>(key: K, value: ArticleFormValues[K]) => {
    setDirty(true);
    setValues((v) => ({ ...v, [key]: value }));
  };

  const onHeadline = (headline: string) => {
    setDirty(true);
    setValues((v) => ({ ...v, headline, slug: slugEdited ? v.slug : slugify(headline) }));
  };

  const onBodyChange = useCallback((doc: JSONContent, byPerson: boolean) => {
    body.current = doc;
    if (byPerson) setDirty(true);
  }, []);

  const status = saved?.status ?? values.status;
  const isLive = status === "published";
  const errors = state.outcome === "error" ? state.fields : undefined;

  const submit = (intent: ArticleIntent) => {
    if (intent === "unpublish" && !window.confirm("Take this article off the site? Its URL will stop working until it is published again.")) return;
    const payload: ArticleSavePayload = {
      id: saved?.id ?? null,
      intent,
      headline: values.headline,
      dek: values.dek,
      slug: values.slug,
      type: values.type,
      section: values.section,
      authors: values.authors.map((a) => a.slug),
      tags: tagsText,
      heroImage: values.heroImage
        ? { mediaId: values.heroImage.mediaId, alt: values.heroImage.alt, caption: values.heroImage.caption, credit: values.heroImage.credit }
        : null,
      // ProseMirror builds attrs with Object.create(null); React only serialises plain objects to a server action.
      body: JSON.parse(JSON.stringify(body.current ?? null)) as unknown,
      publishedAt: values.publishedAt,
      related: values.related.map((r) => r.id),
    };
    startTransition(() => formAction(payload));
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value as ArticleIntent | undefined) ?? "save";
    submit(intent === "publish" || intent === "unpublish" ? intent : "save");
  };

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

  const moveAuthor = (index: number, delta: -1 | 1) => {
    const next = [...values.authors];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    update("authors", next);
  };

  const availableAuthors = allAuthors.filter((a) => !values.authors.some((p) => p.slug === a.slug));
  const unplaced = errors
    ? Object.entries(errors).filter(([k]) => !KNOWN_FIELDS.some((f) => k === f || k.startsWith(`${f}.`)))
    : [];

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} className="nr-article-form">
      <div className="nr-editor-bar">
        <span className={`nr-status nr-status-${status}`} data-testid="article-status">
          {STATUS_LABEL[status] ?? status}
        </span>
        {saved?.id ? <span className="nr-muted">#{saved.id}</span> : <span className="nr-muted">Not saved yet</span>}
        {dirty ? <span className="nr-muted">· unsaved changes</span> : null}
        <span className="nr-spacer" />
        {isLive ? (
          <>
            {canPublish ? (
              <button type="submit" name="intent" value="unpublish" className="nr-btn nr-btn-danger" disabled={pending}>
                Unpublish
              </button>
            ) : null}
            <button type="submit" name="intent" value="save" className="nr-btn nr-btn-primary" disabled={pending || !canPublish}>
              Update
            </button>
          </>
        ) : (
          <>
            <button type="submit" name="intent" value="save" className="nr-btn" disabled={pending}>
              Save draft
            </button>
            {canPublish && status !== "taken_down" ? (
              <button type="submit" name="intent" value="publish" className="nr-btn nr-btn-primary" disabled={pending}>
                Publish
              </button>
            ) : null}
          </>
        )}
      </div>

      <div aria-live="polite">
        {pending ? <p className="nr-hint">Saving…</p> : null}
        {!pending && state.outcome === "error" ? (
          <div className="nr-alert nr-alert-error" role="alert">
            <strong>{state.message ?? "The article was not saved."}</strong> Nothing you typed has been lost.
            {unplaced.length ? (
              <ul>
                {unplaced.map(([k, m]) => (
                  <li key={k}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {!pending && state.outcome === "saved" ? (
          <div className="nr-alert nr-alert-ok" role="status">
            {state.message}
            {saved?.status === "published" && saved.path ? (
              <>
                {" "}
                <a href={saved.path} target="_blank" rel="noopener">
                  View on site
                </a>{" "}
                <span className="nr-muted">({saved.url})</span>
              </>
            ) : null}
          </div>
        ) : null}
        {state.outcome === "idle" && isLive && saved?.path ? (
          <p className="nr-hint">
            Live at{" "}
            <a href={saved.path} target="_blank" rel="noopener">
              {saved.url ?? saved.path}
            </a>{" "}
            · <a href={saved.path} target="_blank" rel="noopener">View on site</a>
          </p>
        ) : null}
      </div>

      <div className="nr-editor">
        <div className="nr-editor-main">
          <Field id={fid("headline")} label="Headline" error={fieldError(errors, "headline")}>
            {(a) => <input {...a} type="text" className="nr-headline-input" value={values.headline} onChange={(e) => onHeadline(e.target.value)} maxLength={400} />}
          </Field>
          <Field id={fid("dek")} label="Standfirst (dek)" error={fieldError(errors, "dek")} hint="One or two sentences under the headline.">
            {(a) => <textarea {...a} rows={2} className="nr-dek-input" value={values.dek} onChange={(e) => update("dek", e.target.value)} />}
          </Field>
          <div className="nr-field">
            <span className="nr-label" id={fid("body-label")}>
              Body
            </span>
            <RichTextEditor
              id={fid("body")}
              labelledBy={fid("body-label")}
              initialContent={initial.body}
              onChange={onBodyChange}
              uploadImage={uploadImage}
              searchArticles={searchArticles}
              invalid={!!fieldError(errors, "body")}
              describedBy={fieldError(errors, "body") ? fid("body-error") : undefined}
            />
            {fieldError(errors, "body") ? (
              <span className="nr-field-error" id={fid("body-error")}>
                {fieldError(errors, "body")}
              </span>
            ) : null}
          </div>
        </div>

        <aside className="nr-sidebar" aria-label="Article settings">
          <section className="nr-panel">
            <h2>Placement</h2>
            <Field id={fid("section")} label="Section" error={fieldError(errors, "section")}>
              {(a) => (
                <select {...a} value={values.section} onChange={(e) => update("section", e.target.value)}>
                  <option value="">Choose a section…</option>
                  {sections.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fid("type")} label="Type" error={fieldError(errors, "type")}>
              {(a) => (
                <select {...a} value={values.type} onChange={(e) => update("type", e.target.value as ArticleTypeOption)}>
                  {TYPES.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={fid("slug")}
              label="Slug"
              error={fieldError(errors, "slug")}
              hint={slugEdited ? "Part of the URL. Changing it after publication redirects the old URL." : "Suggested from the headline until you edit it."}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  value={values.slug}
                  spellCheck={false}
                  onChange={(e) => {
                    setSlugEdited(true);
                    update("slug", e.target.value);
                  }}
                />
              )}
            </Field>
            <Field
              id={fid("publishedAt")}
              label={`Publication date (${timeZone})`}
              error={fieldError(errors, "publishedAt")}
              hint="Leave empty to use the moment of first publication."
            >
              {(a) => <input {...a} type="datetime-local" value={values.publishedAt} onChange={(e) => update("publishedAt", e.target.value)} />}
            </Field>
          </section>

          <section className="nr-panel" aria-labelledby={fid("authors-h")}>
            <h2 id={fid("authors-h")}>Authors</h2>
            {values.authors.length ? (
              <ol className="nr-list" aria-label="Byline order">
                {values.authors.map((a, i) => (
                  <li key={a.slug}>
                    <span>{a.name}</span>
                    <button type="button" className="nr-btn nr-btn-small" aria-label={`Move ${a.name} up`} disabled={i === 0} onClick={() => moveAuthor(i, -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="nr-btn nr-btn-small"
                      aria-label={`Move ${a.name} down`}
                      disabled={i === values.authors.length - 1}
                      onClick={() => moveAuthor(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="nr-btn nr-btn-small nr-btn-danger"
                      aria-label={`Remove ${a.name}`}
                      onClick={() => update("authors", values.authors.filter((x) => x.slug !== a.slug))}
                    >
                      ✕
                    </button>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="nr-hint">No authors yet.</p>
            )}
            <div className="nr-inline-form">
              <label htmlFor={fid("author-add")} className="nr-skip">
                Author to add
              </label>
              <select
                id={fid("author-add")}
                value={authorToAdd}
                onChange={(e) => setAuthorToAdd(e.target.value)}
                aria-invalid={fieldError(errors, "authors") ? true : undefined}
                aria-describedby={fieldError(errors, "authors") ? fid("authors-error") : undefined}
              >
                <option value="">Add an author…</option>
                {availableAuthors.map((a) => (
                  <option key={a.slug} value={a.slug}>
                    {a.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="nr-btn"
                disabled={!authorToAdd}
                onClick={() => {
                  const found = allAuthors.find((a) => a.slug === authorToAdd);
                  if (found) update("authors", [...values.authors, found]);
                  setAuthorToAdd("");
                }}
              >
                Add
              </button>
            </div>
            {fieldError(errors, "authors") ? (
              <p className="nr-field-error" id={fid("authors-error")}>
                {fieldError(errors, "authors")}
              </p>
            ) : null}
          </section>

          <section className="nr-panel">
            <h2>Tags</h2>
            <Field id={fid("tags")} label="Tags" error={fieldError(errors, "tags")} hint="Separate with commas. New tags are created on save.">
              {(a) => (
                <input
                  {...a}
                  type="text"
                  value={tagsText}
                  onChange={(e) => {
                    setDirty(true);
                    setTagsText(e.target.value);
                  }}
                />
              )}
            </Field>
          </section>

          <section className="nr-panel" aria-labelledby={fid("hero-h")}>
            <h2 id={fid("hero-h")}>Hero image</h2>
            {values.heroImage ? (
              <>
                {values.heroImage.src ? (
                  <img className="nr-hero-preview" src={values.heroImage.src} alt="" />
                ) : (
                  <p className="nr-hint">Media #{values.heroImage.mediaId}</p>
                )}
                <Field id={fid("hero-alt")} label="Alt text" error={fieldError(errors, "heroImage.alt")}>
                  {(a) => (
                    <input {...a} type="text" value={values.heroImage!.alt} onChange={(e) => update("heroImage", { ...values.heroImage!, alt: e.target.value })} />
                  )}
                </Field>
                <Field id={fid("hero-caption")} label="Caption" error={fieldError(errors, "heroImage.caption")}>
                  {(a) => (
                    <input {...a} type="text" value={values.heroImage!.caption} onChange={(e) => update("heroImage", { ...values.heroImage!, caption: e.target.value })} />
                  )}
                </Field>
                <Field id={fid("hero-credit")} label="Credit" error={fieldError(errors, "heroImage.credit")}>
                  {(a) => (
                    <input {...a} type="text" value={values.heroImage!.credit} onChange={(e) => update("heroImage", { ...values.heroImage!, credit: e.target.value })} />
                  )}
                </Field>
                {fieldError(errors, "heroImage.mediaId") ? <p className="nr-field-error">{fieldError(errors, "heroImage.mediaId")}</p> : null}
                <button type="button" className="nr-btn nr-btn-small nr-btn-danger" onClick={() => update("heroImage", null)}>
                  Remove hero image
                </button>
              </>
            ) : (
              <>
                <div className="nr-field">
                  <label htmlFor={fid("hero-file")}>Upload an image</label>
                  <input id={fid("hero-file")} type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" onChange={(e) => void uploadHero(e.target.files?.[0])} />
                </div>
                <div className="nr-inline-form">
                  <label htmlFor={fid("hero-id")} className="nr-hint">
                    or media id
                  </label>
                  <input id={fid("hero-id")} type="number" min={1} value={heroIdText} onChange={(e) => setHeroIdText(e.target.value)} style={{ width: 90 }} />
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

          <section className="nr-panel" aria-labelledby={fid("related-h")}>
            <h2 id={fid("related-h")}>Related articles</h2>
            <p className="nr-hint">Editor’s picks, shown first under the article.</p>
            {values.related.length ? (
              <ol className="nr-list">
                {values.related.map((r) => (
                  <li key={r.id}>
                    <span>{r.headline}</span>
                    <button
                      type="button"
                      className="nr-btn nr-btn-small nr-btn-danger"
                      aria-label={`Remove related article ${r.headline}`}
                      onClick={() => update("related", values.related.filter((x) => x.id !== r.id))}
                    >
                      ✕
                    </button>
                  </li>
                ))}
              </ol>
            ) : null}
            <ArticleSearch
              label="Add a related article"
              search={searchArticles}
              excludeIds={[...(saved?.id ? [saved.id] : []), ...values.related.map((r) => r.id)]}
              onPick={(a) => update("related", [...values.related, { id: a.id, headline: a.headline }])}
            />
            {fieldError(errors, "related") ? <p className="nr-field-error">{fieldError(errors, "related")}</p> : null}
          </section>
        </aside>
      </div>
    </form>
  );
}

const KNOWN_FIELDS = ["headline", "dek", "body", "section", "type", "slug", "publishedAt", "authors", "tags", "heroImage", "related"];

type FieldA11y = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A labelled control with its hint and its error message right under it (linked by aria-describedby). */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: (a: FieldA11y) => ReactNode }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="nr-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {error ? (
        <span className="nr-field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {hint ? (
        <span className="nr-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
