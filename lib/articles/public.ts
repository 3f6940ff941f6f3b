import { cache } from "react";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { responsiveImage } from "../media/responsive";
import { calloutTargets, figureMediaIds, parseDocument, plainText, type ArticleDocument } from "../documents/schema";
import { cardTags, tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { getPublication } from "../settings/publication";
import { readingMinutes } from "../time/reader-format";
import { articlePath } from "./urls";
import {
  RELATED_CANDIDATES,
  RELATED_LIMIT,
  RELATED_RERANK,
  RELATED_WEIGHTS,
  authorPath,
  imageView,
  sectionPath,
  toCard,
  type ArticleKind,
  type ArticleNoteRef,
  type ArticlePageView,
  type BodyMedia,
  type CalloutTarget,
  type CardRow,
} from "./view-models";

/**
 * Public (reader-facing) article reads. Only PUBLISHED articles ever leave this module. Loaders (`load*`) talk to
 * the database and are what tests call; getters (`get*`) are what pages use: they declare the cache tags of what
 * they return (`dependsOn`, see docs/caching.md) and share one load between `generateMetadata` and the page.
 *
 * Queries are raw SQL on purpose: an article page needs the article, its section, authors, tags, hero image,
 * related list, callout targets and figure media, which Prisma's nested includes would fetch in a dozen round trips
 * (no `relationJoins` here). JSON aggregation keeps it to two.
 */

/**
 * One article as a card: a JSON object built in SQL so every list in the site shares one shape (CardRow).
 * Expects the article under the alias `a`. Timestamps are converted to timestamptz so the JSON carries an offset.
 */
export const cardJson = Prisma.sql`json_build_object(
  'id', a.id, 'slug', a.slug, 'headline', a.headline, 'dek', a.dek, 'type', a.type,
  'publishedAt', a."publishedAt" AT TIME ZONE 'UTC',
  'section', (SELECT json_build_object('slug', s.slug, 'name', s.name) FROM "Section" s WHERE s.id = a."sectionId"),
  'hero', (SELECT json_build_object('key', m."storageKey", 'width', m.width, 'height', m.height,
                                    'alt', COALESCE(NULLIF(a."heroAlt", ''), m.alt),
                                    'focal', CASE WHEN m."focalX" IS NOT NULL AND m."focalY" IS NOT NULL
                                                  THEN json_build_object('x', m."focalX", 'y', m."focalY") END)
           FROM "Media" m WHERE m.id = a."heroMediaId"),
  'authors', COALESCE((SELECT json_agg(json_build_object('slug', au.slug, 'name', au.name) ORDER BY aa.position)
                       FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId"
                       WHERE aa."articleId" = a.id), '[]'::json)
)`;

/** The only articles readers may see. */
export const isPublic = Prisma.sql`a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL`;

export type ArticleRow = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  type: ArticleKind;
  publishedAt: Date;
  contentUpdatedAt: Date | null;
  body: unknown;
  sectionId: number;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  seoTitle: string;
  seoDescription: string;
  seoImageId: number | null;
  section: { slug: string; name: string };
  media: {
    id: number;
    key: string;
    width: number;
    height: number;
    alt: string;
    caption: string;
    credit: string;
  } | null;
  authors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  notes: { kind: "CORRECTION" | "UPDATE"; text: string; at: string }[];
};

type ExtrasRow = {
  related: (CardRow & { tier: number; rank: number })[];
  /** Every editor-picked related id, shown or not: a hidden pick appears when it is published. */
  picks: number[];
  callouts: { id: number; slug: string; headline: string; publishedAt: string }[];
  media: { id: number; key: string; width: number; height: number }[];
};

async function queryArticle(id: number, anyStatus = false): Promise<ArticleRow | null> {
  const rows = await db().$queryRaw<ArticleRow[]>`
    SELECT a.id, a.slug, a.headline, a.dek, a.type::text AS type, a."publishedAt", a."contentUpdatedAt", a.body,
           a."sectionId", a."heroAlt", a."heroCaption", a."heroCredit",
           a."seoTitle", a."seoDescription", a."seoImageId",
           json_build_object('slug', s.slug, 'name', s.name) AS section,
           CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
             'id', m.id, 'key', m."storageKey", 'width', m.width, 'height', m.height,
             'alt', m.alt, 'caption', m.caption, 'credit', m.credit) END AS media,
           COALESCE((SELECT json_agg(json_build_object('slug', au.slug, 'name', au.name) ORDER BY aa.position)
                     FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId"
                     WHERE aa."articleId" = a.id), '[]'::json) AS authors,
           COALESCE((SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name)
                     FROM "ArticleTag" at JOIN "Tag" t ON t.id = at."tagId"
                     WHERE at."articleId" = a.id), '[]'::json) AS tags,
           COALESCE((SELECT json_agg(json_build_object('kind', n.kind, 'text', n.text,
                                                       'at', n."createdAt" AT TIME ZONE 'UTC') ORDER BY n."createdAt", n.id)
                     FROM "ArticleNote" n WHERE n."articleId" = a.id), '[]'::json) AS notes
    FROM "Article" a
    JOIN "Section" s ON s.id = a."sectionId"
    LEFT JOIN "Media" m ON m.id = a."heroMediaId"
    WHERE a.id = ${id} AND ${anyStatus ? Prisma.sql`TRUE` : isPublic}`;
  return rows[0] ?? null;
}

/**
 * Everything around the article in one round trip: the related list, the callout targets named in the body and the
 * media of body figures.
 *
 * Related rule: editor picks first (by position), then automatic ones ranked by a score — never the article itself,
 * never an unpublished one, never a callout target the body already shows. The score of a candidate is
 *
 *   (RELATED_WEIGHTS.tag × shared tags + RELATED_WEIGHTS.words × share of this article's headline/dek words it
 *    repeats + RELATED_WEIGHTS.type if the same type + RELATED_WEIGHTS.section if the same section)
 *   ÷ √(1 + years between the two publications)
 *
 * so two shared tags beat a story published yesterday in the same section, and an old column is related to pieces
 * of its own time as much as to today's. Candidates are bounded so the query stays cheap on a large archive: per
 * shared tag, the newest and the nearest older public articles by date (the (tagId, publicAt) index of the links,
 * which skips unpublished ones), and the same for the section (the (sectionId, status, publishedAt) index); those
 * few hundred rows are scored without the words, and only the RELATED_RERANK best (counting the most the words could
 * add) have their words compared.
 */
async function queryExtras(
  article: { id: number; sectionId: number; publishedAt: Date },
  calloutIds: number[],
  mediaIds: number[],
): Promise<ExtrasRow> {
  const { id, sectionId } = article;
  // A parameter of the column's own type (timestamp without zone, UTC), not a reference to the row: then it is an
  // index condition of the section window below.
  const at = new Date(article.publishedAt).toISOString().replace("Z", "");
  const limit = RELATED_LIMIT;
  const w = RELATED_WEIGHTS;
  const rows = await db().$queryRaw<ExtrasRow[]>`
    WITH me AS (
      SELECT a.id, a.type, a."sectionId", a."publishedAt" AS at,
             tsvector_to_array(to_tsvector('english', a.headline || ' ' || a.dek)) AS words
      FROM "Article" a WHERE a.id = ${id}
    ), picks AS (
      SELECT a.id, 0 AS tier, ar.position::float8 AS rank
      FROM "ArticleRelated" ar JOIN "Article" a ON a.id = ar."relatedId"
      WHERE ar."articleId" = ${id} AND a.id <> ${id} AND ${isPublic} AND a.id <> ALL(${calloutIds}::int[])
      ORDER BY ar.position LIMIT ${limit}
    ), by_tag AS (
      SELECT DISTINCT c.id FROM "ArticleTag" mine
      CROSS JOIN LATERAL (
        (SELECT t."articleId" AS id FROM "ArticleTag" t WHERE t."tagId" = mine."tagId" AND t."publicAt" IS NOT NULL
         ORDER BY t."publicAt" DESC, t."articleId" DESC LIMIT ${RELATED_CANDIDATES})
        UNION ALL
        (SELECT t."articleId" AS id FROM "ArticleTag" t WHERE t."tagId" = mine."tagId" AND t."publicAt" < ${at}::timestamp
         ORDER BY t."publicAt" DESC, t."articleId" DESC LIMIT ${RELATED_CANDIDATES})
      ) c
      WHERE mine."articleId" = ${id}
    ), by_section AS (
      (SELECT a.id FROM "Article" a WHERE a."sectionId" = ${sectionId} AND ${isPublic}
       ORDER BY a."publishedAt" DESC LIMIT ${RELATED_CANDIDATES})
      UNION
      (SELECT a.id FROM "Article" a WHERE a."sectionId" = ${sectionId} AND ${isPublic} AND a."publishedAt" < ${at}::timestamp
       ORDER BY a."publishedAt" DESC LIMIT ${RELATED_CANDIDATES})
    ), cheap AS (
      -- Stage 1, every candidate: tags, type, section and time (index lookups only).
      SELECT * FROM (
      SELECT a.id, a.headline, a.dek,
             (${w.tag}::float8 * (SELECT count(*) FROM "ArticleTag" x JOIN "ArticleTag" y
                                    ON y."tagId" = x."tagId" AND y."articleId" = ${id}
                                  WHERE x."articleId" = a.id)
              + CASE WHEN a.type = me.type THEN ${w.type}::float8 ELSE 0 END
              + CASE WHEN a."sectionId" = me."sectionId" THEN ${w.section}::float8 ELSE 0 END) AS base,
             sqrt(1 + abs(extract(epoch FROM a."publishedAt" - me.at)) / 31557600.0) AS apart
      FROM "Article" a, me
      WHERE a.id IN (SELECT id FROM by_tag UNION SELECT id FROM by_section)
        AND a.id <> ${id} AND ${isPublic} AND a.id <> ALL(${calloutIds}::int[])
        AND a.id NOT IN (SELECT id FROM picks)
      ) k
      ORDER BY (k.base + ${w.words}::float8) / k.apart DESC
      LIMIT ${RELATED_RERANK}
    ), scored AS (
      -- Stage 2, the best RELATED_RERANK by what words could add at most: the share of shared words (stemming is
      -- the expensive part, so only these few are parsed).
      SELECT c.id, 1 AS tier,
             -((c.base + ${w.words}::float8 * (SELECT count(*) FROM unnest(tsvector_to_array(
                                                 to_tsvector('english', c.headline || ' ' || c.dek))) word
                                               WHERE word = ANY(me.words)) / GREATEST(cardinality(me.words), 1))
               / c.apart) AS rank
      FROM cheap c, me
    ), chosen AS (
      SELECT c.tier, c.rank, a.*
      FROM (SELECT * FROM picks UNION ALL SELECT * FROM scored) c JOIN "Article" a ON a.id = c.id
      ORDER BY c.tier, c.rank, a."publishedAt" DESC, a.id DESC
      LIMIT ${limit}
    )
    SELECT
      COALESCE((SELECT json_agg(ar."relatedId") FROM "ArticleRelated" ar WHERE ar."articleId" = ${id}), '[]'::json) AS picks,
      COALESCE((SELECT json_agg((${cardJson}::jsonb || jsonb_build_object('tier', a.tier, 'rank', a.rank))
                                ORDER BY a.tier, a.rank, a."publishedAt" DESC, a.id DESC)
                FROM chosen a), '[]'::json) AS related,
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'slug', a.slug, 'headline', a.headline,
                                                  'publishedAt', a."publishedAt" AT TIME ZONE 'UTC'))
                FROM "Article" a WHERE a.id = ANY(${calloutIds}::int[]) AND ${isPublic}), '[]'::json) AS callouts,
      COALESCE((SELECT json_agg(json_build_object('id', m.id, 'key', m."storageKey", 'width', m.width, 'height', m.height))
                FROM "Media" m WHERE m.id = ANY(${mediaIds}::int[])), '[]'::json) AS media`;
  return rows[0] ?? { related: [], picks: [], callouts: [], media: [] };
}

/**
 * Loads everything an article page shows, or null when the id is unknown or not published. Two SQL queries
 * (the article, then everything around it); publication settings come separately and are cached site-wide.
 */
export async function loadArticlePage(
  id: number,
  timeZone: string,
  /**
   * Previews only (lib/articles/preview.ts): loads the article whatever its status and lets the preview lay the
   * editor's unsaved fields over it before the page is built. Such a page is never cached.
   */
  preview?: (row: ArticleRow) => Promise<ArticleRow>,
): Promise<ArticlePageView | null> {
  // Declared first: a page for an article that is not public yet must still be purged when it is published.
  dependsOn(tags.article(id));
  const stored = await queryArticle(id, !!preview);
  if (!stored) return null;
  const row = preview ? await preview(stored) : stored;
  const parsed = parseDocument(row.body);
  // A stored body always passed parseDocument on save; if it somehow no longer does, show the article without it
  // rather than failing the page.
  const body: ArticleDocument = parsed.ok ? parsed.doc : { type: "doc", content: [] };
  const calloutIds = calloutTargets(body);
  const extras = await queryExtras(row, calloutIds, figureMediaIds(body));
  // What the page prints of other things: names and URLs of its section, authors and tags; the headlines of callout
  // targets and of related cards (and picks not yet public). The automatic part of the related list is not tagged:
  // it refreshes on the time bound instead of on every publish (docs/caching.md).
  dependsOn(
    tags.section(row.section.slug),
    ...row.authors.map((a) => tags.author(a.slug)),
    ...row.tags.map((t) => tags.tag(t.slug)),
    ...[...calloutIds, ...extras.picks].map(tags.article),
    ...extras.related.flatMap(cardTags),
  );

  const callouts: Record<number, CalloutTarget> = {};
  for (const t of extras.callouts) {
    callouts[t.id] = {
      headline: t.headline,
      url: articlePath({ id: t.id, slug: t.slug, publishedAt: new Date(t.publishedAt) }, timeZone),
    };
  }
  const media: Record<number, BodyMedia> = {};
  for (const m of extras.media) media[m.id] = responsiveImage(m.key, m.width, m.height);

  const hero = row.media
    ? {
        mediaId: row.media.id,
        image: imageView(row.media.key, row.media.width, row.media.height, row.heroAlt || row.media.alt),
        caption: row.heroCaption || row.media.caption,
        credit: row.heroCredit || row.media.credit,
      }
    : null;

  return {
    id: row.id,
    url: articlePath(row, timeZone),
    headline: row.headline,
    dek: row.dek,
    type: row.type,
    section: { ...row.section, url: sectionPath(row.section.slug) },
    authors: row.authors.map((a) => ({ ...a, url: authorPath(a.slug) })),
    publishedAt: new Date(row.publishedAt).toISOString(),
    contentUpdatedAt: row.contentUpdatedAt ? new Date(row.contentUpdatedAt).toISOString() : null,
    hero,
    seo: { title: row.seoTitle, description: row.seoDescription, imageId: row.seoImageId },
    body,
    readingMinutes: readingMinutes(plainText(body)),
    tags: row.tags,
    corrections: notesOf(row, "CORRECTION"),
    updates: notesOf(row, "UPDATE"),
    related: extras.related.map((r) => toCard(r, timeZone)),
    callouts,
    media,
  };
}

const notesOf = (row: ArticleRow, kind: "CORRECTION" | "UPDATE"): ArticleNoteRef[] =>
  row.notes.filter((n) => n.kind === kind).map((n) => ({ text: n.text, at: new Date(n.at).toISOString() }));

/**
 * Article page data, loaded once per request for both `generateMetadata` and the page (React `cache`). The page
 * cache in front keeps the rendered page; nothing caches the data a second time.
 */
export const getArticlePage = cache(async (id: number): Promise<ArticlePageView | null> => {
  const { timeZone } = await getPublication();
  return loadArticlePage(id, timeZone);
});
