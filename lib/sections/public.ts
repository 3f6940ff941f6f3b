import { cache } from "react";
import { db } from "../db";
import { sectionShown } from "../routing/scopes";
import { loadScopeList } from "../articles/listing";
import { sectionPath, type ArticleCard, type Paged } from "../articles/view-models";
import { tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { memoizedByTag } from "../publishing/memo";
import { getPublication } from "../settings/publication";

/** Reader-facing section reads: the navigation and paginated section fronts. */

export type SectionNavItem = { slug: string; name: string; url: string };

export async function loadSectionNav(): Promise<SectionNavItem[]> {
  // A section with neither a public article nor a description has no public page, so no link either.
  const rows = await db().$queryRaw<{ slug: string; name: string }[]>`
    SELECT s.slug, s.name FROM "Section" s WHERE ${sectionShown} ORDER BY s.position, s.name`;
  return rows.map((s) => ({ ...s, url: sectionPath(s.slug) }));
}

/** Every section in editorial order, for the site header. */
export const getSectionNav = memoizedByTag(tags.sections, loadSectionNav);

export type SectionPage = {
  slug: string;
  name: string;
  description: string;
  url: string;
  articles: Paged<ArticleCard>;
};

/** A page of a section's published articles, newest first. Null when the section does not exist or the page is past the last one. */
export async function loadSectionPage(slug: string, page: number, timeZone: string): Promise<SectionPage | null> {
  dependsOn(tags.section(slug), tags.sectionList(slug));
  const [section] = await db().$queryRaw<{ id: number; slug: string; name: string; description: string }[]>`
    SELECT s.id, s.slug, s.name, s.description FROM "Section" s WHERE s.slug = ${slug} AND ${sectionShown}`;
  if (!section) return null;
  const articles = await loadScopeList("section", section.id, page, timeZone);
  if (!articles) return null;
  return {
    slug: section.slug,
    name: section.name,
    description: section.description,
    url: sectionPath(section.slug),
    articles,
  };
}

export const getSectionPage = cache(async (slug: string, page: number): Promise<SectionPage | null> => {
  const { timeZone } = await getPublication();
  return loadSectionPage(slug, page, timeZone);
});
