import { cache } from "react";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { PAGE_SIZE, scopeArticles, sectionShown, type ScopeKind } from "../routing/scopes";
import { isPublic } from "../articles/public";
import { articlePath } from "../articles/urls";
import { authorPath, sectionPath } from "../articles/view-models";
import { mediaUrl } from "../media/urls";
import { tags } from "../publishing/cache-tags";
import { dependsOn, freshFor } from "../publishing/dependencies";
import { absoluteUrl, tagPath } from "../seo/urls";
import { getPublication, type PublicationSettings } from "../settings/publication";
import type { NewsEntry, SitemapRef, UrlEntry } from "./xml";

/**
 * What the sitemaps list. Only published articles ever appear (the same `isPublic` rule as every reader page), and
 * authors and tags only once they have one. Loaders (`load*`) take the time zone and clock they depend on, so tests
 * call them directly; getters (`get*`) add the cross-request cache, tagged `article-lists` (expired by every
 * publish, unpublish and take-down), `sections` and `settings`.
 *
 * Article sitemaps are grouped by month of first publication in the publication's time zone (the month in the
 * article's URL), one file a month, split into parts of 50,000 should a month ever hold more.
 */

/** The sitemaps protocol's limit on URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News: articles first published in the last two days, at most 1,000. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1_000;

/** The newest of the dates a listed item changed on (publication, substantive edit, any save). */
const articleLastmod = Prisma.sql`GREATEST(a."publishedAt", a."contentUpdatedAt", a."updatedAt")`;

// ---------------------------------------------------------------------------------------------------------------
// Sitemap names: articles-YYYY-MM.xml (part 1) and articles-YYYY-MM-N.xml (parts 2…), sections/authors/tags.xml

export type SitemapName =
  { kind: "articles"; month: string; part: number } | { kind: "sections" } | { kind: "authors" } | { kind: "tags" };

export function parseSitemapName(name: string): SitemapName | null {
  if (name === "sections.xml") return { kind: "sections" };
  if (name === "authors.xml") return { kind: "authors" };
  if (name === "tags.xml") return { kind: "tags" };
  const m = /^articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/.exec(name);
  if (!m) return null;
  return { kind: "articles", month: `${m[1]}-${m[2]}`, part: m[3] ? Number(m[3]) : 1 };
}

export function sitemapFileName(name: SitemapName): string {
  if (name.kind !== "articles") return `${name.kind}.xml`;
  return name.part === 1 ? `articles-${name.month}.xml` : `articles-${name.month}-${name.part}.xml`;
}

export const sitemapPath = (name: SitemapName) => `/sitemaps/${sitemapFileName(name)}`;

// ---------------------------------------------------------------------------------------------------------------
// Index

type Stamp = { lastmod: Date | null };

/** Every sitemap with the newest change among what it lists. Empty sitemaps are left out. */
export async function loadSitemapIndex(timeZone: string): Promise<SitemapRef[]> {
  const [months, sections, authors, tagsRow] = await Promise.all([
    // Each month is a range of the index Article_sitemap_months (status, publishedAt, updatedAt, contentUpdatedAt)
    // between its bounds in the publication's time zone: every column read is in the index, so the table is not
    // read, and no row's date is converted (bench:search at a million articles: 7.4 s when every article was read
    // and its month formatted; 0.6 s index-only with a conversion per row; about 0.13 s so).
    db().$queryRaw<{ month: string; count: bigint; lastmod: Date }[]>`
      WITH span AS (
        SELECT date_trunc('month', min(a."publishedAt") AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}) AS first,
               date_trunc('month', max(a."publishedAt") AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}) AS last
        FROM "Article" a WHERE ${isPublic}
      ), bounds AS (
        SELECT m AS month, m AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC' AS lo,
               (m + interval '1 month') AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC' AS hi
        FROM span, generate_series(span.first, span.last, interval '1 month') m
      )
      SELECT to_char(b.month, 'YYYY-MM') AS month, s.count, s.lastmod
      FROM bounds b CROSS JOIN LATERAL (
        SELECT count(*) AS count, max(${articleLastmod}) AS lastmod FROM "Article" a
        WHERE ${isPublic} AND a."publishedAt" >= b.lo AND a."publishedAt" < b.hi) s
      WHERE s.count > 0
      ORDER BY b.month DESC`,
    loadSectionsSitemap(),
    loadAuthorsSitemap(),
    loadTagsSitemap(),
  ]);
  const newest = (entries: UrlEntry[]): Stamp => ({
    lastmod: entries.reduce<Date | null>((max, e) => (e.lastmod && (!max || e.lastmod > max) ? e.lastmod : max), null),
  });
  const out: SitemapRef[] = [];
  for (const m of months) {
    const parts = Math.ceil(Number(m.count) / SITEMAP_MAX_URLS);
    // Parts of one month share its newest date: cheap, and never older than the truth.
    for (let part = 1; part <= parts; part++)
      out.push({
        loc: absoluteUrl(sitemapPath({ kind: "articles", month: m.month, part })),
        lastmod: new Date(m.lastmod),
      });
  }
  const others: [SitemapName, UrlEntry[]][] = [
    [{ kind: "sections" }, sections],
    [{ kind: "authors" }, authors],
    [{ kind: "tags" }, tagsRow],
  ];
  for (const [name, entries] of others) {
    if (entries.length) out.push({ loc: absoluteUrl(sitemapPath(name)), ...newest(entries) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Articles by month

type ArticleRow = { id: number; slug: string; publishedAt: Date; lastmod: Date; heroKey: string | null };

/**
 * The instant a month (plus `add` months) begins in the publication's time zone, as stored (UTC wall time): the
 * month's articles are a range of the publishedAt index, not every article's date formatted and compared.
 */
function monthStart(month: string, add: number, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${`${month}-01`}::timestamp + make_interval(months => ${add}::int)) AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC')`;
}

/** One part of a month's articles, oldest first; null when the month has no published articles (or no such part). */
export async function loadArticleSitemap(month: string, part: number, timeZone: string): Promise<UrlEntry[] | null> {
  const rows = await db().$queryRaw<ArticleRow[]>`
    SELECT a.id, a.slug, a."publishedAt", ${articleLastmod} AS lastmod, m."storageKey" AS "heroKey"
    FROM "Article" a LEFT JOIN "Media" m ON m.id = a."heroMediaId"
    WHERE ${isPublic}
      AND a."publishedAt" >= ${monthStart(month, 0, timeZone)} AND a."publishedAt" < ${monthStart(month, 1, timeZone)}
    ORDER BY a."publishedAt", a.id
    LIMIT ${SITEMAP_MAX_URLS} OFFSET ${(part - 1) * SITEMAP_MAX_URLS}`;
  if (rows.length === 0) return null;
  return rows.map((r) => ({
    loc: absoluteUrl(articlePath(r, timeZone)),
    lastmod: new Date(r.lastmod),
    images: r.heroKey ? [{ loc: absoluteUrl(mediaUrl(r.heroKey)) }] : [],
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Home, sections, authors, tags

/*
 * A front's lastmod is the newest change among the articles its first page lists (the URL in the sitemap is that
 * page): its FRONT_DEPTH newest, read off the scope's own index, the same walk the page makes. A correction to a story
 * from 2009 changes the 2009 article's lastmod (its month's sitemap), not its author's page. Taking every article
 * the scope ever had cost a pass over the whole archive (3 s for the sections at a million articles).
 */
const FRONT_DEPTH = PAGE_SIZE;

/**
 * A query of one row, `lastmod`: the newest change among a scope's FRONT_DEPTH newest public articles. `scopeId` is
 * the outer query's id column; used as a LATERAL join (an aggregate, so the planner computes it once a scope, where a
 * scalar subquery named in both SELECT and WHERE would run twice).
 */
function frontLastmod(kind: ScopeKind, scopeId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT max(${articleLastmod}) AS lastmod
    FROM (SELECT l.id FROM (${scopeArticles(kind, scopeId)}) l ORDER BY l.at DESC, l.id DESC LIMIT ${FRONT_DEPTH}) p
    JOIN "Article" a ON a.id = p.id WHERE ${isPublic}`;
}

/** The home page and every section front; lastmod is the newest change among the articles each shows. */
export async function loadSectionsSitemap(now: Date = new Date()): Promise<UrlEntry[]> {
  // The home page's own pins ride along as an uncorrelated subquery (computed once). With no section shown there is
  // no public article, so no live pin is lost with the rows.
  const rows = await db().$queryRaw<
    { slug: string; updatedAt: Date; lastmod: Date | null; pinned: Date | null; homePinned: Date | null }[]
  >`
    SELECT s.slug, s."updatedAt", newest.lastmod, pins.lastmod AS pinned,
           (${pinnedLastmod(Prisma.sql`p."sectionId" IS NULL`, now)}) AS "homePinned"
    FROM "Section" s CROSS JOIN LATERAL (${frontLastmod("section", Prisma.sql`s.id`)}) newest
    CROSS JOIN LATERAL (${pinnedLastmod(Prisma.sql`p."sectionId" = s.id`, now)}) pins
    WHERE ${sectionShown} ORDER BY s.position, s.name`;
  const latest = (...dates: (Date | null | undefined)[]) =>
    dates.reduce<Date | null>((max, d) => (d && (!max || new Date(d) > max) ? new Date(d) : max), null);
  const sections = rows.map((r) => ({
    loc: absoluteUrl(sectionPath(r.slug)),
    lastmod: latest(r.updatedAt, r.lastmod, r.pinned),
  }));
  return [
    { loc: absoluteUrl("/"), lastmod: latest(rows[0]?.homePinned, ...rows.map((r) => latest(r.lastmod, r.pinned))) },
    ...sections,
  ];
}

/**
 * A front's pinned stories (lib/fronts/curation.ts) are on its page whatever their age: the newest of their changes
 * and of the pins themselves (a new pin changes the page). One row, `lastmod`, null without live pins.
 */
function pinnedLastmod(where: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`SELECT max(GREATEST(${articleLastmod}, p."createdAt")) AS lastmod
    FROM "FrontPin" p JOIN "Article" a ON a.id = p."articleId"
    WHERE ${where} AND ${isPublic} AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;
}

/** Authors with at least one published article. */
export async function loadAuthorsSitemap(): Promise<UrlEntry[]> {
  const rows = await db().$queryRaw<{ slug: string; updatedAt: Date; lastmod: Date }[]>`
    SELECT au.slug, au."updatedAt", newest.lastmod
    FROM "Author" au CROSS JOIN LATERAL (${frontLastmod("author", Prisma.sql`au.id`)}) newest
    WHERE newest.lastmod IS NOT NULL ORDER BY au.slug`;
  return rows.map((r) => ({
    loc: absoluteUrl(authorPath(r.slug)),
    lastmod: new Date(r.updatedAt) > new Date(r.lastmod) ? new Date(r.updatedAt) : new Date(r.lastmod),
  }));
}

/** Tags with at least one published article. */
export async function loadTagsSitemap(): Promise<UrlEntry[]> {
  const rows = await db().$queryRaw<{ slug: string; lastmod: Date }[]>`
    SELECT t.slug, newest.lastmod
    FROM "Tag" t CROSS JOIN LATERAL (${frontLastmod("tag", Prisma.sql`t.id`)}) newest
    WHERE newest.lastmod IS NOT NULL ORDER BY t.slug`;
  return rows.map((r) => ({ loc: absoluteUrl(tagPath(r.slug)), lastmod: new Date(r.lastmod) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Google News

type NewsRow = { id: number; slug: string; headline: string; publishedAt: Date; heroKey: string | null };

async function queryNewsCandidates(from: Date, to: Date): Promise<NewsRow[]> {
  return db().$queryRaw<NewsRow[]>`
    SELECT a.id, a.slug, a.headline, a."publishedAt", m."storageKey" AS "heroKey"
    FROM "Article" a LEFT JOIN "Media" m ON m.id = a."heroMediaId"
    WHERE ${isPublic} AND a."publishedAt" > ${from} AND a."publishedAt" <= ${to}
    ORDER BY a."publishedAt" DESC, a.id DESC
    LIMIT ${NEWS_MAX_URLS}`;
}

/** The window rule, applied to candidate rows: first published in (now − 48 h, now], newest first, at most 1,000. */
function selectNews(rows: readonly NewsRow[], now: Date, timeZone: string): NewsEntry[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return rows
    .map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) }))
    .filter((r) => r.publishedAt.getTime() > from && r.publishedAt.getTime() <= now.getTime())
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
    .slice(0, NEWS_MAX_URLS)
    .map((r) => ({
      id: r.id,
      loc: absoluteUrl(articlePath(r, timeZone)),
      title: r.headline,
      publishedAt: r.publishedAt,
      images: r.heroKey ? [{ loc: absoluteUrl(mediaUrl(r.heroKey)) }] : [],
    }));
}

export async function loadNewsSitemap(now: Date, timeZone: string): Promise<NewsEntry[]> {
  return selectNews(await queryNewsCandidates(new Date(now.getTime() - NEWS_WINDOW_MS), now), now, timeZone);
}

// ---------------------------------------------------------------------------------------------------------------
// Getters for the route handlers: they declare what the document lists (docs/caching.md); the page cache in front
// keeps the document.

export const getSitemapIndex = cache(async (): Promise<SitemapRef[]> => {
  dependsOn(tags.latest, tags.directory);
  const { timeZone } = await getPublication();
  return loadSitemapIndex(timeZone);
});

export const getSitemap = cache(async (name: SitemapName): Promise<UrlEntry[] | null> => {
  const { timeZone } = await getPublication();
  // Scope sitemaps take their lastmod from the newest article, so they follow the article lists too.
  dependsOn(tags.latest);
  switch (name.kind) {
    case "articles":
      return loadArticleSitemap(name.month, name.part, timeZone);
    case "sections":
      dependsOn(tags.directory);
      return loadSectionsSitemap();
    case "authors":
      dependsOn(tags.directory);
      return loadAuthorsSitemap();
    case "tags":
      dependsOn(tags.directory);
      return loadTagsSitemap();
  }
});

/** How long the news sitemap may be served: its 48-hour window moves with the clock, not only with publishing. */
const NEWS_FRESH_SECONDS = 10 * 60;

/** The news sitemap at `now`: it prints headlines, so it depends on each listed article as well as on the list. */
export async function getNewsSitemap(now: Date): Promise<{ publication: PublicationSettings; entries: NewsEntry[] }> {
  const publication = await getPublication();
  dependsOn(tags.latest);
  freshFor(NEWS_FRESH_SECONDS);
  const entries = await loadNewsSitemap(now, publication.timeZone);
  dependsOn(...entries.map((e) => tags.article(e.id)));
  return { publication, entries };
}
