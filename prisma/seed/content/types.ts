import type { BlockNode } from "../../../lib/documents/schema";
import type { DocBuilder } from "../doc";
import type { ImageSpec } from "../images";
import type { AuthorSlug, SectionSlug, TagName } from "./masthead";

export type ArticleKind = "NEWS" | "OPINION" | "ANALYSIS" | "FEATURE";

/** A picture as content describes it; the seed decides its key, folder and date. */
export type PictureSpec = Pick<ImageSpec, "motif" | "palette" | "alt" | "caption" | "credit">;

export type ArticleSpec = {
  /** Stable name other articles use to link (`[text](@key)`) or call out (`d.related("key")`) to this one. */
  key: string;
  section: SectionSlug;
  type: ArticleKind;
  status: "PUBLISHED" | "DRAFT";
  headline: string;
  dek: string;
  authors: AuthorSlug[];
  tags: TagName[];
  /** Hours before the moment of seeding that the article was first published; null for drafts. */
  hoursAgo: number | null;
  /** Set for articles corrected or updated after publication: hours after publication. */
  updatedAfterHours?: number;
  hero: PictureSpec | null;
  /** Editor-picked related articles (keys), in order. */
  related?: string[];
  body: (d: DocBuilder) => BlockNode[];
};

/** Extra pictures used inside bodies (figures), by key. */
export type BodyPicture = PictureSpec & { key: string; hoursAgo: number };
