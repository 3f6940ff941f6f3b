import { cache } from "react";
import { unstable_cache } from "next/cache";
import { db } from "../db";
import { tags } from "../publishing/cache-tags";

/**
 * The one article fact structured data needs that the article view model does not carry: the hero's media id,
 * which names its crops (/img/<mediaId>/16x9.jpg). Cached with the article's own tag, so a new hero shows at once.
 */
export async function loadHeroMediaId(articleId: number): Promise<number | null> {
  const row = await db().article.findFirst({
    where: { id: articleId, status: "PUBLISHED", publishedAt: { not: null } },
    select: { heroMediaId: true },
  });
  return row?.heroMediaId ?? null;
}

export const getHeroMediaId = cache(async (articleId: number): Promise<number | null> =>
  unstable_cache(() => loadHeroMediaId(articleId), ["article-hero-id", String(articleId)], { tags: [tags.article(articleId)] })(),
);
