import { createHash, randomBytes } from "node:crypto";
import { cookies, draftMode } from "next/headers";
import { cache } from "react";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { assertCan, assertCanOnArticle, type Actor } from "../auth/permissions";
import { db } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertStorableText } from "../text/hygiene";
import { slugify } from "../text/slugs";
import { getPublication } from "../settings/publication";
import { bodyToDocument } from "./body";
import { ARTICLE_TYPES, toDbType } from "./input";
import { PREVIEW_COOKIE } from "./preview-cookie";
import { loadArticlePage, type ArticleRow } from "./public";
import { articlePath } from "./urls";
import type { ArticlePageView } from "./view-models";

/**
 * Previews: an article as readers would see it, before it is public or before an edit is saved, rendered by the real
 * article page in Next's draft mode.
 *
 * A preview is a link, `/preview/<token>`: 32 random bytes, of which only the SHA-256 is stored (as for API tokens),
 * valid for PREVIEW_TTL_MS. The newsroom's Preview button and the "share preview" link are the same thing, so a
 * reviewer without an account sees exactly what the editor saw. Opening the link turns on draft mode and keeps the
 * token in an http-only cookie; the article page then loads the article whatever its status, lays the editor's
 * unsaved fields over it (`snapshot`), shows a banner and answers `noindex` and `no-store`. The front never caches a
 * request in draft mode (scripts/serve.ts), and proxy.ts adds the headers, so no layer keeps a preview.
 */
export const PREVIEW_TTL_MS = 48 * 60 * 60 * 1000;

const hashPreviewToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** What the editor has on screen, unsaved: the fields a reader sees. Same limits as a save. */
const snapshotSchema = z.object({
  headline: z.string().max(10_000),
  dek: z.string().max(10_000),
  type: z.enum(ARTICLE_TYPES),
  section: z.string().max(200),
  authors: z.array(z.string().max(200)).max(50),
  /** Tag names, as the editor's tag field parses them (lib/tags/tag-list.ts). */
  tags: z.array(z.string().max(200)).max(100),
  heroImage: z
    .object({
      mediaId: z.number().int().positive().max(2_147_483_647),
      alt: z.string().max(5_000),
      caption: z.string().max(5_000),
      credit: z.string().max(5_000),
    })
    .nullable(),
  body: z.unknown(),
});
export type PreviewSnapshot = z.input<typeof snapshotSchema>;
type StoredSnapshot = Omit<z.output<typeof snapshotSchema>, "body"> & { body: unknown };

export type PreviewLink = { url: string; expiresAt: Date };

/**
 * Makes a preview link for an article, as stored or with the editor's unsaved fields. Anyone who may read the
 * newsroom's articles may preview them; taken-down articles are not previewed (they were pulled for a reason, and a
 * link outlives the session that made it).
 */
export async function createPreviewLink(
  actor: Actor | null,
  articleId: number,
  snapshot: PreviewSnapshot | null = null,
  now: Date = new Date(),
): Promise<PreviewLink> {
  assertCan(actor, "article:read");
  let stored: StoredSnapshot | null = null;
  if (snapshot) {
    assertStorableText(snapshot);
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) throw validationError(parsed.error.issues);
    // The same document rules as a save: an unsaved body that could not be saved cannot be previewed either.
    stored = { ...parsed.data, body: bodyToDocument({ doc: parsed.data.body }) };
  }
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: { status: true, createdById: true },
  });
  if (!article) throw notFound("The article");
  // Whoever may open the article in the newsroom may preview it (a contributor: their own).
  assertCanOnArticle(actor, "article:read", article);
  if (article.status === "TAKEN_DOWN") throw new DomainError(409, "A taken-down article cannot be previewed.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PREVIEW_TTL_MS);
  await db().articlePreview.create({
    data: {
      tokenHash: hashPreviewToken(token),
      articleId,
      snapshot: (stored ?? undefined) as Prisma.InputJsonValue | undefined,
      createdById: actor.id,
      expiresAt,
    },
  });
  // Expired links are kept a day for nobody's benefit; clear them as new ones are made rather than by a timer.
  await db().articlePreview.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  return { url: `/preview/${token}`, expiresAt };
}

export type PreviewGrant = {
  articleId: number;
  status: "DRAFT" | "IN_REVIEW" | "SCHEDULED" | "PUBLISHED" | "UNPUBLISHED";
  snapshot: StoredSnapshot | null;
  expiresAt: Date;
};

/** The preview a token opens, or null when it is unknown, expired or its article was taken down since. */
export async function resolvePreviewToken(token: string, now: Date = new Date()): Promise<PreviewGrant | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db().articlePreview.findUnique({
    where: { tokenHash: hashPreviewToken(token) },
    select: { articleId: true, snapshot: true, expiresAt: true, article: { select: { status: true } } },
  });
  const status = row?.article.status;
  if (!row || row.expiresAt <= now || !status || status === "TAKEN_DOWN") return null;
  return {
    articleId: row.articleId,
    status,
    snapshot: row.snapshot as StoredSnapshot | null,
    expiresAt: row.expiresAt,
  };
}

/**
 * The preview this request may see of article `articleId`: only in draft mode, only with a live preview cookie for
 * that very article. Shared by the article page's metadata and body (React `cache`).
 */
export const getPreviewGrant = cache(async (articleId: number): Promise<PreviewGrant | null> => {
  if (!(await draftMode()).isEnabled) return null;
  const token = (await cookies()).get(PREVIEW_COOKIE)?.value;
  const grant = token ? await resolvePreviewToken(token) : null;
  return grant?.articleId === articleId ? grant : null;
});

/**
 * Where the article page for a preview lives: the canonical path once published; before that, the path it will
 * have (its scheduled date, else today's) — the page does not insist on it.
 */
export async function previewPath(articleId: number, timeZone: string, now: Date = new Date()): Promise<string> {
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: { id: true, slug: true, publishedAt: true },
  });
  if (!article) throw notFound("The article");
  return articlePath({ ...article, publishedAt: article.publishedAt ?? now }, timeZone);
}

/** Ends every preview link of an article (the newsroom's "revoke links"). */
export async function revokePreviewLinks(actor: Actor | null, articleId: number): Promise<number> {
  assertCan(actor, "article:write");
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: { status: true, createdById: true },
  });
  if (!article) throw notFound("The article");
  assertCanOnArticle(actor, "article:write", article);
  const { count } = await db().articlePreview.deleteMany({ where: { articleId } });
  return count;
}

/** The article page of a preview: the stored article of any status, with the snapshot's fields over it. */
export async function loadArticlePreview(
  grant: PreviewGrant,
  timeZone: string,
  now: Date = new Date(),
): Promise<ArticlePageView | null> {
  return loadArticlePage(grant.articleId, timeZone, async (row) => {
    const dated: ArticleRow = { ...row, publishedAt: row.publishedAt ?? now };
    return grant.snapshot ? overlay(dated, grant.snapshot) : dated;
  });
}

/** The previewed article page, loaded once per request for the metadata and the page. */
export const getArticlePreview = cache(async (grant: PreviewGrant): Promise<ArticlePageView | null> => {
  const { timeZone } = await getPublication();
  return loadArticlePreview(grant, timeZone);
});

/** Lays unsaved fields over the stored row. Names come from the database, so an unknown slug keeps what is stored. */
async function overlay(row: ArticleRow, snapshot: StoredSnapshot): Promise<ArticleRow> {
  const [section, authors, media] = await Promise.all([
    db().section.findUnique({ where: { slug: snapshot.section }, select: { id: true, slug: true, name: true } }),
    db().author.findMany({ where: { slug: { in: snapshot.authors } }, select: { slug: true, name: true } }),
    snapshot.heroImage
      ? db().media.findFirst({
          where: { id: snapshot.heroImage.mediaId, removedAt: null },
          select: { id: true, storageKey: true, width: true, height: true, alt: true, caption: true, credit: true },
        })
      : null,
  ]);
  const byslug = new Map(authors.map((a) => [a.slug, a]));
  const orderedAuthors = snapshot.authors.flatMap((slug) => byslug.get(slug) ?? []);
  return {
    ...row,
    headline: snapshot.headline,
    dek: snapshot.dek,
    type: toDbType(snapshot.type),
    body: snapshot.body,
    sectionId: section?.id ?? row.sectionId,
    section: section ? { slug: section.slug, name: section.name } : row.section,
    authors: orderedAuthors.length ? orderedAuthors : row.authors,
    tags: snapshot.tags.map((name) => ({ slug: slugify(name), name })).sort((a, b) => a.name.localeCompare(b.name)),
    media: media
      ? {
          id: media.id,
          key: media.storageKey,
          width: media.width,
          height: media.height,
          alt: media.alt,
          caption: media.caption,
          credit: media.credit,
        }
      : null,
    heroAlt: snapshot.heroImage?.alt ?? "",
    heroCaption: snapshot.heroImage?.caption ?? "",
    heroCredit: snapshot.heroImage?.credit ?? "",
  };
}
