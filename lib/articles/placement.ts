import type { ArticleStatus } from "../../generated/prisma/client";
import type { Tx } from "../db";
import { notFound } from "../errors";
import type { ArticlePlacement } from "../publishing/revalidate";
import { absoluteUrl } from "../seo/urls";
import { readPublication } from "../settings/publication";
import { fromDbStatus, type ArticleStatusName } from "./input";
import { articlePath } from "./urls";

/**
 * What every article write shares: the transaction options, the row lock, where the article sits on the site before
 * and after the change (for cache expiry) and the answer the caller gets.
 */

export type ArticleWriteResult = { id: number; status: ArticleStatusName; path: string; url: string };

export const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

/** Locks the article's row for the transaction, so the "before" placement is the one this change replaces; 404 if absent. */
export async function lockArticle(tx: Tx, id: number): Promise<void> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Article" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) throw notFound("The article");
}

export async function placementOf(tx: Tx, id: number): Promise<ArticlePlacement & { status: ArticleStatus }> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      slug: true,
      publishedAt: true,
      section: { select: { slug: true } },
      authors: { select: { author: { select: { slug: true } } }, orderBy: { position: "asc" } },
      tags: { select: { tag: { select: { slug: true } } } },
    },
  });
  return {
    status: row.status,
    slug: row.slug,
    publishedAt: row.publishedAt,
    visible: row.status === "PUBLISHED",
    sectionSlug: row.section.slug,
    authorSlugs: row.authors.map((a) => a.author.slug),
    tagSlugs: row.tags.map((t) => t.tag.slug),
  };
}

type Placed = { id: number; slug: string; status: ArticleStatus; publishedAt: Date | null };

export async function writeResult(article: Placed): Promise<ArticleWriteResult> {
  const { timeZone } = await readPublication();
  const path = articlePath(article, timeZone);
  return { id: article.id, status: fromDbStatus(article.status), path, url: absoluteUrl(path) };
}
