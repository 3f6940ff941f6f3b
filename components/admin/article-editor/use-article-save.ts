import {
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useState,
  type FormEvent,
  type RefObject,
} from "react";
import type {
  ArticleFormValues,
  ArticleIntent,
  ArticleSavePayload,
  ArticleSaveState,
  SavedArticleRef,
} from "../article-form";

/**
 * The article editor's submit logic: builds the payload from the controlled values, sends it through
 * `startTransition` rather than a form action (so React never resets the form and a failed save keeps every typed
 * character), follows the saved article's id and status, and warns before leaving with unsaved changes.
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
    initial.id ? { id: initial.id, status: initial.status, path: initial.path, url: initial.url } : null,
  );
  const [dirty, setDirty] = useState(false);
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

  const submit = (intent: ArticleIntent, minorEdit: boolean) => {
    if (
      intent === "unpublish" &&
      !window.confirm("Take this article off the site? Its URL will stop working until it is published again.")
    )
      return;
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
    };
    startTransition(() => formAction(payload));
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
  const markDirty = useCallback(() => setDirty(true), []);
  return { state, pending, saved, dirty, markDirty, onSubmit };
}
