import { cache } from "react";
import { db } from "../db";
import { cardJson, isPublic } from "../articles/public";
import { toCard, type ArticleCard, type CardRow, type Paged } from "../articles/view-models";
import { cardTags, tags } from "../publishing/cache-tags";
import { PAGE_SIZE } from "../routing/scopes";
import { dependsOn } from "../publishing/dependencies";
import { tagPath } from "../seo/urls";
import { getPublication } from "../settings/publication";
import { tagShown } from "../routing/scopes";

/** Reader-facing tag pages: /tags/<slug>?page=N, the tag's published articles newest first. */

export type TagPage = {
  slug: string;
  name: string;
  url: string;
  /** Written by editors (may be empty). */
  description: string;
  articles: Paged<ArticleCard>;
};

/** Null when the tag does not exist for readers (no public article: lib/routing/scopes.ts) or the page is past the last one. */
export async function loadTagPage(slug: string, page: number, timeZone: string): Promise<TagPage | null> {
  dependsOn(tags.tag(slug), tags.tagList(slug));
  const [tag] = await db().$queryRaw<{ id: number; slug: string; name: string; description: string }[]>`
    SELECT t.id, t.slug, t.name, t.description FROM "Tag" t WHERE t.slug = ${slug} AND ${tagShown}`;
  if (!tag) return null;
  const offset = (page - 1) * PAGE_SIZE;
  const rows = await db().$queryRaw<{ card: CardRow; total: bigint }[]>`
    SELECT ${cardJson} AS card, count(*) OVER () AS total
    FROM "Article" a JOIN "ArticleTag" mine ON mine."articleId" = a.id AND mine."tagId" = ${tag.id}
    WHERE ${isPublic}
    ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  if (rows.length === 0 && page > 1) return null;
  const total = Number(rows[0]?.total ?? 0);
  dependsOn(...rows.flatMap((r) => cardTags(r.card)));
  return {
    slug: tag.slug,
    name: tag.name,
    url: tagPath(tag.slug),
    description: tag.description,
    articles: {
      items: rows.map((r) => toCard(r.card, timeZone)),
      page,
      total,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    },
  };
}

export const getTagPage = cache(async (slug: string, page: number): Promise<TagPage | null> => {
  const { timeZone } = await getPublication();
  return loadTagPage(slug, page, timeZone);
});
