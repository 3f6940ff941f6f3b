import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { cardJson, isPublic } from "../articles/public";
import { toCard, type ArticleCard, type CardRow } from "../articles/view-models";
import { authorShown } from "../routing/scopes";
import { MARK_END, MARK_START } from "./highlight";
import { SEARCH_PAGE_SIZE, dayRange, typeValue, type SearchRequest } from "./request";

/**
 * Reader search over the stored tsvector of each article (migration h7_search: headline A; dek, authors and tags B;
 * body C; GIN index). Only published articles are ever read here (`isPublic` in every query), and the "did you
 * mean" vocabulary holds words of published articles only.
 *
 * Ranking at a million articles: a common word matches hundreds of thousands of rows, and ranking each one means
 * reading its tsvector from the heap (seconds). So relevance is computed only for the RANK_WINDOW (300: 15 pages) newest matches,
 * which PostgreSQL finds through the GIN index (rare words) or by walking the publication-date index and testing
 * each row (common words), whichever its statistics say is cheaper; the window is then ordered by relevance damped by
 * age. For a news site the newest few hundred matches of a common word are the ones a reader wants; a rare word has fewer
 * matches than the window, so every one is ranked. bench/search.ts measures both kinds.
 */
export const RANK_WINDOW = 300;

const CONFIG = Prisma.sql`'english'::regconfig`;
const STRIP = Prisma.sql`${MARK_START + MARK_END}`;
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
const SNIPPET_OPTIONS = `MaxWords=32, MinWords=14, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_END}`;

/** How long the planner's own plan may run before the search retries on the GIN index alone. */
const PLANNER_BUDGET_MS = 150;

type SearchRow = { total: bigint; usable: boolean; items: { card: CardRow; headline: string; snippet: string }[] };

export type SearchHit = ArticleCard & {
  /** Headline and snippet as text with match markers (lib/search/highlight.ts parses them). */
  headlineMarked: string;
  snippetMarked: string;
};

export type SearchResults = {
  hits: SearchHit[];
  /** Matches, at most RANK_WINDOW (`capped` says there were more). */
  total: number;
  capped: boolean;
  page: number;
  pageCount: number;
  /** A corrected query that finds more, when a word looked mistyped. */
  suggestion: string | null;
  /** True when the query held only words too common to search for ("the", "and"). */
  onlyStopWords: boolean;
};

function filters(request: SearchRequest, timeZone: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [isPublic];
  if (request.section)
    parts.push(Prisma.sql`a."sectionId" = (SELECT s.id FROM "Section" s WHERE s.slug = ${request.section})`);
  const type = typeValue(request.type);
  if (type) parts.push(Prisma.sql`a.type = ${type}::"ArticleType"`);
  if (request.author)
    parts.push(Prisma.sql`a.id IN (SELECT x."articleId" FROM "ArticleAuthor" x
      WHERE x."authorId" = (SELECT au.id FROM "Author" au WHERE au.slug = ${request.author}))`);
  const { after, before } = dayRange(request, timeZone);
  if (after) parts.push(Prisma.sql`a."publishedAt" >= ${after}`);
  if (before) parts.push(Prisma.sql`a."publishedAt" < ${before}`);
  return Prisma.join(parts, " AND ");
}

/** One page of results, ranked; one SQL round trip (two or three more only when a word looks mistyped). */
export async function searchArticles(request: SearchRequest, timeZone: string): Promise<SearchResults> {
  const empty = { hits: [], total: 0, capped: false, page: request.page, pageCount: 1, suggestion: null };
  if (!request.q) return { ...empty, onlyStopWords: false };
  const query = Prisma.sql`websearch_to_tsquery(${CONFIG}, ${request.q})`;
  const where = filters(request, timeZone);
  const offset = (request.page - 1) * SEARCH_PAGE_SIZE;
  // The query is written inline (not in a CTE) so the planner sees it: its statistics tell a common word (walk the
  // publication-date index, test each row, stop after RANK_WINDOW + 1) from a rare one (GIN bitmap, then sort).
  // Only ids and dates travel through the window; tsvectors are read for the RANK_WINDOW rows that are ranked.
  const sql = (order: Prisma.Sql) => Prisma.sql`
    WITH hits AS MATERIALIZED (
      SELECT a.id, a."publishedAt"
      FROM "Article" a
      WHERE a."searchVector" @@ ${query} AND ${where}
      ORDER BY ${order} DESC, a.id DESC
      LIMIT ${RANK_WINDOW + 1}
    ), ranked AS (
      -- Relevance (headline matches weigh most; normalised to 0..1) halved by each year of age.
      SELECT h.id, h."publishedAt",
             ts_rank(a."searchVector", ${query}, 32)
               / (1 + greatest(0, extract(epoch FROM (now() AT TIME ZONE 'UTC') - h."publishedAt")) / 31557600.0) AS score
      FROM (SELECT * FROM hits ORDER BY "publishedAt" DESC, id DESC LIMIT ${RANK_WINDOW}) h
      JOIN "Article" a ON a.id = h.id
    ), page AS (
      SELECT r.* FROM ranked r ORDER BY r.score DESC, r."publishedAt" DESC, r.id DESC
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}
    )
    SELECT (SELECT count(*) FROM hits) AS total,
           numnode(${query}) > 0 AS usable,
           COALESCE((
             SELECT json_agg(json_build_object(
               'card', ${cardJson},
               'headline', ts_headline(${CONFIG}, translate(a.headline, ${STRIP}, ''), ${query}, ${HEADLINE_OPTIONS}),
               'snippet', ts_headline(${CONFIG},
                 translate(a.dek || ' ' || coalesce((SELECT string_agg(t, ' ')
                   FROM jsonb_array_elements_text(jsonb_path_query_array(a.body, 'strict $.**.text')) t), ''), ${STRIP}, ''),
                 ${query}, ${SNIPPET_OPTIONS})
             ) ORDER BY p.score DESC, p."publishedAt" DESC, p.id DESC)
             FROM page p JOIN "Article" a ON a.id = p.id
           ), '[]'::json) AS items`;
  // The planner guesses a phrase or an AND of two common words to be common, and walks the date index through
  // rows that almost never match (seconds at a million articles). Its plan gets PLANNER_BUDGET_MS; past that the
  // same query runs again on the GIN index alone (the order by an expression cannot use the date index).
  let row: SearchRow | undefined;
  try {
    row = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${PLANNER_BUDGET_MS}`);
      return (await tx.$queryRaw<SearchRow[]>(sql(Prisma.sql`a."publishedAt"`)))[0];
    });
  } catch (error) {
    if (!/57014|statement timeout/i.test(String((error as { message?: string })?.message ?? error))) throw error;
    row = (await db().$queryRaw<SearchRow[]>(sql(Prisma.sql`(a."publishedAt" + interval '0 s')`)))[0];
  }
  const totalAll = Number(row?.total ?? 0);
  const total = Math.min(totalAll, RANK_WINDOW);
  const hits: SearchHit[] = (row?.items ?? []).map((item) => ({
    ...toCard(item.card, timeZone),
    headlineMarked: item.headline,
    snippetMarked: item.snippet,
  }));
  const suggestion = await suggest(request, total, timeZone);
  return {
    hits,
    total,
    capped: totalAll > RANK_WINDOW,
    page: request.page,
    pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    suggestion,
    onlyStopWords: !row?.usable,
  };
}

/** Plain words of a query (not operators, not excluded words), lower-cased, as the vocabulary stores them. */
function queryWords(q: string): string[] {
  const words = new Set<string>();
  for (const token of q.split(/\s+/)) {
    if (token.startsWith("-")) continue;
    for (const word of token.toLowerCase().match(/\p{L}+/gu) ?? []) {
      if (word.length >= 4 && word.length <= 30 && word !== "or") words.add(word);
    }
  }
  return [...words].slice(0, 8);
}

/**
 * "Did you mean": each word of the query missing from the vocabulary of published headlines, deks, authors and tags
 * is replaced by its nearest word by trigram similarity (pg_trgm, GIN index). Offered only when the corrected query
 * finds more than the reader's did, so a word that only appears in article bodies is not "corrected".
 */
async function suggest(request: SearchRequest, total: number, timeZone: string): Promise<string | null> {
  const words = queryWords(request.q);
  if (!words.length) return null;
  const rows = await db().$queryRaw<{ input: string; known: boolean; suggestion: string | null }[]>`
    SELECT w.input,
           EXISTS (SELECT 1 FROM "SearchWord" sw WHERE sw.word = w.input) AS known,
           (SELECT sw.word FROM "SearchWord" sw WHERE sw.word % w.input
             ORDER BY similarity(sw.word, w.input) DESC, sw.articles DESC, sw.word LIMIT 1) AS suggestion
    FROM unnest(${words}::text[]) AS w(input)`;
  let corrected = request.q;
  let changed = false;
  for (const row of rows) {
    if (row.known || !row.suggestion || row.suggestion === row.input) continue;
    corrected = corrected.replace(new RegExp(`(?<![\\p{L}])${row.input}(?![\\p{L}])`, "giu"), row.suggestion);
    changed = true;
  }
  if (!changed) return null;
  const [found] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM "Article" a
      WHERE a."searchVector" @@ websearch_to_tsquery(${CONFIG}, ${corrected}) AND ${filters(request, timeZone)}
      LIMIT ${RANK_WINDOW}) x`;
  return Number(found?.n ?? 0) > total ? corrected : null;
}

export type SearchFilterOptions = { authors: { slug: string; name: string }[] };

/** Writers a reader can filter by: those with a public page (a bio or a published article). */
export async function searchFilterOptions(): Promise<SearchFilterOptions> {
  const authors = await db().$queryRaw<{ slug: string; name: string }[]>`
    SELECT au.slug, au.name FROM "Author" au WHERE ${authorShown} ORDER BY au.name, au.slug`;
  return { authors };
}
