import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { sharedLru } from "../memo/shared-lru";
import { SLUG_PATTERN } from "../text/slugs";

/**
 * Whether a section, author or tag exists and whether a page of its articles does, for proxy.ts. A page that calls
 * `notFound()` is answered by Next with an empty HTML shell that only renders with JavaScript (multiple root
 * layouts); the proxy rewrites requests for unknown scopes, and for page numbers past the last page, to the global
 * 404 page instead, which is a complete document. Remembered briefly in process memory, and forgotten on every
 * publishing change (lib/publishing/revalidate.ts), so a new section or a new page answers at once.
 */
export type ScopeKind = "section" | "author" | "tag";

/** Articles per page of a section, author or tag front: the fronts' queries and the proxy's page check share it. */
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
// The links' publicAt (see scopeArticles) lets the author and tag checks skip drafts in the index: without it, a
// writer with hundreds of drafts had each one read from the article table before their first public article.
export const authorShown = Prisma.sql`(au.bio <> '' OR EXISTS (SELECT 1 FROM "ArticleAuthor" x JOIN "Article" a ON a.id = x."articleId" WHERE x."authorId" = au.id AND x."publicAt" IS NOT NULL AND ${isPublicArticle}))`;
export const tagShown = Prisma.sql`EXISTS (SELECT 1 FROM "ArticleTag" x JOIN "Article" a ON a.id = x."articleId" WHERE x."tagId" = t.id AND x."publicAt" IS NOT NULL AND ${isPublicArticle})`;

/**
 * The public articles of a scope as rows `(id, at)`, `at` being the publication time, for lists newest first
 * (ORDER BY at DESC, id DESC). Each reads one index in that order: Article (sectionId, status, publishedAt) for a
 * section, and the links' (authorId | tagId, publicAt, articleId) for an author or a tag, whose publicAt the
 * database keeps equal to the article's publishedAt while it is public (migration h13_link_dates). `id` is a
 * scope's id, or a column of an outer query (the sitemaps walk every scope at once).
 */
export function scopeArticles(kind: ScopeKind, id: number | Prisma.Sql): Prisma.Sql {
  if (kind === "section")
    return Prisma.sql`SELECT a.id, a."publishedAt" AS at FROM "Article" a WHERE a."sectionId" = ${id} AND ${isPublicArticle}`;
  if (kind === "author")
    return Prisma.sql`SELECT x."articleId" AS id, x."publicAt" AS at FROM "ArticleAuthor" x
                      WHERE x."authorId" = ${id} AND x."publicAt" IS NOT NULL`;
  return Prisma.sql`SELECT x."articleId" AS id, x."publicAt" AS at FROM "ArticleTag" x
                    WHERE x."tagId" = ${id} AND x."publicAt" IS NOT NULL`;
}

// Bounded by entries of a few dozen bytes each; short-lived, so a crawler walking junk slugs cannot hold it.
const memo = sharedLru<string, { exists: boolean }>("scopes", { max: 5_000, ttl: 10_000 });

async function queryPageExists(kind: ScopeKind, slug: string, page: number): Promise<boolean> {
  const [scope] =
    kind === "section"
      ? await db().$queryRaw<{ id: number }[]>`SELECT s.id FROM "Section" s WHERE s.slug = ${slug} AND ${sectionShown}`
      : kind === "author"
        ? await db().$queryRaw<
            { id: number }[]
          >`SELECT au.id FROM "Author" au WHERE au.slug = ${slug} AND ${authorShown}`
        : await db().$queryRaw<{ id: number }[]>`SELECT t.id FROM "Tag" t WHERE t.slug = ${slug} AND ${tagShown}`;
  if (!scope) return false;
  // A scope that exists has its first page, even with no article yet (a described section, an author with a bio).
  if (page === 1) return true;
  // Page N exists when the scope has an article past the first N - 1 pages: one index walk of (N - 1) × PAGE_SIZE
  // entries, the walk the page itself makes, instead of counting every article the scope has.
  const [row] = await db().$queryRaw<{ exists: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM (${scopeArticles(kind, scope.id)}) l OFFSET ${(page - 1) * PAGE_SIZE} LIMIT 1) AS exists`;
  return row?.exists ?? false;
}

/** Whether page `page` (1, 2, …) of a section, author or tag front exists for readers. */
export async function scopePageExists(kind: ScopeKind, slug: string, page: number): Promise<boolean> {
  // Not a slug (a NUL, a space, upper case…): nothing can have it, and PostgreSQL refuses a NUL in a query.
  if (slug.length > 200 || !SLUG_PATTERN.test(slug)) return false;
  if (!Number.isSafeInteger(page) || page < 1) return false;
  const key = `${kind}:${slug}:${page}`;
  const known = memo.get(key);
  if (known) return known.exists;
  const exists = await queryPageExists(kind, slug, page);
  memo.set(key, { exists });
  return exists;
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
