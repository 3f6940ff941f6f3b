import { Prisma } from "../../generated/prisma/client";
import { z } from "zod";
import { db } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { revalidateMediaUsers } from "../publishing/revalidate";
import { deleteDerivedFiles } from "./removal";
import { forgetCrops } from "./crops";
import { responsiveImage, type ResponsiveImage } from "./responsive";
import { absoluteUrl } from "../seo/urls";
import { mediaUrl } from "./urls";

/**
 * The media library as the newsroom sees it (issue 9, item 6): browse and search, one image with where it is used,
 * edit its texts and focal point, delete it when nothing uses it. Every function authorizes first; reads need
 * `article:read` (whoever writes articles picks images), edits and deletions `media:manage`.
 *
 * Removed images (taken down with an article, or deleted here) are not offered: their URLs answer 410.
 */

export const MEDIA_PAGE_SIZE = 24;

/** One image as the newsroom sees it, with its public URL and responsive variants for thumbnails. */
export type MediaItem = {
  id: number;
  url: string;
  image: ResponsiveImage;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  decorative: boolean;
  /** Fractions of width and height; null when crops use sharp's attention strategy. */
  focal: { x: number; y: number } | null;
  createdAt: Date;
  removed: boolean;
};

const mediaItemSelect = {
  id: true,
  storageKey: true,
  mimeType: true,
  width: true,
  height: true,
  bytes: true,
  alt: true,
  caption: true,
  credit: true,
  decorative: true,
  focalX: true,
  focalY: true,
  createdAt: true,
  removedAt: true,
} as const;

type MediaRow = Prisma.MediaGetPayload<{ select: typeof mediaItemSelect }>;

const toItem = (row: MediaRow): MediaItem => ({
  id: row.id,
  url: mediaUrl(row.storageKey),
  image: responsiveImage(row.storageKey, row.width, row.height),
  mimeType: row.mimeType,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  alt: row.alt,
  caption: row.caption,
  credit: row.credit,
  decorative: row.decorative,
  focal: row.focalX !== null && row.focalY !== null ? { x: row.focalX, y: row.focalY } : null,
  createdAt: row.createdAt,
  removed: row.removedAt !== null,
});

/** The admin API's shape of a library image (absolute URL, no storage details; docs/api.md). */
export const mediaToApi = (m: MediaItem) => ({
  id: m.id,
  url: absoluteUrl(m.url),
  width: m.width,
  height: m.height,
  mimeType: m.mimeType,
  alt: m.alt,
  caption: m.caption,
  credit: m.credit,
  decorative: m.decorative,
  focal: m.focal,
  createdAt: m.createdAt.toISOString(),
});

export async function getMedia(actor: Actor | null, id: number): Promise<MediaItem> {
  assertCan(actor, "article:read");
  const row = await db().media.findUnique({ where: { id }, select: mediaItemSelect });
  if (!row) throw notFound("The image");
  return toItem(row);
}

export type MediaQuery = {
  /** Words that must each appear in the alt text, caption or credit (any case). */
  q?: string | null;
  /** Uploaded at or after this instant. */
  from?: Date | null;
  /** Uploaded before this instant. */
  before?: Date | null;
  page?: number;
  pageSize?: number;
};

export type MediaPage = { items: MediaItem[]; total: number; page: number; pageCount: number };

/** `%`, `_` and `\` typed by a person are letters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the library, newest first. Each word of `q` must match one of the three texts with ILIKE, which the
 * trigram GIN indexes on alt, caption and credit answer without reading the table (words of 3+ characters).
 */
export async function listMedia(actor: Actor | null, query: MediaQuery = {}): Promise<MediaPage> {
  assertCan(actor, "article:read");
  const pageSize = Math.min(100, Math.max(1, query.pageSize ?? MEDIA_PAGE_SIZE));
  const page = Math.min(100_000, Math.max(1, Math.trunc(query.page ?? 1)));
  // Words beyond the tenth add nothing a person meant; the cap keeps the query bounded.
  const words = (query.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 10);
  const where: Prisma.MediaWhereInput = {
    removedAt: null,
    AND: [
      ...words.map((word) => {
        const pattern = { contains: likeEscape(word), mode: "insensitive" as const };
        return { OR: [{ alt: pattern }, { caption: pattern }, { credit: pattern }] };
      }),
      ...(query.from ? [{ createdAt: { gte: query.from } }] : []),
      ...(query.before ? [{ createdAt: { lt: query.before } }] : []),
    ],
  };
  const [total, rows] = await db().$transaction([
    db().media.count({ where }),
    db().media.findMany({
      where,
      select: mediaItemSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { items: rows.map(toItem), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Where an image appears. Article status is the database's, lower-cased (`published`, `draft`, …). */
export type MediaUsage = {
  articles: {
    id: number;
    headline: string;
    slug: string;
    status: string;
    publishedAt: Date | null;
    asHero: boolean;
    asSocial: boolean;
    inBody: boolean;
  }[];
  authors: { id: number; name: string; slug: string }[];
};

type UsageRow = {
  id: number;
  headline: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  asHero: boolean;
  inBody: boolean;
  /** The article's social image (its SEO override), which search engines and shares show. */
  asSocial: boolean;
};

async function usageOf(tx: Prisma.TransactionClient, id: number): Promise<MediaUsage> {
  // Body figures live in the JSON document; the same path query as lib/media/removal.ts finds them.
  const articles = await tx.$queryRaw<UsageRow[]>`
    SELECT a.id, a.headline, a.slug, lower(a.status::text) AS status, a."publishedAt",
           a."heroMediaId" IS NOT DISTINCT FROM ${id} AS "asHero",
           a."seoImageId" IS NOT DISTINCT FROM ${id} AS "asSocial",
           jsonb_path_exists(a.body, 'strict $.** ? (@.mediaId == $m)', jsonb_build_object('m', ${id}::int)) AS "inBody"
    FROM "Article" a
    WHERE a."heroMediaId" = ${id} OR a."seoImageId" = ${id}
       OR jsonb_path_exists(a.body, 'strict $.** ? (@.mediaId == $m)', jsonb_build_object('m', ${id}::int))
    ORDER BY a."updatedAt" DESC, a.id DESC`;
  const authors = await tx.author.findMany({
    where: { photoId: id },
    select: { id: true, name: true, slug: true },
    orderBy: { name: "asc" },
  });
  return { articles, authors };
}

/** One image and everything that uses it (articles as hero or in the body, whatever their status; author photos). */
export async function getMediaWithUsage(actor: Actor | null, id: number): Promise<MediaItem & { usage: MediaUsage }> {
  assertCan(actor, "article:read");
  const row = await db().media.findUnique({ where: { id }, select: mediaItemSelect });
  if (!row) throw notFound("The image");
  return { ...toItem(row), usage: await usageOf(db(), id) };
}

const fraction = z
  .number()
  .finite()
  .min(0, "The focal point is inside the image.")
  .max(1, "The focal point is inside the image.");

const editSchema = z.object({
  alt: z.string().trim().max(1000, "Alt text is at most 1000 characters.").optional(),
  caption: z.string().trim().max(2000, "Captions are at most 2000 characters.").optional(),
  credit: z.string().trim().max(300, "Credits are at most 300 characters.").optional(),
  decorative: z.boolean().optional(),
  /** null removes the focal point; absent keeps it. */
  focal: z.object({ x: fraction, y: fraction }).nullable().optional(),
});

/**
 * An image that carries meaning needs a text alternative (WCAG 1.1.1); a decorative one must have none, or screen
 * readers would announce it. Checked on the image as it will be, so a partial edit cannot break the rule.
 */
function assertAltRule(next: { alt: string; decorative: boolean }): void {
  if (!next.decorative && next.alt === "") {
    const message = "Describe the image for people who cannot see it, or mark it as decorative.";
    throw new DomainError(422, message, { alt: message });
  }
  if (next.decorative && next.alt !== "") {
    const message = "A decorative image has no alt text; clear it.";
    throw new DomainError(422, message, { alt: message });
  }
}

export type MediaEdit = z.input<typeof editSchema>;

/**
 * Edits an image's library texts and focal point (fields left out keep their value). Published articles whose hero is this image print the library's
 * text wherever the article has none of its own, and their cards are cropped around its focal point, so their pages
 * are refreshed (soft purge of `article:<id>`), and so are the pages of authors whose photo it is. A new focal point
 * also deletes the crops and social cards made around the old one.
 */
export async function updateMedia(actor: Actor | null, id: number, input: MediaEdit): Promise<MediaItem> {
  assertCan(actor, "media:manage");
  const parsed = editSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;
  const { before, after, heroOf, authors } = await db().$transaction(async (tx) => {
    const before = await tx.media.findUnique({ where: { id }, select: mediaItemSelect });
    if (!before) throw notFound("The image");
    if (before.removedAt) throw new DomainError(409, "This image was removed; it can no longer be edited.");
    // A field left out keeps its value (the API's PATCH); the newsroom form sends them all.
    const next = {
      alt: data.alt ?? before.alt,
      caption: data.caption ?? before.caption,
      credit: data.credit ?? before.credit,
      decorative: data.decorative ?? before.decorative,
    };
    assertAltRule(next);
    const focal = data.focal;
    const after = await tx.media.update({
      where: { id },
      data: { ...next, ...(focal === undefined ? {} : { focalX: focal?.x ?? null, focalY: focal?.y ?? null }) },
      select: mediaItemSelect,
    });
    const heroOf = await tx.article.findMany({
      where: { heroMediaId: id, status: "PUBLISHED", publishedAt: { not: null } },
      select: { id: true },
    });
    const authors = await tx.author.findMany({ where: { photoId: id }, select: { slug: true } });
    return { before, after, heroOf, authors };
  });
  const focalMoved = before.focalX !== after.focalX || before.focalY !== after.focalY;
  if (focalMoved)
    await forgetCrops(
      id,
      heroOf.map((a) => a.id),
    );
  const textChanged = before.alt !== after.alt || before.caption !== after.caption || before.credit !== after.credit;
  // Cards position their CSS crop on the focal point, so a moved point refreshes the same pages as new text.
  if (textChanged || focalMoved)
    await revalidateMediaUsers(
      heroOf.map((a) => a.id),
      authors.map((a) => a.slug),
    );
  return toItem(after);
}

function usageSentence(usage: MediaUsage): string {
  const parts = usage.articles
    .slice(0, 5)
    .map((a) => `“${a.headline}” (${a.status.replace("_", " ")}, ${a.asHero ? "hero" : "in the body"})`);
  if (usage.articles.length > 5) parts.push(`${usage.articles.length - 5} more article(s)`);
  for (const au of usage.authors) parts.push(`the photo of author ${au.name}`);
  return parts.join("; ");
}

/**
 * Deletes an unused image: it is marked removed (every URL of it answers 410 Gone, like a take-down's images) and its
 * responsive variants and crops are deleted. 409 naming every place that uses it otherwise — any article, whatever
 * its status (a draft or an unpublished article would lose a picture it will show again), or an author's photo.
 * The row is locked while usage is checked, so two deletions cannot race.
 */
export async function deleteMedia(actor: Actor | null, id: number): Promise<void> {
  assertCan(actor, "media:manage");
  const removed = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number; storageKey: string; removedAt: Date | null }[]>`
      SELECT id, "storageKey", "removedAt" FROM "Media" WHERE id = ${id} FOR UPDATE`;
    const row = locked[0];
    if (!row) throw notFound("The image");
    if (row.removedAt) return null;
    const usage = await usageOf(tx, id);
    if (usage.articles.length > 0 || usage.authors.length > 0) {
      throw new DomainError(
        409,
        `This image is still used, so it cannot be deleted: ${usageSentence(usage)}. Replace or remove it there first.`,
      );
    }
    await tx.media.update({ where: { id }, data: { removedAt: new Date() } });
    return { id: row.id, storageKey: row.storageKey };
  });
  if (removed) await deleteDerivedFiles([removed]);
}
