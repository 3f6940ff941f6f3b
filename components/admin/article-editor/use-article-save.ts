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
  SavedArticleRef,
} from "../article-form";

/**
 * The article editor's submit logic: builds the payload from the controlled values, sends it through
 * `startTransition` rather than a form action (so React never resets the form and a failed save keeps every typed
 * character), follows the saved article's id, status and version (sent back with every save, so a save from a
 * version someone else has replaced comes back as a conflict instead of overwriting their work).
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
  const [saved, setSaved] = useState<SavedArticleRef | null>(
    initial.id
      ? { id: initial.id, status: initial.status, path: initial.path, url: initial.url, version: initial.version }
      : null,
  );
  const [dirty, setDirty] = useState(false);
  // Counts edits, so autosave can wait for a pause in typing and tell whether more was typed while it was saving.
  const [editTick, setEditTick] = useState(0);
  const tickRef = useRef(0);
  const tickAtSend = useRef(0);
  const [conflict, setConflict] = useState<ArticleConflict | null>(null);
  const [state, formAction, pending] = useActionState(save, { outcome: "idle" });

  // A successful save tells us the id (first save), status and version; the URL follows so a reload opens it.
  useEffect(() => {
    if (state.outcome === "conflict" && state.conflict) {
      setConflict(state.conflict);
      return;
    }
    if (state.outcome !== "saved" || !state.article) return;
    const article = state.article;
    setSaved(article);
    // Typing that went on while the save was on its way is still unsaved.
    if (tickAtSend.current === tickRef.current) setDirty(false);
    if (window.location.pathname !== `/admin/articles/${article.id}`) {
      window.history.replaceState(window.history.state, "", `/admin/articles/${article.id}`);
    }
  }, [state]);

  const payload = (intent: ArticleIntent, minorEdit: boolean): ArticleSavePayload => ({
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
    version: saved?.version ?? null,
  });

  const submit = (intent: ArticleIntent, minorEdit: boolean) => {
    if (
      intent === "unpublish" &&
      !window.confirm("Take this article off the site? Its URL will stop working until it is published again.")
    )
      return;
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
    submit(intent === "publish" || intent === "unpublish" ? intent : "save", minorEdit);
  };

  // Stable, so the body editor's change handler (which calls it) is created once.
  const markDirty = useCallback(() => {
    setDirty(true);
    tickRef.current += 1;
    setEditTick(tickRef.current);
  }, []);

  /** An autosave went through: continue from its version; a draft's changes are saved if nothing was typed since. */
  const autosaved = useCallback((version: number, applied: boolean, tickSent: number) => {
    setSaved((s) => (s ? { ...s, version } : s));
    if (applied && tickRef.current === tickSent) setDirty(false);
  }, []);

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
    autosaved,
    resolveConflict,
  };
}
