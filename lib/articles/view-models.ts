import type { ArticleType } from "../../generated/prisma/client";
import type { ArticleDocument } from "../documents/schema";
import { isSafeHref } from "../documents/schema";
import { responsiveImage, type ResponsiveImage } from "../media/responsive";
import { articlePath } from "./urls";

/**
 * What reader pages receive: plain, JSON-safe objects (dates as ISO strings, records instead of maps). Components
 * never see database rows.
 */

export type ArticleKind = ArticleType;

/** An image as readers get it: the original, the widths of its responsive variants, and its alt text. */
export type ImageView = ResponsiveImage & { alt: string };
export type SectionRef = { slug: string; name: string; url: string };
export type AuthorRef = { slug: string; name: string; url: string };
export type TagRef = { slug: string; name: string };

export type ArticleCard = {
  id: number;
  url: string;
  headline: string;
  dek: string;
  type: ArticleKind;
  /** ISO timestamp of first publication. */
  publishedAt: string;
  section: SectionRef;
  authors: AuthorRef[];
  image: ImageView | null;
};

/** Live headline and canonical URL of a published article that a body callout points at. */
export type CalloutTarget = { headline: string; url: string };
/** Current file of a media item used by a body figure (the figure carries its own alt text). */
export type BodyMedia = ResponsiveImage;

export type ArticlePageView = {
  id: number;
  /** Canonical path, e.g. /2026/11/28/some-slug-a12. */
  url: string;
  headline: string;
  dek: string;
  type: ArticleKind;
  section: SectionRef;
  authors: AuthorRef[];
  publishedAt: string;
  contentUpdatedAt: string | null;
  /** `mediaId` names the hero's crops for structured data (/img/<mediaId>/16x9.jpg). */
  hero: { mediaId: number; image: ImageView; caption: string; credit: string } | null;
  /** The editor's search/social overrides ("" / null: use headline, dek, hero). Never shown on the page itself. */
  seo: { title: string; description: string; imageId: number | null };
  body: ArticleDocument;
  /** Minutes an adult takes to read the body (lib/time/reader-format.ts). */
  readingMinutes: number;
  tags: TagRef[];
  /** Corrections (printed above the body) and editorial updates (below it), oldest first. */
  corrections: ArticleNoteRef[];
  updates: ArticleNoteRef[];
  related: ArticleCard[];
  /** Keyed by article id; a callout whose target is missing here is not shown. */
  callouts: Record<number, CalloutTarget>;
  /** Keyed by media id; a figure whose media is missing here is not shown. */
  media: Record<number, BodyMedia>;
};

/** A correction or update as readers see it: its text and when it was added (ISO). */
export type ArticleNoteRef = { text: string; at: string };

export type Paged<T> = {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
  /**
   * True when the count stopped at COUNT_CAP (lib/routing/scopes.ts): `total` is then the cap ("more than total") and
   * pageCount only "this page, or the next".
   */
  countCapped?: boolean;
};

/** The one way reader view models describe a picture (lib/media/responsive.ts decides which variants exist). */
export const imageView = (
  storageKey: string,
  width: number,
  height: number,
  alt: string,
  focal?: { x: number; y: number } | null,
): ImageView => ({
  ...responsiveImage(storageKey, width, height),
  alt,
  ...(focal ? { focal } : {}),
});

export const sectionPath = (slug: string) => `/${slug}`;
export const authorPath = (slug: string) => `/authors/${slug}`;

/** Raw rows produced by the card JSON in lib/articles/public.ts. */
export type CardRow = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  type: ArticleKind;
  publishedAt: string;
  section: { slug: string; name: string };
  hero: { key: string; width: number; height: number; alt: string; focal: { x: number; y: number } | null } | null;
  authors: { slug: string; name: string }[];
};

export function toCard(row: CardRow, timeZone: string): ArticleCard {
  const publishedAt = new Date(row.publishedAt);
  return {
    id: row.id,
    url: articlePath({ id: row.id, slug: row.slug, publishedAt }, timeZone),
    headline: row.headline,
    dek: row.dek,
    type: row.type,
    publishedAt: publishedAt.toISOString(),
    section: { slug: row.section.slug, name: row.section.name, url: sectionPath(row.section.slug) },
    authors: row.authors.map((a) => ({ slug: a.slug, name: a.name, url: authorPath(a.slug) })),
    // Cards crop their picture to 16:9 with CSS; the focal point keeps the subject in the frame.
    image: row.hero ? imageView(row.hero.key, row.hero.width, row.hero.height, row.hero.alt, row.hero.focal) : null,
  };
}

/** Author.links as stored is loosely shaped JSON; only well-formed entries with a safe absolute or on-site href survive. */
export function safeLinks(value: unknown): { label: string; url: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { label: string; url: string }[] = [];
  for (const item of value) {
    if (!item || typeof item !== "object") continue;
    const { label, url } = item as { label?: unknown; url?: unknown };
    if (typeof label !== "string" || typeof url !== "string") continue;
    if (!label.trim() || !isSafeHref(url) || url.trim().startsWith("#")) continue;
    out.push({ label: label.trim(), url: url.trim() });
  }
  return out;
}

/**
 * `?page=N` as typed by a person or a crawler. Absent means page 1; anything that is not a plain positive integer
 * is `null`, which pages answer with 404 rather than guessing.
 */
export function parsePageParam(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  if (typeof value !== "string" || !/^[1-9][0-9]{0,5}$/.test(value)) return null;
  return Number(value);
}

/** Ordering and limits for the related-articles list; exported so tests state the rule, not a copy of it. */
export const RELATED_LIMIT = 6;

/**
 * Weights of the automatic related score (lib/articles/public.ts says how they combine): a shared tag counts most,
 * then the share of headline and dek words in common, then the same type and the same section.
 */
export const RELATED_WEIGHTS = { tag: 3, words: 2, type: 0.75, section: 0.5 } as const;

/**
 * How many candidates each shared tag (and the section) contributes, newest and nearest older; bounds the query.
 * Each candidate costs about ten 8 kB pages to score at a million articles (bench:search prints them): 40 keeps a
 * middle-of-the-archive page near 2,000 pages read, and still reaches weeks around the article on the busiest tag.
 */
export const RELATED_CANDIDATES = 40;

/** How many of the best candidates (by tags, type, section and time) have their headline words compared. */
export const RELATED_RERANK = 40;
