import { cache } from "react";
import { XMLBuilder } from "fast-xml-parser";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { isPublic } from "../articles/public";
import { articlePath } from "../articles/urls";
import { authorPath, sectionPath } from "../articles/view-models";
import { mediaUrl } from "../media/urls";
import { tags } from "../publishing/cache-tags";
import { authorShown, scopeArticles, sectionShown, tagShown } from "../routing/scopes";
import { xmlText } from "../sitemaps/xml";
import { dependsOn } from "../publishing/dependencies";
import { absoluteUrl, feedPaths } from "../seo/urls";
import { getPublication, type PublicationSettings } from "../settings/publication";

/**
 * RSS 2.0 and Atom feeds for the whole site, each section, each author and each tag: the newest 50 published
 * articles with their standfirst, bylines, section and tags as categories, and the hero image as an enclosure.
 * `loadFeed` reads the database (tests call it); `getFeed` caches it with the tags of the scope it lists.
 */

export const FEED_SIZE = 50;

export type FeedScope =
  | { kind: "site" }
  | { kind: "section"; slug: string }
  | { kind: "author"; slug: string }
  | { kind: "tag"; slug: string };

export type FeedFormat = "rss" | "atom";

export type FeedItem = {
  id: number;
  url: string;
  title: string;
  summary: string;
  publishedAt: Date;
  updatedAt: Date;
  authors: { name: string; url: string }[];
  categories: string[];
  image: { url: string; type: string; length: number } | null;
};

export type FeedData = {
  title: string;
  description: string;
  /** Page the feed belongs to (site-relative). */
  path: string;
  items: FeedItem[];
};

type ItemRow = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  publishedAt: Date;
  updated: Date;
  section: string;
  sectionSlug: string;
  authors: { slug: string; name: string }[];
  tags: string[];
  tagSlugs: string[];
  hero: { key: string; mimeType: string; bytes: number } | null;
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Title, description and the SQL filter for a scope; null when the section, author or tag does not exist for readers (lib/routing/scopes.ts). */
async function describeScope(
  scope: FeedScope,
  publication: PublicationSettings,
): Promise<(Omit<FeedData, "items"> & { where: Prisma.Sql }) | null> {
  if (scope.kind === "site") {
    return {
      title: publication.name,
      description: publication.tagline || `The latest from ${publication.name}.`,
      path: "/",
      where: Prisma.sql`TRUE`,
    };
  }
  // Slugs are lower-case words; anything else cannot name a scope and needs no query.
  if (!SLUG.test(scope.slug) || scope.slug.length > 200) return null;
  if (scope.kind === "section") {
    const [s] = await db().$queryRaw<{ id: number; name: string; description: string }[]>`
      SELECT s.id, s.name, s.description FROM "Section" s WHERE s.slug = ${scope.slug} AND ${sectionShown}`;
    if (!s) return null;
    return {
      title: `${s.name} | ${publication.name}`,
      description: s.description || `The latest ${s.name} stories from ${publication.name}.`,
      path: sectionPath(scope.slug),
      where: Prisma.sql`a."sectionId" = ${s.id}`,
    };
  }
  if (scope.kind === "author") {
    const [au] = await db().$queryRaw<{ id: number; name: string }[]>`
      SELECT au.id, au.name FROM "Author" au WHERE au.slug = ${scope.slug} AND ${authorShown}`;
    if (!au) return null;
    return {
      title: `${au.name} | ${publication.name}`,
      description: `Articles by ${au.name} in ${publication.name}.`,
      path: authorPath(scope.slug),
      where: newestOf("author", au.id),
    };
  }
  const [t] = await db().$queryRaw<{ id: number; name: string }[]>`
    SELECT t.id, t.name FROM "Tag" t WHERE t.slug = ${scope.slug} AND ${tagShown}`;
  if (!t) return null;
  return {
    title: `${t.name} | ${publication.name}`,
    description: `Articles tagged ${t.name} in ${publication.name}.`,
    path: `/tags/${scope.slug}`,
    where: newestOf("tag", t.id),
  };
}

/**
 * An author's or tag's newest FEED_SIZE public articles, read off the links' date index. Walking the archive by date
 * and testing each article for the author or tag took seconds at a million articles for a rarely used tag.
 */
const newestOf = (kind: "author" | "tag", id: number) =>
  Prisma.sql`a.id IN (SELECT l.id FROM (${scopeArticles(kind, id)}) l ORDER BY l.at DESC, l.id DESC LIMIT ${FEED_SIZE})`;

/** The feed's metadata and newest items, or null when the scope names nothing. */
export async function loadFeed(scope: FeedScope, publication: PublicationSettings): Promise<FeedData | null> {
  const described = await describeScope(scope, publication);
  if (!described) return null;
  const { where, ...meta } = described;
  const rows = await db().$queryRaw<ItemRow[]>`
    SELECT a.id, a.slug, a.headline, a.dek, a."publishedAt",
           GREATEST(a."publishedAt", a."contentUpdatedAt") AS updated,
           s.name AS section, s.slug AS "sectionSlug",
           COALESCE((SELECT json_agg(json_build_object('slug', au.slug, 'name', au.name) ORDER BY aa.position)
                     FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId" WHERE aa."articleId" = a.id), '[]'::json) AS authors,
           COALESCE((SELECT json_agg(t.name ORDER BY t.name)
                     FROM "ArticleTag" at JOIN "Tag" t ON t.id = at."tagId" WHERE at."articleId" = a.id), '[]'::json) AS tags,
           COALESCE((SELECT json_agg(t.slug)
                     FROM "ArticleTag" at JOIN "Tag" t ON t.id = at."tagId" WHERE at."articleId" = a.id), '[]'::json) AS "tagSlugs",
           CASE WHEN m.id IS NULL THEN NULL
                ELSE json_build_object('key', m."storageKey", 'mimeType', m."mimeType", 'bytes', m.bytes) END AS hero
    FROM "Article" a JOIN "Section" s ON s.id = a."sectionId" LEFT JOIN "Media" m ON m.id = a."heroMediaId"
    WHERE ${isPublic} AND ${where}
    ORDER BY a."publishedAt" DESC, a.id DESC
    LIMIT ${FEED_SIZE}`;
  dependsOn(
    ...scopeTags(scope),
    ...rows.flatMap((r) => [
      tags.article(r.id),
      tags.section(r.sectionSlug),
      ...r.authors.map((a) => tags.author(a.slug)),
      ...r.tagSlugs.map(tags.tag),
    ]),
  );
  return {
    ...meta,
    items: rows.map((r) => ({
      id: r.id,
      url: absoluteUrl(articlePath(r, publication.timeZone)),
      title: r.headline,
      summary: r.dek,
      publishedAt: new Date(r.publishedAt),
      updatedAt: new Date(r.updated),
      authors: r.authors.map((a) => ({ name: a.name, url: absoluteUrl(authorPath(a.slug)) })),
      categories: [r.section, ...r.tags],
      image: r.hero ? { url: absoluteUrl(mediaUrl(r.hero.key)), type: r.hero.mimeType, length: r.hero.bytes } : null,
    })),
  };
}

const feedPath = (data: FeedData, format: FeedFormat) => feedPaths(data.path === "/" ? "" : data.path)[format];

/**
 * The feed document in the requested format. Written with fast-xml-parser's XMLBuilder rather than the `feed`
 * package: `feed` wraps titles in CDATA through xml-js, which splits only the first `]]>` (a headline with two
 * breaks out and can add a fake `<item>`), and leaves `<` unescaped in attributes (an Atom `<category label>`),
 * making the whole document ill-formed. The builder escapes every text node and attribute value; `xmlText`
 * first drops the characters XML 1.0 cannot carry at all (NUL, other C0 controls, lone surrogates).
 */
export function renderFeed(data: FeedData, format: FeedFormat, publication: PublicationSettings): string {
  const newest = data.items.reduce<Date | null>((max, i) => (!max || i.updatedAt > max ? i.updatedAt : max), null);
  // An empty feed still needs a stable date: the epoch says "nothing yet" without changing on every request.
  const updated = newest ?? new Date(0);
  const links = { rss: absoluteUrl(feedPath(data, "rss")), atom: absoluteUrl(feedPath(data, "atom")) };
  const t = xmlText;
  const document =
    format === "rss"
      ? {
          rss: {
            "@_version": "2.0",
            "@_xmlns:atom": "http://www.w3.org/2005/Atom",
            channel: {
              title: t(data.title),
              link: absoluteUrl(data.path),
              description: t(data.description),
              language: t(publication.language),
              lastBuildDate: updated.toUTCString(),
              docs: "https://validator.w3.org/feed/docs/rss2.html",
              copyright: t(`© ${publication.name}`),
              "atom:link": { "@_href": links.rss, "@_rel": "self", "@_type": "application/rss+xml" },
              item: data.items.map((item) => ({
                title: t(item.title),
                link: item.url,
                guid: { "@_isPermaLink": "false", "#text": item.url },
                pubDate: item.updatedAt.toUTCString(),
                ...(item.summary ? { description: t(item.summary) } : {}),
                // RSS's <author> wants an e-mail address; Dublin Core-free readers show the name anyway.
                author: item.authors.map((a) => t(a.name)),
                category: item.categories.map(t),
                ...(item.image
                  ? {
                      enclosure: {
                        "@_url": item.image.url,
                        "@_length": String(item.image.length),
                        "@_type": item.image.type,
                      },
                    }
                  : {}),
              })),
            },
          },
        }
      : {
          feed: {
            "@_xmlns": "http://www.w3.org/2005/Atom",
            id: absoluteUrl(data.path),
            title: t(data.title),
            updated: updated.toISOString(),
            link: [
              { "@_rel": "alternate", "@_href": absoluteUrl(data.path) },
              { "@_rel": "self", "@_href": links.atom },
            ],
            subtitle: t(data.description),
            rights: t(`© ${publication.name}`),
            entry: data.items.map((item) => ({
              title: { "@_type": "text", "#text": t(item.title) },
              id: item.url,
              link: [
                { "@_href": item.url },
                ...(item.image
                  ? [
                      {
                        "@_rel": "enclosure",
                        "@_href": item.image.url,
                        "@_type": item.image.type,
                        "@_length": String(item.image.length),
                      },
                    ]
                  : []),
              ],
              updated: item.updatedAt.toISOString(),
              ...(item.summary ? { summary: { "@_type": "text", "#text": t(item.summary) } } : {}),
              author: item.authors.map((a) => ({ name: t(a.name), uri: a.url })),
              category: item.categories.map((name) => ({ "@_term": t(name), "@_label": t(name) })),
              published: item.publishedAt.toISOString(),
            })),
          },
        };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(document)}`;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  format: true,
  indentBy: "    ",
  // Escape &, <, >, ' and " in every text node and attribute value.
  processEntities: true,
  suppressEmptyNode: true,
});

/** What a feed of this scope lists (its list tag) and prints about the scope itself. */
function scopeTags(scope: FeedScope): string[] {
  switch (scope.kind) {
    case "site":
      return [tags.latest];
    case "section":
      return [tags.section(scope.slug), tags.sectionList(scope.slug)];
    case "author":
      return [tags.author(scope.slug), tags.authorList(scope.slug)];
    case "tag":
      return [tags.tag(scope.slug), tags.tagList(scope.slug)];
  }
}

/** The rendered feed, or null for an unknown scope. The page cache in front keeps the document. */
export const getFeed = cache(async (scope: FeedScope, format: FeedFormat): Promise<string | null> => {
  // A slug that cannot exist is answered without a query.
  if (scope.kind !== "site" && (!SLUG.test(scope.slug) || scope.slug.length > 200)) return null;
  const publication = await getPublication();
  const data = await loadFeed(scope, publication);
  return data ? renderFeed(data, format, publication) : null;
});

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/** The route handlers' whole job: the feed, or a plain 404 for a scope that names nothing. */
export async function feedResponse(scope: FeedScope, format: FeedFormat): Promise<Response> {
  const xml = await getFeed(scope, format);
  if (xml === null)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(xml, {
    headers: { "Content-Type": CONTENT_TYPES[format], "Cache-Control": "public, max-age=0, must-revalidate" },
  });
}
