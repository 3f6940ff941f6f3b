import { Prisma } from "../../generated/prisma/client";
import { db, type Tx } from "../db";
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
 * reading its tsvector (seconds). So relevance is computed only for the RANK_WINDOW (300: 15 pages) newest matches,
 * then ordered by relevance damped by age. For a news site the newest few hundred matches of a common word are the
 * ones a reader wants; a rarer query has fewer matches than the window, so every one is ranked.
 *
 * Finding those newest matches is where the time goes, and the planner cannot be trusted to pick the way: its
 * statistics know single words, not phrases ("restoration school" is two common words, rarely side by side) nor a
 * writer's share of the archive. So the search measures instead of guessing (newestMatches): it tests the newest
 * `probeRows` articles that pass the filters, and the share that match says which way is cheaper for the rest.
 */
export const RANK_WINDOW = 300;

/** How newestMatches chooses its way; tests shrink the numbers so that a few articles take every branch. */
export type SearchTuning = {
  /** Newest articles tested first; the share of them that match says how to search the rest of the archive. */
  probeRows: number;
  /**
   * A query matching at least this share of the probe keeps walking back through the publication-date index,
   * testing each row: it finds the rest within a few thousand rows. Testing a row reads its tsvector, so a rarer
   * query is asked of the GIN index instead.
   */
  walkShare: number;
  /** The walk stops after this many rows and lets the GIN index find the older matches. */
  walkRows: number;
  /**
   * A phrase is checked word by word against each article that holds all its words (the GIN index knows words, not
   * their order), which reads that article's tsvector. At most this many such checks per search: a phrase of common
   * words that rarely stand side by side is looked for in the newest articles holding its words, and the results
   * say from which date (`searchedSince`).
   */
  phraseChecks: number;
  /** A query matching less than this share of the probe is asked of the GIN index alone, for every match. */
  rareShare: number;
};

const TUNING: SearchTuning = {
  probeRows: 200,
  walkShare: 0.05,
  walkRows: 6_000,
  phraseChecks: 6_000,
  rareShare: 0.005,
};

const CONFIG = Prisma.sql`'english'::regconfig`;
const STRIP = Prisma.sql`${MARK_START + MARK_END}`;
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
const SNIPPET_OPTIONS = `MaxWords=32, MinWords=14, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_END}`;

type SearchRow = { items: { card: CardRow; headline: string; snippet: string }[] };

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
  /**
   * Set when a phrase was looked for only in articles published since this instant (a phrase of common words that
   * rarely stand together: SearchTuning.phraseChecks); dates filters reach further back.
   */
  searchedSince: Date | null;
};

/** The filters of a request with its section and writer looked up (null: one of them does not exist). */
type Scope = { where: Prisma.Sql; authorName: string | null; after: Date | null };

async function scope(tx: Tx, request: SearchRequest, timeZone: string): Promise<Scope | null> {
  const parts: Prisma.Sql[] = [isPublic];
  let authorName: string | null = null;
  // Looked up first, so the planner sees the ids: a writer's share of the archive (statistics of ArticleAuthor)
  // decides whether to walk their articles or the date index.
  if (request.section) {
    const [section] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Section" WHERE slug = ${request.section}`;
    if (!section) return null;
    parts.push(Prisma.sql`a."sectionId" = ${section.id}`);
  }
  const type = typeValue(request.type);
  if (type) parts.push(Prisma.sql`a.type = ${type}::"ArticleType"`);
  if (request.author) {
    const [author] = await tx.$queryRaw<{ id: number; name: string }[]>`
      SELECT id, name FROM "Author" WHERE slug = ${request.author}`;
    if (!author) return null;
    authorName = author.name;
    parts.push(Prisma.sql`a.id IN (SELECT x."articleId" FROM "ArticleAuthor" x WHERE x."authorId" = ${author.id})`);
  }
  const { after, before } = dayRange(request, timeZone);
  if (after) parts.push(Prisma.sql`a."publishedAt" >= ${after}`);
  if (before) parts.push(Prisma.sql`a."publishedAt" < ${before}`);
  return { where: Prisma.join(parts, " AND "), authorName, after };
}

type Found = { ids: number[]; searchedSince: string | null };

/**
 * Ids of the newest RANK_WINDOW + 1 matches, newest first. The archive is searched from the newest end in spans of
 * publication time; "covered" is everything published after `edge`.
 *
 *   1. probe  the newest `probeRows` articles that pass the filters are tested (one walk of the date index).
 *   2. walk   a query matching at least `walkShare` of them keeps walking back by date, testing each row.
 *   3. spans  a rarer query asks the GIN index for its matches within the next span of time, ANDed with the date
 *             index (a BitmapAnd): only matches inside the span are read from the table. The span is sized from the
 *             rate of matches seen so far to hold the missing ones, and grows until they are found or the archive
 *             ends; with filters other than dates (whose share of the archive the rate cannot tell), one span.
 *
 * A writer filter goes straight to the GIN index with the writer's name added to the query: their name is in the
 * tsvector of each of their articles ("searchExtra"), so the index intersects their articles with the words, and
 * the exact filter (ArticleAuthor) runs on that small set — instead of walking the archive for their share.
 */
async function newestMatches(tx: Tx, query: Prisma.Sql, scope: Scope, tuning: SearchTuning): Promise<Found> {
  const { probeRows, walkShare, walkRows, phraseChecks, rareShare } = tuning;
  const limit = RANK_WINDOW + 1;
  const { where } = scope;
  const found: number[] = [];
  const done = (searchedSince: string | null = null): Found => ({ ids: found.slice(0, limit), searchedSince });
  // Without an index scan the planner can only use the bitmaps (GIN, and the date index for a span).
  const bitmapsOnly = async () => {
    await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
  };
  if (scope.authorName) {
    await bitmapsOnly();
    const rows = await tx.$queryRaw<{ id: number }[]>`
      SELECT a.id FROM "Article" a
      WHERE ${where} AND a."searchVector" @@ (${query} && plainto_tsquery(${CONFIG}, ${scope.authorName}))
      ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${limit}`;
    found.push(...rows.map((r) => r.id));
    return done();
  }
  // The probe: matches newer than its oldest row's time (rows at that very time are searched again below, so that
  // every span is a plain time range), the AND of the words of a phrase (how many articles a phrase costs to check).
  const [probe] = await tx.$queryRaw<
    {
      seen: number;
      ids: number[];
      top: string | null;
      edge: string | null;
      phrase: boolean;
      holdWords: number | null;
    }[]
  >`
    WITH w AS MATERIALIZED (
      SELECT a.id, a."publishedAt", a."searchVector" AS v FROM "Article" a
      WHERE ${where}
      ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${probeRows}
    ), q AS (SELECT ${query} AS q), edge AS (SELECT min("publishedAt") AS at FROM w)
    SELECT (SELECT count(*) FROM w)::int AS seen,
           coalesce((SELECT array_agg(id ORDER BY "publishedAt" DESC, id DESC) FROM w, q
                     WHERE v @@ q.q AND ("publishedAt" > (SELECT at FROM edge) OR (SELECT count(*) FROM w) < ${probeRows})),
                    '{}') AS ids,
           (SELECT at::text FROM edge) AS edge, (SELECT max("publishedAt")::text FROM w) AS top,
           (SELECT q::text ~ '<[0-9-]+>' FROM q) AS phrase,
           (SELECT CASE WHEN q::text ~ '<[0-9-]+>' AND q::text !~ '!' THEN
              (SELECT count(*) FROM w WHERE v @@ regexp_replace(q::text, '<[0-9-]+>', '&', 'g')::tsquery) END FROM q)::int
             AS "holdWords"`;
  found.push(...probe!.ids);
  if (found.length >= limit || probe!.seen < probeRows || probe!.edge === null) return done();
  let edge = probe!.edge;
  const older = (at: string) => Prisma.sql`a."publishedAt" <= ${at}::timestamp`;
  if (found.length / probeRows >= walkShare) {
    const walked = await tx.$queryRaw<{ id: number; at: string }[]>`
      SELECT w.id, w."publishedAt"::text AS at FROM (
        SELECT a.id, a."publishedAt", a."searchVector" AS v FROM "Article" a
        WHERE ${where} AND ${older(edge)}
        ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${walkRows}
      ) w WHERE w.v @@ ${query}
      ORDER BY w."publishedAt" DESC, w.id DESC LIMIT ${limit - found.length}`;
    if (found.length + walked.length >= limit) {
      found.push(...walked.map((r) => r.id));
      return done();
    }
    // Fewer than asked: the walk reached the end of the archive, or `walkRows`.
    const [end] = await tx.$queryRaw<{ at: string | null; n: number }[]>`
      SELECT min(w."publishedAt")::text AS at, count(*)::int AS n FROM (
        SELECT a."publishedAt" FROM "Article" a WHERE ${where} AND ${older(edge)}
        ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${walkRows}
      ) w`;
    if (!end?.at || end.n < walkRows) {
      found.push(...walked.map((r) => r.id));
      return done();
    }
    found.push(...walked.filter((r) => r.at > end.at!).map((r) => r.id));
    edge = end.at;
  }
  // The oldest public article (one step down the date index), where the spans end.
  const [{ oldest }] = (await tx.$queryRaw<{ oldest: string | null }[]>`
    SELECT min(a."publishedAt")::text AS oldest FROM "Article" a WHERE ${isPublic}`) as [{ oldest: string | null }];
  await bitmapsOnly();
  const phrase = probe!.phrase;
  const top = instant(probe!.top!);
  // Matches and (for a phrase) articles holding all its words, per millisecond of the probe's span of time.
  const probeMs = Math.max(top - instant(probe!.edge), 1000);
  const holdPerMs = Math.max(probe!.holdWords ?? 0, probe!.ids.length, 1) / probeMs;
  let checksLeft = phraseChecks;
  // All the matches of a query this rare cost less to read than the date index's part of a span.
  const whole = !phrase && probe!.ids.length / probeRows < rareShare;
  for (;;) {
    const need = limit - found.length;
    const coveredMs = Math.max(top - instant(edge), 1000);
    const perMs = Math.max(found.length, 1) / coveredMs;
    // Time expected to hold twice the missing matches, at least three times what is covered (the newest articles can
    // be denser than the past), at most what the phrase budget allows.
    let spanMs = Math.max((2 * need) / perMs, 3 * coveredMs);
    if (phrase) spanMs = Math.min(spanMs, checksLeft / holdPerMs);
    if (phrase && spanMs < 1) return done(edge);
    const next = instant(edge) - spanMs;
    const bounded = !whole && oldest !== null && next > Math.max(instant(oldest), scope.after?.getTime() ?? 0);
    const rows = await tx.$queryRaw<{ id: number }[]>`
      SELECT a.id FROM "Article" a
      WHERE ${where} AND ${older(edge)} ${bounded ? Prisma.sql`AND a."publishedAt" > ${stamp(next)}::timestamp` : Prisma.empty}
        AND a."searchVector" @@ ${query}
      ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${need}`;
    found.push(...rows.map((r) => r.id));
    if (process.env.SEARCH_TRACE)
      console.error("span", {
        edge,
        next: stamp(next),
        bounded,
        whole,
        rows: rows.length,
        checksLeft,
        spanDays: spanMs / 864e5,
        holdPerMs,
        probe,
      });
    if (found.length >= limit || !bounded) return done();
    checksLeft -= spanMs * holdPerMs;
    edge = stamp(next);
  }
}

/** A "timestamp without time zone" (UTC, as the database writes it as text) in milliseconds, and back. */
const instant = (at: string) => Date.parse(`${at.replace(" ", "T")}Z`);
const stamp = (ms: number) => new Date(Math.floor(ms)).toISOString().replace("T", " ").replace("Z", "");

/** One page of results, ranked; a few short SQL round trips in one transaction (more when a word looks mistyped). */
export async function searchArticles(
  request: SearchRequest,
  timeZone: string,
  tuning: SearchTuning = TUNING,
): Promise<SearchResults> {
  const empty = {
    hits: [],
    total: 0,
    capped: false,
    page: request.page,
    pageCount: 1,
    suggestion: null,
    searchedSince: null,
  };
  if (!request.q) return { ...empty, onlyStopWords: false };
  const query = Prisma.sql`websearch_to_tsquery(${CONFIG}, ${request.q})`;
  const offset = (request.page - 1) * SEARCH_PAGE_SIZE;
  const outcome = await db().$transaction(async (tx) => {
    const [{ usable }] = (await tx.$queryRaw<{ usable: boolean }[]>`SELECT numnode(${query}) > 0 AS usable`) as [
      { usable: boolean },
    ];
    const within = usable ? await scope(tx, request, timeZone) : null;
    if (!within) return { usable, ids: [] as number[], searchedSince: null, row: undefined };
    const { ids, searchedSince } = await newestMatches(tx, query, within, tuning);
    if (ids.length === 0) return { usable, ids, searchedSince, row: undefined };
    const [row] = await tx.$queryRaw<SearchRow[]>`
      WITH ranked AS (
        -- Relevance (headline matches weigh most; normalised to 0..1) halved by each year of age.
        SELECT a.id, a."publishedAt",
               ts_rank(a."searchVector", ${query}, 32)
                 / (1 + greatest(0, extract(epoch FROM (now() AT TIME ZONE 'UTC') - a."publishedAt")) / 31557600.0) AS score
        FROM "Article" a WHERE a.id = ANY(${ids.slice(0, RANK_WINDOW)}::int[])
      ), page AS (
        SELECT r.* FROM ranked r ORDER BY r.score DESC, r."publishedAt" DESC, r.id DESC
        LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}
      )
      SELECT COALESCE((
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
    return { usable, ids, searchedSince, row };
  });
  const totalAll = outcome.ids.length;
  const total = Math.min(totalAll, RANK_WINDOW);
  const hits: SearchHit[] = (outcome.row?.items ?? []).map((item) => ({
    ...toCard(item.card, timeZone),
    headlineMarked: item.headline,
    snippetMarked: item.snippet,
  }));
  const suggestion = outcome.usable ? await suggest(request, total, timeZone, tuning) : null;
  return {
    hits,
    total,
    capped: totalAll > RANK_WINDOW,
    page: request.page,
    pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    suggestion,
    onlyStopWords: !outcome.usable,
    searchedSince: outcome.searchedSince ? new Date(`${outcome.searchedSince.replace(" ", "T")}Z`) : null,
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
async function suggest(
  request: SearchRequest,
  total: number,
  timeZone: string,
  tuning: SearchTuning,
): Promise<string | null> {
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
  const found = await db().$transaction(async (tx) => {
    const within = await scope(tx, request, timeZone);
    return within
      ? (await newestMatches(tx, Prisma.sql`websearch_to_tsquery(${CONFIG}, ${corrected})`, within, tuning)).ids.length
      : 0;
  });
  return Math.min(found, RANK_WINDOW) > total ? corrected : null;
}

export type SearchFilterOptions = { authors: { slug: string; name: string }[] };

/** Writers a reader can filter by: those with a public page (a bio or a published article). */
export async function searchFilterOptions(): Promise<SearchFilterOptions> {
  const authors = await db().$queryRaw<{ slug: string; name: string }[]>`
    SELECT au.slug, au.name FROM "Author" au WHERE ${authorShown} ORDER BY au.name, au.slug`;
  return { authors };
}
