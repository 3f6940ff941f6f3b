import { stripUnsafeText } from "../text/hygiene";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { notFound } from "../errors";
import { assertCan, assertCanOnArticle, MATRIX, type Actor } from "../auth/permissions";
import type { ArticleDocument } from "../documents/schema";
import { mediaUrl } from "../media/urls";
import { absoluteUrl } from "../seo/urls";
import { readPublication } from "../settings/publication";
import { ARTICLE_STATUSES, fromDbStatus, fromDbType, type ArticleStatusName, type ArticleTypeName } from "./input";
import { articlePath } from "./urls";

/**
 * Newsroom reads: the article list, one article for the editor (and the API's GET), and the callout picker.
 * Never cached — editors must see their own writes at once — and every function authorizes first.
 */

export const ADMIN_PAGE_SIZE = 30;

const listSelect = {
  id: true,
  slug: true,
  headline: true,
  status: true,
  type: true,
  publishedAt: true,
  updatedAt: true,
  section: { select: { slug: true, name: true } },
  authors: { select: { author: { select: { slug: true, name: true } } }, orderBy: { position: "asc" } },
  reviewNote: true,
  reviewNoteAt: true,
  reviewNoteBy: { select: { name: true } },
} satisfies Prisma.ArticleSelect;

/** The review step as the newsroom shows it: the submitter's note while in review, the editor's once sent back. */
export type ReviewNote = { note: string; by: string | null; at: Date };

const reviewOf = (r: {
  status: string;
  reviewNote: string;
  reviewNoteAt: Date | null;
  reviewNoteBy: { name: string } | null;
}): ReviewNote | null =>
  (r.status === "IN_REVIEW" || r.status === "DRAFT") && r.reviewNoteAt
    ? { note: r.reviewNote, by: r.reviewNoteBy?.name ?? null, at: r.reviewNoteAt }
    : null;

/** Whom the actor may read: everything, or (a contributor) only what they created — Ghost's contributor view. */
const readableWhere = (actor: Actor): Prisma.ArticleWhereInput =>
  MATRIX[actor.role]["article:read"] === "any" ? {} : { createdById: actor.id };

export type AdminArticleRow = {
  id: number;
  headline: string;
  status: ArticleStatusName;
  type: ArticleTypeName;
  section: { slug: string; name: string };
  authors: { slug: string; name: string }[];
  publishedAt: Date | null;
  updatedAt: Date;
  review: ReviewNote | null;
  /** Public path; null while the article is not on the site. */
  path: string | null;
};

const publicPath = (a: { id: number; slug: string; status: string; publishedAt: Date | null }, timeZone: string) =>
  a.status === "PUBLISHED" ? articlePath(a, timeZone) : null;

/** The newsroom finds at most this many articles by text (most recently changed first); a list or picker never shows more. */
const NEWSROOM_TEXT_MATCHES = 1000;

/**
 * The newsroom's search uses the readers' index (the GIN-indexed "searchVector" of migration h7_search) over every
 * status, with each word as a prefix ("clim chan" → 'clim':* & 'chan':*), so the list and the callout picker find
 * as an editor types. An exact slug or an id ("123", "a123" as at the end of an article URL) finds that article.
 */
async function searchWhere(q: string | undefined): Promise<Prisma.ArticleWhereInput> {
  // A NUL in a query is a database error, not "no results"; a query gains nothing from one.
  const text = q && stripUnsafeText(q).trim();
  if (!text) return {};
  const or: Prisma.ArticleWhereInput[] = [{ slug: text.toLowerCase() }];
  const idMatch = /^a?(\d{1,9})$/i.exec(text);
  if (idMatch) or.unshift({ id: Number(idMatch[1]) });
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  if (words.length) {
    const rows = await db().$queryRaw<{ id: number }[]>`
      SELECT a.id FROM "Article" a
      WHERE a."searchVector" @@ to_tsquery('english'::regconfig, ${words.map((w) => `${w}:*`).join(" & ")})
      ORDER BY a."updatedAt" DESC, a.id DESC LIMIT ${NEWSROOM_TEXT_MATCHES}`;
    or.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { OR: or };
}

/** One page of articles, most recently changed first, optionally filtered by status and a search text. */
export async function listArticlesForAdmin(
  actor: Actor | null,
  options: { page?: number; status?: ArticleStatusName | string | null; q?: string | null } = {},
): Promise<{ items: AdminArticleRow[]; page: number; pageCount: number; total: number }> {
  assertCan(actor, "article:read");
  // Past ~100,000 pages there is nothing to show; a larger OFFSET only makes PostgreSQL work (or overflow).
  const page = Number.isSafeInteger(options.page) && options.page! > 0 ? Math.min(options.page!, 100_000) : 1;
  const status = ARTICLE_STATUSES.find((s) => s === options.status?.toLowerCase());
  const where: Prisma.ArticleWhereInput = {
    AND: [readableWhere(actor), await searchWhere(options.q ?? undefined)],
    ...(status ? { status: status.toUpperCase() as Prisma.ArticleWhereInput["status"] } : {}),
  };
  const [rows, total, { timeZone }] = await Promise.all([
    db().article.findMany({
      where,
      select: listSelect,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
    }),
    db().article.count({ where }),
    readPublication(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      headline: r.headline,
      status: fromDbStatus(r.status),
      type: fromDbType(r.type),
      section: r.section,
      authors: r.authors.map((a) => a.author),
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
      review: reviewOf(r),
      path: publicPath(r, timeZone),
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
    total,
  };
}

/** How many articles wait in the review queue (the editors' "Review queue" button). */
export async function countInReview(actor: Actor | null): Promise<number> {
  assertCan(actor, "article:review");
  return db().article.count({ where: { status: "IN_REVIEW" } });
}

/**
 * An article in the same shape `createArticle`/`updateArticle` accept (section and authors by slug, tags by name,
 * body as {doc}), plus what the editor shows beside the fields (`refs`: names, related headlines).
 */
export type ArticleForEdit = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  type: ArticleTypeName;
  status: ArticleStatusName;
  section: string;
  authors: string[];
  tags: string[];
  heroImage: {
    mediaId: number;
    alt: string;
    caption: string;
    credit: string;
    src: string;
    width: number;
    height: number;
  } | null;
  body: { doc: ArticleDocument };
  related: number[];
  /** Search/social overrides: "" or null where the headline, dek or hero image is used. */
  seo: { title: string; description: string; image: number | null };
  publishedAt: Date | null;
  contentUpdatedAt: Date | null;
  /** Optimistic concurrency: send it back (If-Match, or the editor's form) so a stale save is refused. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The staff user who created it: its owner for the ownership rules of lib/auth/permissions.ts. */
  createdById: number | null;
  review: ReviewNote | null;
  /** Canonical path (for drafts: the path it would get if published now). */
  path: string;
  url: string;
  refs: {
    section: { slug: string; name: string };
    authors: { slug: string; name: string }[];
    related: { id: number; headline: string; status: ArticleStatusName }[];
    seoImage: { mediaId: number; src: string } | null;
  };
};

export async function getArticleForEdit(actor: Actor | null, id: number): Promise<ArticleForEdit> {
  assertCan(actor, "article:read");
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound("The article");
  const row = await db().article.findUnique({
    where: { id },
    include: {
      section: { select: { slug: true, name: true } },
      authors: { select: { author: { select: { slug: true, name: true } } }, orderBy: { position: "asc" } },
      tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: "asc" } } },
      related: {
        select: { related: { select: { id: true, headline: true, status: true } } },
        orderBy: { position: "asc" },
      },
      heroMedia: { select: { id: true, storageKey: true, width: true, height: true } },
      reviewNoteBy: { select: { name: true } },
      seoImage: { select: { id: true, storageKey: true } },
    },
  });
  if (!row) throw notFound("The article");
  assertCanOnArticle(actor, "article:read", row);
  const { timeZone } = await readPublication();
  const path = articlePath(row, timeZone);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    type: fromDbType(row.type),
    status: fromDbStatus(row.status),
    section: row.section.slug,
    authors: row.authors.map((a) => a.author.slug),
    tags: row.tags.map((t) => t.tag.name),
    heroImage: row.heroMedia
      ? {
          mediaId: row.heroMedia.id,
          alt: row.heroAlt,
          caption: row.heroCaption,
          credit: row.heroCredit,
          src: mediaUrl(row.heroMedia.storageKey),
          width: row.heroMedia.width,
          height: row.heroMedia.height,
        }
      : null,
    // Stored bodies were validated by parseDocument on the way in.
    body: { doc: row.body as unknown as ArticleDocument },
    related: row.related.map((r) => r.related.id),
    seo: { title: row.seoTitle, description: row.seoDescription, image: row.seoImageId },
    publishedAt: row.publishedAt,
    contentUpdatedAt: row.contentUpdatedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdById: row.createdById,
    review: reviewOf(row),
    path,
    url: absoluteUrl(path),
    refs: {
      section: row.section,
      authors: row.authors.map((a) => a.author),
      related: row.related.map((r) => ({
        id: r.related.id,
        headline: r.related.headline,
        status: fromDbStatus(r.related.status),
      })),
      seoImage: row.seoImage ? { mediaId: row.seoImage.id, src: mediaUrl(row.seoImage.storageKey) } : null,
    },
  };
}

/** The API's view of an article: the input shape plus id, url, status and timestamps (ISO strings). */
export function articleToApi(article: ArticleForEdit) {
  const { refs: _refs, review, ...rest } = article;
  return {
    ...rest,
    review: review ? { note: review.note, by: review.by, at: review.at.toISOString() } : null,
    publishedAt: rest.publishedAt?.toISOString() ?? null,
    contentUpdatedAt: rest.contentUpdatedAt?.toISOString() ?? null,
    createdAt: rest.createdAt.toISOString(),
    updatedAt: rest.updatedAt.toISOString(),
  };
}

export type CalloutCandidate = { id: number; headline: string; status: ArticleStatusName; path: string | null };

/**
 * Articles an editor may point a "Related article" callout at, best matches first. Any status can be chosen (two
 * stories may go live together), but the status is shown, and readers only ever see callouts to published ones.
 */
export async function searchArticlesForCallout(
  actor: Actor | null,
  q: string,
  options: { excludeId?: number; limit?: number } = {},
): Promise<CalloutCandidate[]> {
  assertCan(actor, "article:read");
  const where: Prisma.ArticleWhereInput = {
    // A contributor sees other people's work only once it is public.
    AND: [
      await searchWhere(q),
      MATRIX[actor.role]["article:read"] === "any" ? {} : { OR: [readableWhere(actor), { status: "PUBLISHED" }] },
    ],
    ...(options.excludeId ? { id: { not: options.excludeId } } : {}),
    status: { not: "TAKEN_DOWN" },
  };
  const [rows, { timeZone }] = await Promise.all([
    db().article.findMany({
      where,
      select: { id: true, slug: true, headline: true, status: true, publishedAt: true },
      orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: Math.min(Math.max(options.limit ?? 10, 1), 50),
    }),
    readPublication(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: fromDbStatus(r.status),
    path: publicPath(r, timeZone),
  }));
}
