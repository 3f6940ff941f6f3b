/**
 * View models shared by the article editor (client) and its server action. Plain data only, so both sides can
 * import it. The action turns an `ArticleSavePayload` into the lib/articles input; the editor never builds that
 * input itself, which keeps one place deciding how form values map to the domain.
 */

export type ArticleTypeOption = "news" | "opinion" | "analysis" | "feature";
export type ArticleStatusView = "draft" | "in_review" | "scheduled" | "published" | "unpublished" | "taken_down";

/** How the newsroom names each status, in the article list and the editor's bar. */
export const STATUS_LABEL: Record<ArticleStatusView, string> = {
  draft: "Draft",
  in_review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
  taken_down: "Taken down",
};

export const statusLabel = (status: string): string => STATUS_LABEL[status as ArticleStatusView] ?? status;

export type PickedAuthor = { slug: string; name: string };
export type PickedArticle = { id: number; headline: string; status?: string; path?: string | null };
export type HeroImageValue = { mediaId: number; src: string; alt: string; caption: string; credit: string };

/** Everything the editor shows for one article (or a blank one). */
export type ArticleFormValues = {
  id: number | null;
  status: ArticleStatusView;
  headline: string;
  dek: string;
  slug: string;
  type: ArticleTypeOption;
  section: string;
  authors: PickedAuthor[];
  tags: string[];
  heroImage: HeroImageValue | null;
  /** Tiptap JSON. */
  body: unknown;
  /** `YYYY-MM-DDTHH:mm` in the publication's time zone, or "". */
  publishedAt: string;
  related: PickedArticle[];
  path: string | null;
  url: string | null;
  /** The stored version these values came from (0 for a new article); sent back so a stale save is refused. */
  version: number;
  /** Search/social overrides; "" and null fall back to headline, dek and hero image. */
  seoTitle: string;
  seoDescription: string;
  seoImage: { mediaId: number; src: string } | null;
};

export type ArticleIntent = "save" | "publish" | "unpublish";

/** What the editor sends to its server action. */
export type ArticleSavePayload = {
  id: number | null;
  intent: ArticleIntent;
  headline: string;
  dek: string;
  slug: string;
  type: string;
  section: string;
  authors: string[];
  tags: string;
  heroImage: { mediaId: number; alt: string; caption: string; credit: string } | null;
  body: unknown;
  publishedAt: string;
  related: number[];
  seo: { title: string; description: string; image: number | null };
  /** A typo fix on a published article: saved without the "Updated" line. */
  minorEdit?: boolean;
  /** The version the editor started from (null for a new article). */
  version: number | null;
};

export type SavedArticleRef = {
  id: number;
  status: string;
  path: string | null;
  url: string | null;
  version: number;
};

/** Someone else saved first: who, when, and the article as it now is, for the conflict screen. */
export type ArticleConflict = { version: number; savedBy: string | null; savedAt: string; theirs: ArticleFormValues };

/** What an autosave answered: the version to continue from, or the conflict that stops autosaving. */
export type AutosaveState =
  /** `article`: this autosave created the article (its first): the editor now follows its id. */
  | { outcome: "saved"; version: number; applied: boolean; at: string; article?: SavedArticleRef }
  | { outcome: "conflict"; conflict: ArticleConflict }
  | { outcome: "error"; message: string };

export type ArticleSaveState = {
  outcome: "idle" | "saved" | "error" | "conflict";
  message?: string;
  /** Per-field messages keyed by input name (`headline`, `authors.1`, `heroImage.mediaId`, ...). */
  fields?: Record<string, string>;
  /** The article as saved; present after any successful step, even when a later step failed. */
  article?: SavedArticleRef;
  conflict?: ArticleConflict;
  /** Changes on every response so the editor can tell a new result from an old one. */
  at?: number;
};

export type UploadResult =
  { ok: true; media: { id: number; url: string; width: number; height: number } } | { ok: false; error: string };

/** The message for a field, including messages about its parts (`authors.2` belongs to `authors`). */
export function fieldError(fields: Record<string, string> | undefined, name: string): string | undefined {
  if (!fields) return undefined;
  if (fields[name]) return fields[name];
  const key = Object.keys(fields).find((k) => k.startsWith(`${name}.`));
  return key ? fields[key] : undefined;
}

/** The blank editor. */
export function emptyArticleValues(): ArticleFormValues {
  return {
    id: null,
    status: "draft",
    headline: "",
    dek: "",
    slug: "",
    type: "news",
    section: "",
    authors: [],
    tags: [],
    heroImage: null,
    body: { type: "doc", content: [{ type: "paragraph" }] },
    publishedAt: "",
    related: [],
    path: null,
    url: null,
    version: 0,
    seoTitle: "",
    seoDescription: "",
    seoImage: null,
  };
}

/** What the editor asks of a preview: its article, and the unsaved fields when there are any. */
export type PreviewRequest = {
  id: number;
  snapshot: {
    headline: string;
    dek: string;
    type: string;
    section: string;
    authors: string[];
    tags: string;
    heroImage: { mediaId: number; alt: string; caption: string; credit: string } | null;
    body: unknown;
  } | null;
};
export type PreviewResult = { ok: true; url: string; expiresAt: string } | { ok: false; message: string };
export type RevokeResult = { ok: true; revoked: number } | { ok: false; message: string };
