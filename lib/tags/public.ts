import { cache } from "react";
import { db } from "../db";
import { loadScopeList } from "../articles/listing";
import { type ArticleCard, type Paged } from "../articles/view-models";
import { tags } from "../publishing/cache-tags";
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
  const articles = await loadScopeList("tag", tag.id, page, timeZone);
  if (!articles) return null;
  return { slug: tag.slug, name: tag.name, url: tagPath(tag.slug), description: tag.description, articles };
}

export const getTagPage = cache(async (slug: string, page: number): Promise<TagPage | null> => {
  const { timeZone } = await getPublication();
  return loadTagPage(slug, page, timeZone);
});
