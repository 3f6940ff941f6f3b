import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { sharedLru } from "../memo/shared-lru";
import { SLUG_PATTERN } from "../text/slugs";

/**
 * Whether a section, author or tag exists and how many pages of articles it has, for proxy.ts. A page that calls
 * `notFound()` is answered by Next with an empty HTML shell that only renders with JavaScript (multiple root
 * layouts); the proxy rewrites requests for unknown scopes, and for page numbers past the last page, to the global
 * 404 page instead, which is a complete document. Remembered briefly in process memory, and forgotten on every
 * publishing change (lib/publishing/revalidate.ts), so a new section or a new page answers at once.
 */
export type ScopeKind = "section" | "author" | "tag";

/** Articles per page of a section, author or tag front: the fronts' queries and the proxy's page count share it. */
export const PAGE_SIZE = 20;
/** Lists count their articles up to this many; past it a pager offers "older" without a last page. */
export const COUNT_CAP = 2_000;

/**
 * Whether a scope exists for readers: it has at least one public article, or an editor described it (a section's
 * description, an author's bio; tags have no description). A tag typed into a draft, or an author who has only
 * drafts, must not get a public page, feed or sitemap entry: its name would announce the story before it runs.
 * The one definition, used by the proxy, the pages, the feeds, the sitemaps and the navigation. Aliases: `s`,
 * `au`, `t`.
 */
const isPublicArticle = Prisma.sql`a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL`;
export const sectionShown = Prisma.sql`(s.description <> '' OR EXISTS (SELECT 1 FROM "Article" a WHERE a."sectionId" = s.id AND ${isPublicArticle}))`;
export const authorShown = Prisma.sql`(au.bio <> '' OR EXISTS (SELECT 1 FROM "ArticleAuthor" x JOIN "Article" a ON a.id = x."articleId" WHERE x."authorId" = au.id AND ${isPublicArticle}))`;
export const tagShown = Prisma.sql`EXISTS (SELECT 1 FROM "ArticleTag" x JOIN "Article" a ON a.id = x."articleId" WHERE x."tagId" = t.id AND ${isPublicArticle})`;

/** Pages of published articles (at least 1: a described scope with no articles has its first page), or 0 when it does not exist for readers. */
type Pages = number;

// Bounded by entries of a few dozen bytes each; short-lived, so a crawler walking junk slugs cannot hold it.
const memo = sharedLru<string, { pages: Pages }>("scopes", { max: 5_000, ttl: 10_000 });

async function countPages(kind: ScopeKind, slug: string): Promise<Pages> {
  const rows =
    kind === "section"
      ? await db().$queryRaw<{ n: bigint }[]>`
          SELECT (SELECT count(*) FROM "Article" a WHERE a."sectionId" = s.id AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL) AS n
          FROM "Section" s WHERE s.slug = ${slug} AND ${sectionShown}`
      : kind === "author"
        ? await db().$queryRaw<{ n: bigint }[]>`
          SELECT (SELECT count(*) FROM "ArticleAuthor" x JOIN "Article" a ON a.id = x."articleId"
                  WHERE x."authorId" = au.id AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL) AS n
          FROM "Author" au WHERE au.slug = ${slug} AND ${authorShown}`
        : await db().$queryRaw<{ n: bigint }[]>`
          SELECT (SELECT count(*) FROM "ArticleTag" x JOIN "Article" a ON a.id = x."articleId"
                  WHERE x."tagId" = t.id AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL) AS n
          FROM "Tag" t WHERE t.slug = ${slug} AND ${tagShown}`;
  if (!rows[0]) return 0;
  return Math.max(1, Math.ceil(Number(rows[0].n) / PAGE_SIZE));
}

/** How many pages the scope's front has; 0 when the scope does not exist. */
export async function scopePages(kind: ScopeKind, slug: string): Promise<Pages> {
  // Not a slug (a NUL, a space, upper case…): nothing can have it, and PostgreSQL refuses a NUL in a query.
  if (slug.length > 200 || !SLUG_PATTERN.test(slug)) return 0;
  const key = `${kind}:${slug}`;
  const known = memo.get(key);
  if (known) return known.pages;
  const pages = await countPages(kind, slug);
  memo.set(key, { pages });
  return pages;
}

export function forgetScopes(): void {
  memo.clear();
}

const SITE_ROUTES = new Set(["admin", "corrections", "search", "authors"]);

/** The scope a public path names, if it is a section front, author page or tag page. */
export function scopeOfPath(pathname: string): { kind: ScopeKind; slug: string } | null {
  const author = /^\/authors\/([^/]+)$/.exec(pathname);
  if (author) return { kind: "author", slug: decodeURIComponent(author[1]!) };
  const tag = /^\/tags\/([^/]+)$/.exec(pathname);
  if (tag) return { kind: "tag", slug: decodeURIComponent(tag[1]!) };
  const section = /^\/([^/]+)$/.exec(pathname);
  // Static site routes at the top level win over [section] in Next; they are not sections to look up.
  if (section && !SITE_ROUTES.has(section[1]!)) return { kind: "section", slug: decodeURIComponent(section[1]!) };
  return null;
}
