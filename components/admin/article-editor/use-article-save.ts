import {
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type RefObject,
} from "react";
import type {
  ArticleConflict,
  ArticleFormValues,
  ArticleIntent,
  ArticleSavePayload,
  ArticleSaveState,
  AutosaveState,
  SavedArticleRef,
} from "../article-form";

/**
 * The article editor's submit logic: builds the payload from the controlled values, sends it through
 * `startTransition` rather than a form action (so React never resets the form and a failed save keeps every typed
 * character), follows the saved article's id, status and version (sent back with every save, so a save from a
 * version someone else has replaced comes back as a conflict instead of overwriting their work).
 *
 * An article is created once: by its first manual save or its first autosave, whichever goes first. A manual save
 * pressed while that autosave is on its way waits for its answer and then saves into the article it made; an
 * autosave never starts while a manual save is on its way (`saving`).
 */
export function useArticleSave({
  initial,
  save,
  values,
  tagsText,
  body,
}: {
  initial: ArticleFormValues;
  save: (prev: ArticleSaveState, payload: ArticleSavePayload) => Promise<ArticleSaveState>;
  values: ArticleFormValues;
  tagsText: string;
  /** The body lives outside React state: Tiptap owns it, and re-rendering the form on every keystroke is wasted. */
  body: RefObject<unknown>;
}) {
  const [saved, setSavedState] = useState<SavedArticleRef | null>(
    initial.id
      ? { id: initial.id, status: initial.status, path: initial.path, url: initial.url, version: initial.version }
      : null,
  );
  // The same, readable after an await (a save that waited for the creating autosave needs the id it made).
  const savedRef = useRef(saved);
  const setSaved = useCallback((next: (s: SavedArticleRef | null) => SavedArticleRef | null) => {
    savedRef.current = next(savedRef.current);
    setSavedState(savedRef.current);
  }, []);
  // The autosave that is creating the article, while it is on its way; and whether a manual save is.
  const creating = useRef<Promise<SavedArticleRef | null> | null>(null);
  const saving = useRef(false);
  const [dirty, setDirty] = useState(false);
  // Counts edits, so autosave can wait for a pause in typing and tell whether more was typed while it was saving.
  const [editTick, setEditTick] = useState(0);
  const tickRef = useRef(0);
  const tickAtSend = useRef(0);
  const [conflict, setConflict] = useState<ArticleConflict | null>(null);
  const [state, formAction, pending] = useActionState(save, { outcome: "idle" });

  // A successful save tells us the id (first save), status and version; the URL follows so a reload opens it.
  useEffect(() => {
    if (state.outcome !== "idle") saving.current = false;
    if (state.outcome === "conflict" && state.conflict) {
      setConflict(state.conflict);
      return;
    }
    if (state.outcome !== "saved" || !state.article) return;
    const article = state.article;
    setSaved(() => article);
    // Typing that went on while the save was on its way is still unsaved.
    if (tickAtSend.current === tickRef.current) setDirty(false);
    followUrl(article.id);
  }, [state, setSaved]);

  const payload = (intent: ArticleIntent, minorEdit: boolean): ArticleSavePayload => ({
    id: savedRef.current?.id ?? null,
    intent,
    headline: values.headline,
    dek: values.dek,
    slug: values.slug,
    type: values.type,
    section: values.section,
    authors: values.authors.map((a) => a.slug),
    tags: tagsText,
    heroImage: values.heroImage
      ? {
          mediaId: values.heroImage.mediaId,
          alt: values.heroImage.alt,
          caption: values.heroImage.caption,
          credit: values.heroImage.credit,
        }
      : null,
    // ProseMirror builds attrs with Object.create(null); React only serialises plain objects to a server action.
    body: JSON.parse(JSON.stringify(body.current ?? null)) as unknown,
    publishedAt: values.publishedAt,
    related: values.related.map((r) => r.id),
    seo: { title: values.seoTitle, description: values.seoDescription, image: values.seoImage?.mediaId ?? null },
    minorEdit,
    version: savedRef.current?.version ?? null,
  });

  const waiting = useRef(false);
  const submit = async (intent: ArticleIntent, minorEdit: boolean) => {
    if (
      intent === "unpublish" &&
      !window.confirm("Take this article off the site? Its URL will stop working until it is published again.")
    )
      return;
    if (creating.current) {
      // The first autosave is making the article: save into it once it answers, never make a second one.
      if (waiting.current) return;
      waiting.current = true;
      const made = await creating.current.catch(() => null);
      waiting.current = false;
      if (made) setSaved((s) => s ?? made);
    }
    saving.current = true;
    tickAtSend.current = tickRef.current;
    const p = payload(intent, minorEdit);
    startTransition(() => formAction(p));
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value as ArticleIntent | undefined) ?? "save";
    // The "minor edit" box is uncontrolled: it applies to this save only and is read as the form is sent.
    const minor = e.currentTarget.elements.namedItem("minorEdit");
    const minorEdit = minor instanceof HTMLInputElement && minor.checked;
    void submit(intent === "publish" || intent === "unpublish" ? intent : "save", minorEdit);
  };

  // Stable, so the body editor's change handler (which calls it) is created once.
  const markDirty = useCallback(() => {
    setDirty(true);
    tickRef.current += 1;
    setEditTick(tickRef.current);
  }, []);

  /**
   * Sends an autosave. The first one of a new article creates it; until it answers, a manual save waits (submit).
   * Null when it must not run now: a manual save is on its way, and its answer decides what is left to save.
   */
  const runAutosave = useCallback(
    (send: (p: ArticleSavePayload) => Promise<AutosaveState>, p: ArticleSavePayload): Promise<AutosaveState> | null => {
      if (saving.current || creating.current) return null;
      const sent = send(p);
      if (p.id === null) {
        const made = sent.then(
          (r) => (r.outcome === "saved" ? (r.article ?? null) : null),
          () => null,
        );
        creating.current = made;
        void made.then(() => {
          if (creating.current === made) creating.current = null;
        });
      }
      return sent;
    },
    [],
  );

  /**
   * An autosave went through: continue from its version; a draft's changes are saved if nothing was typed since.
   * `created`: it was the new article's first, which the editor (and the address bar) now follow.
   */
  const autosaved = useCallback(
    (version: number, applied: boolean, tickSent: number, created?: SavedArticleRef) => {
      setSaved((s) => created ?? (s ? { ...s, version } : s));
      if (created) followUrl(created.id);
      if (applied && tickRef.current === tickSent) setDirty(false);
    },
    [setSaved],
  );

  /**
   * The person chose on the conflict screen: the form now holds their choice, based on the other person's version.
   * `same`: they took the other version whole, so nothing is left to save.
   */
  const resolveConflict = (version: number, same: boolean) => {
    setSaved((s) => (s ? { ...s, version } : s));
    setConflict(null);
    if (same) setDirty(false);
    else markDirty();
  };

  /** The article was replaced as a whole (a restored revision): the form holds it as saved. */
  const took = (article: ArticleFormValues) => {
    if (article.id === null) return;
    const { id, status, path, url, version } = article;
    setSaved(() => ({ id, status, path, url, version }));
    setDirty(false);
  };

  return {
    state,
    pending,
    saved,
    dirty,
    editTick,
    conflict,
    setConflict,
    markDirty,
    onSubmit,
    payload,
    runAutosave,
    took,
    autosaved,
    resolveConflict,
  };
}

/**
 * Once the article exists, the address bar names it, so a reload opens it. Next's router follows history.replaceState
 * without rendering another page, so the editor keeps its state and focus, and its actions (which post to the page's
 * URL) reach the same action ids on /admin/articles/[id], which imports the same actions.
 */
function followUrl(id: number) {
  if (window.location.pathname !== `/admin/articles/${id}`) {
    window.history.replaceState(window.history.state, "", `/admin/articles/${id}`);
    // The tab says what a reload would open (the edit page's own title), not "New article".
    document.title = document.title.replace(/^New article/, "Edit article");
  }
}
