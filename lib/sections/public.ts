import { cache } from "react";
import { db } from "../db";
import { sectionShown } from "../routing/scopes";
import { cardJson, isPublic } from "../articles/public";
import { sectionPath, toCard, type ArticleCard, type CardRow, type Paged } from "../articles/view-models";
import { cardTags, tags } from "../publishing/cache-tags";
import { COUNT_CAP, PAGE_SIZE } from "../routing/scopes";
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
  const offset = (page - 1) * PAGE_SIZE;
  // The count stops at COUNT_CAP: a section of 300,000 articles would otherwise be counted on every render (a
  // window count reads every row of the section; bench/search.ts). Past the cap the pager shows no last page.
  const rows = await db().$queryRaw<{ card: CardRow; total: bigint }[]>`
    SELECT ${cardJson} AS card,
           (SELECT count(*) FROM (SELECT 1 FROM "Article" a WHERE a."sectionId" = ${section.id} AND ${isPublic}
                                  LIMIT ${COUNT_CAP + 1}) capped) AS total
    FROM "Article" a
    WHERE a."sectionId" = ${section.id} AND ${isPublic}
    ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}`;
  // Only page 1 may be empty.
  if (rows.length === 0 && page > 1) return null;
  const hasNext = rows.length > PAGE_SIZE;
  const items = rows.slice(0, PAGE_SIZE);
  const total = Number(rows[0]?.total ?? 0);
  dependsOn(...items.flatMap((r) => cardTags(r.card)));
  return {
    slug: section.slug,
    name: section.name,
    description: section.description,
    url: sectionPath(section.slug),
    articles: {
      items: items.map((r) => toCard(r.card, timeZone)),
      page,
      total,
      ...(total > COUNT_CAP
        ? { pageCount: hasNext ? page + 1 : page, countCapped: true }
        : { pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) }),
    },
  };
}

export const getSectionPage = cache(async (slug: string, page: number): Promise<SectionPage | null> => {
  const { timeZone } = await getPublication();
  return loadSectionPage(slug, page, timeZone);
});
