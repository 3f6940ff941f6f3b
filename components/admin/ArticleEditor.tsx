"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { JSONContent } from "@tiptap/react";
import { slugify } from "@/lib/text/slugs";
import { RichTextEditor } from "./RichTextEditor";
import type { MediaSearchResult } from "./media/media-view";
import {
  fieldError,
  type ArticleFormValues,
  type ArticleSavePayload,
  type ArticleSaveState,
  type PickedArticle,
  type PickedAuthor,
  type PreviewRequest,
  type PreviewResult,
  type RevokeResult,
  type UploadResult,
  type AutosaveState,
} from "./article-form";
import { ConflictDialog } from "./article-editor/ConflictDialog";
import { HistoryPanel, type HistoryActions } from "./article-editor/HistoryPanel";
import { useAutosave } from "./article-editor/use-autosave";
import { useLeaveGuard } from "./article-editor/use-leave-guard";
import { AuthorsPanel } from "./article-editor/AuthorsPanel";
import { Field, type PanelProps } from "./article-editor/Field";
import { HeroImagePanel } from "./article-editor/HeroImagePanel";
import { PlacementPanel } from "./article-editor/PlacementPanel";
import { PreviewPanel } from "./article-editor/PreviewPanel";
import { RelatedPanel } from "./article-editor/RelatedPanel";
import { SaveBar } from "./article-editor/SaveBar";
import { SeoPanel } from "./article-editor/SeoPanel";
import { useArticleSave } from "./article-editor/use-article-save";
import { useSaveKeys } from "./article-editor/use-save-keys";

export type ArticleEditorProps = {
  initial: ArticleFormValues;
  sections: { slug: string; name: string }[];
  authors: PickedAuthor[];
  timeZone: string;
  /** The publication's name, for the search and social previews. */
  siteName: string;
  canPublish: boolean;
  save: (prev: ArticleSaveState, payload: ArticleSavePayload) => Promise<ArticleSaveState>;
  uploadImage: (form: FormData) => Promise<UploadResult>;
  searchArticles: (q: string) => Promise<PickedArticle[]>;
  preview: (request: PreviewRequest) => Promise<PreviewResult>;
  revokePreviews: (id: number) => Promise<RevokeResult>;
  /** Saves by itself after a pause in typing (lib/articles/revisions.ts autosaveArticle). */
  autosave?: (payload: ArticleSavePayload) => Promise<AutosaveState>;
  /** The history panel's reads and restore (the panel shows once the article exists). */
  history?: HistoryActions;
  searchMedia: (q: string, page: number) => Promise<MediaSearchResult>;
};

/**
 * The article editor: headline, standfirst and body in the main column, the settings panels (article-editor/) in
 * the sidebar, the save bar on top. All fields are controlled; useArticleSave submits them without ever resetting
 * the form, so a failed save leaves every typed character in place, and the server's messages appear beside the
 * fields they name.
 */
export function ArticleEditor({
  initial,
  sections,
  authors: allAuthors,
  timeZone,
  siteName,
  canPublish,
  save,
  uploadImage,
  searchArticles,
  preview,
  revokePreviews,
  autosave,
  history,
  searchMedia,
}: ArticleEditorProps) {
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;
  const [values, setValues] = useState(initial);
  // A draft whose slug still matches its headline keeps following it; any other saved slug is the editor's choice.
  const [slugEdited, setSlugEdited] = useState(
    initial.slug !== "" && !(initial.status === "draft" && initial.slug === slugify(initial.headline)),
  );
  const [tagsText, setTagsText] = useState(initial.tags.join(", "));
  const body = useRef<unknown>(initial.body);
  // The body editor owns its document; taking another version's body (conflict screen) remounts it with that one.
  const [bodySeed, setBodySeed] = useState({ key: 0, doc: initial.body });
  // Whether the body holds words yet: a new article with words in it is worth autosaving.
  const [bodyHasWords, setBodyHasWords] = useState(() => hasWords(initial.body));
  const { state, pending, saved, dirty, editTick, conflict, setConflict, markDirty, onSubmit, payload, ...saving } =
    useArticleSave({ initial, save, values, tagsText, body });
  useLeaveGuard(dirty);
  // A new article is autosaved (and so created as a draft) once there is something worth keeping and what every
  // draft needs; until then the save bar says what is missing.
  const worthKeeping = !saved?.id && (values.headline.trim() !== "" || bodyHasWords);
  const draftNeeds = worthKeeping ? missingForDraft(values) : null;
  const autosaveStatus = useAutosave({
    enabled: !!autosave && !pending && !conflict && (!!saved?.id || (worthKeeping && !draftNeeds)),
    dirty,
    editTick,
    autosave: (p) => (autosave ? saving.runAutosave(autosave, p) : null),
    payload: () => payload("save", false),
    onSaved: saving.autosaved,
    onConflict: setConflict,
  });

  const form = useRef<HTMLFormElement>(null);
  const rememberSubmitter = useSaveKeys(form, pending);

  // Where the person was when the conflict screen took the focus; once they have chosen, back there (if the body
  // editor they were in was replaced by the other version, to the save button: "choose, then save").
  const conflictReturn = useRef<HTMLElement | null>(null);
  const conflictShown = useRef(false);
  useEffect(() => {
    if (conflict) {
      conflictShown.current = true;
      return;
    }
    if (!conflictShown.current) return;
    conflictShown.current = false;
    const back = conflictReturn.current;
    conflictReturn.current = null;
    const target =
      back?.isConnected && !(back instanceof HTMLButtonElement && back.disabled)
        ? back
        : form.current?.querySelector<HTMLElement>('button[name="intent"][value="save"]');
    target?.focus();
  }, [conflict]);

  // The slug readers have seen, for the "old URL will redirect" warning: the stored one of a live article, then
  // whatever slug each save made live.
  const wasSeen = (status: string) => status === "published" || status === "unpublished";
  const [liveSlug, setLiveSlug] = useState(wasSeen(initial.status) ? initial.slug : null);
  const slugAtSubmit = useRef(initial.slug);
  useEffect(() => {
    if (state.outcome === "saved" && state.article)
      setLiveSlug((previous) => (wasSeen(state.article!.status) ? slugAtSubmit.current || previous : previous));
  }, [state]);

  const update: PanelProps["update"] = (key, value) => {
    markDirty();
    setValues((v) => ({ ...v, [key]: value }));
  };

  const onHeadline = (headline: string) => {
    markDirty();
    setValues((v) => ({ ...v, headline, slug: slugEdited ? v.slug : slugify(headline) }));
  };

  const onBodyChange = useCallback(
    (doc: JSONContent, byPerson: boolean) => {
      body.current = doc;
      setBodyHasWords(hasWords(doc));
      if (byPerson) markDirty();
    },
    [markDirty],
  );

  // What a preview shows of unsaved work: the reader-facing fields of the payload a save would send now.
  const previewSnapshot = (): PreviewRequest["snapshot"] => {
    if (!dirty) return null;
    const { headline, dek, type, section, authors, tags, heroImage, body: doc } = payload("save", false);
    return { headline, dek, type, section, authors, tags, heroImage, body: doc };
  };

  const errors = state.outcome === "error" ? state.fields : undefined;
  const panel: PanelProps = { fid, errors, values, update };

  return (
    <form
      ref={form}
      onSubmit={(e) => {
        rememberSubmitter(e);
        slugAtSubmit.current = values.slug.trim();
        onSubmit(e);
      }}
      noValidate
      aria-busy={pending}
      className="nr-article-form"
    >
      <SaveBar
        status={saved?.status ?? values.status}
        saved={saved}
        dirty={dirty}
        pending={pending}
        canPublish={canPublish}
        state={state}
        autosave={
          dirty && draftNeeds ? (
            <span className="nr-muted" data-testid="autosave-status">
              · Not saved yet: choose {draftNeeds} and it is kept as a draft by itself
            </span>
          ) : (
            <AutosaveNote status={autosaveStatus} />
          )
        }
      />
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          mine={{ values, tagsText }}
          readBody={() => body.current}
          rememberFocus={(element) => {
            conflictReturn.current = element;
          }}
          onResolve={(merged, takenBody, allTheirs) => {
            setValues(merged.values);
            setTagsText(merged.tagsText);
            body.current = merged.body;
            if (takenBody) setBodySeed((s) => ({ key: s.key + 1, doc: merged.body }));
            saving.resolveConflict(merged.values.version, allTheirs);
          }}
        />
      ) : null}

      <div className="nr-editor">
        <div className="nr-editor-main">
          <Field id={fid("headline")} label="Headline" error={fieldError(errors, "headline")}>
            {(a) => (
              <input
                {...a}
                type="text"
                className="nr-headline-input"
                value={values.headline}
                onChange={(e) => onHeadline(e.target.value)}
                maxLength={400}
              />
            )}
          </Field>
          <Field
            id={fid("dek")}
            label="Standfirst (dek)"
            error={fieldError(errors, "dek")}
            hint="One or two sentences under the headline."
          >
            {(a) => (
              <textarea
                {...a}
                rows={2}
                className="nr-dek-input"
                value={values.dek}
                onChange={(e) => update("dek", e.target.value)}
              />
            )}
          </Field>
          <div className="nr-field">
            <span className="nr-label" id={fid("body-label")}>
              Body
            </span>
            <RichTextEditor
              key={bodySeed.key}
              id={fid("body")}
              labelledBy={fid("body-label")}
              initialContent={bodySeed.doc}
              onChange={onBodyChange}
              uploadImage={uploadImage}
              searchArticles={searchArticles}
              searchMedia={searchMedia}
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
          <PreviewPanel
            articleId={saved?.id ?? null}
            snapshot={previewSnapshot}
            timeZone={timeZone}
            preview={preview}
            revoke={revokePreviews}
          />
          <PlacementPanel
            {...panel}
            sections={sections}
            timeZone={timeZone}
            slugEdited={slugEdited}
            liveSlug={liveSlug}
            onSlugEdit={(slug) => {
              setSlugEdited(true);
              update("slug", slug);
            }}
          />
          <AuthorsPanel {...panel} allAuthors={allAuthors} />
          <section className="nr-panel">
            <h2>Tags</h2>
            <Field
              id={fid("tags")}
              label="Tags"
              error={fieldError(errors, "tags")}
              hint="Separate with commas. New tags are created on save."
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  value={tagsText}
                  onChange={(e) => {
                    markDirty();
                    setTagsText(e.target.value);
                  }}
                />
              )}
            </Field>
          </section>
          <HeroImagePanel {...panel} uploadImage={uploadImage} searchMedia={searchMedia} />
          <RelatedPanel {...panel} selfId={saved?.id ?? null} searchArticles={searchArticles} />
          {history && saved?.id ? (
            <HistoryPanel
              articleId={saved.id}
              version={saved.version}
              dirty={dirty}
              actions={history}
              onRestored={(restored) => {
                setValues(restored);
                setTagsText(restored.tags.join(", "));
                body.current = restored.body;
                setBodySeed((s) => ({ key: s.key + 1, doc: restored.body }));
                saving.took(restored);
              }}
            />
          ) : null}
          <SeoPanel {...panel} siteName={siteName} uploadImage={uploadImage} searchMedia={searchMedia} />
        </aside>
      </div>
    </form>
  );
}

type DocNode = { text?: string; content?: DocNode[] };

/** Whether the body holds any words (a new article's empty paragraph is not worth a draft). */
function hasWords(doc: unknown): boolean {
  const node = doc as DocNode | null;
  if (!node) return false;
  if (node.text?.trim()) return true;
  return (node.content ?? []).some(hasWords);
}

/** What a draft must have before it can be stored (lib/articles/input.ts), in words; null when nothing is missing. */
function missingForDraft(values: ArticleFormValues): string | null {
  const missing = [
    values.headline.trim() ? null : "a headline",
    values.section ? null : "a section",
    values.authors.length ? null : "an author",
  ].filter((m): m is string => m !== null);
  if (missing.length === 0) return null;
  return missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
}

/** What autosave is doing, in words (the save bar's live region announces it). */
function AutosaveNote({ status }: { status: ReturnType<typeof useAutosave> }) {
  const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  switch (status.kind) {
    case "saving":
      return <span className="nr-muted">· Saving…</span>;
    case "saved":
      return (
        <span className="nr-muted" data-testid="autosave-status">
          {status.applied
            ? `· Saved ${time(status.at)}`
            : `· Changes kept as a revision ${time(status.at)}, not on the site until you update`}
        </span>
      );
    case "offline":
      return <span className="nr-autosave-warn">· Offline — not saved</span>;
    case "error":
      return <span className="nr-autosave-warn">· {status.message}</span>;
    default:
      return null;
  }
}
