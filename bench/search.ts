import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { prepareDatabase, query, useDatabaseInProcess, releaseInProcessDatabase } from "./lib/database";
import { nameBenchmark, say } from "./lib/log";
import { mark, ms, percentile, printTable } from "./lib/report";
import { saveResults } from "./lib/results";

/**
 * `npm run bench:search [-- --articles 1000000] [--database broadsheet_search] [--pages-only] [--rounds N]`:
 * search, and the article, author and section pages, at a million articles.
 *
 *   1. generate  fills the benchmark database ("broadsheet_search", or BENCH_DATABASE_URL) up to --articles realistic
 *                articles, in SQL batches (INSERT … SELECT over generate_series, 25,000 rows a statement, with
 *                progress): headlines and deks drawn from the demo's own vocabulary (Zipf-like) plus a long tail of
 *                rare names, bodies of 1–14 paragraphs from a pool, 1–2 of 300 writers, 0–4 of 1,500 tags, the demo's
 *                sections, four types, dates over 20 years (denser recently, rising with the id as in a real archive), 3 % not
 *                published. The search triggers
 *                are switched off for the load (the rows are written with what they would compute), the GIN index
 *                is built afterwards and its build time and size printed. Re-running resumes.
 *   2. pages     the article, author and section page loaders (lib/, the real queries), timed at the demo size (a
 *                second database, "broadsheet_search_demo") and at this size, with the plans of their queries.
 *   3. search    a fixed set of 60 queries (common and rare words, phrases, exclusions, OR, filters, deep pages,
 *                typos) through lib/search, p50/p95/p99, and EXPLAIN (ANALYZE, BUFFERS) of the slowest.
 *
 * Targets (issue 10): search p95 < 100 ms and p99 < 250 ms; pages within 2× of the demo size.
 * The measuring runs in a child process per database (`--measure`), because lib/db reads DATABASE_URL once.
 */

const BASE_ID = 1_000_000;
const BATCH = 25_000;
const PARAGRAPHS = 40_000;
const AUTHORS = 300;
const TAGS = 1_500;

const argv = process.argv.slice(2);
const argValue = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

// ───────────── generation ─────────────

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'");
  return client;
}

const FIRST =
  "Alice Ben Chloe David Emma Farid Grace Hugo Isla James Kiran Laura Mateo Nadia Owen Priya Quentin Rosa Samuel Tara Usman Vera William Xin Yusuf Zoe Amara Bruno Carmen Declan".split(
    " ",
  );
const LAST =
  "Ashworth Brennan Castillo Dalgleish Eriksen Fairbanks Gallagher Hargreaves Iqbal Jablonski Kowalczyk Lindqvist Macaulay Nakamura Oyelaran Pemberton Quayle Rasmussen Sutherland Thackeray Underwood Valdivia Whitcombe Yardley Zielinski".split(
    " ",
  );
const SYLLABLES =
  "ka ri mo dan vel tor is an bel cor mar len sto quin ath ro ful ven dar ish ol un gre hal pon zet wick ard by ton".split(
    " ",
  );

const ENABLE_TRIGGERS = `ALTER TABLE "Article" ENABLE TRIGGER h7_article_words;
  ALTER TABLE "ArticleAuthor" ENABLE TRIGGER USER; ALTER TABLE "ArticleTag" ENABLE TRIGGER USER`;

async function generate(url: string, target: number): Promise<Record<string, number | string>> {
  const client = await connect(url);
  const facts: Record<string, number | string> = {};
  try {
    // A run stopped mid-load leaves the search triggers off; every run starts by switching them back on.
    await client.query(ENABLE_TRIGGERS);
    const [{ have }] = (
      await client.query<{ have: number }>(
        `SELECT coalesce(max(id) - ${BASE_ID}, 0)::int AS have FROM "Article" WHERE id > ${BASE_ID}`,
      )
    ).rows as [{ have: number }];
    if (have >= target) {
      say(`The database already holds ${have.toLocaleString("en")} generated articles.`);
      // What the run that generated them measured (index build time …), kept beside them.
      const kept = await client
        .query<{ facts: Record<string, number | string> }>(`SELECT facts FROM bench.facts ORDER BY at DESC LIMIT 1`)
        .catch(() => ({ rows: [] }));
      return kept.rows[0]?.facts ?? facts;
    }
    const t0 = Date.now();
    await client.query("SELECT setseed(0.42)");
    await client.query(`CREATE SCHEMA IF NOT EXISTS bench`);
    // Vocabulary: the demo's words by frequency (the head of a Zipf curve), then rare made-up names (the tail).
    await client.query(
      `DROP TABLE IF EXISTS bench.vocab; CREATE TABLE bench.vocab (i int PRIMARY KEY, word text NOT NULL)`,
    );
    await client.query(`INSERT INTO bench.vocab
      SELECT row_number() OVER (ORDER BY nentry DESC, word) - 1, word FROM ts_stat($$
        SELECT to_tsvector('simple', headline || ' ' || dek || ' ' || jsonb_path_query_array(body, 'strict $.**.text')::text)
        FROM "Article" WHERE id < ${BASE_ID}$$) WHERE word ~ '^[[:alpha:]]{2,}$'`);
    const common = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM bench.vocab`)).rows[0]!.n);
    const rare = 30_000;
    await client.query(
      `INSERT INTO bench.vocab SELECT ${common} + g - 1,
         (SELECT string_agg(s, '') FROM (SELECT ($1::text[])[1 + floor(random() * ${SYLLABLES.length})::int] s
           FROM generate_series(1, 2 + (g % 3)) WHERE g > 0) x)
       FROM generate_series(1, ${rare}) g`,
      [SYLLABLES],
    );
    facts.vocabulary = `${common} demo words + ${rare} rare names`;
    const PICK = `CASE WHEN random() < 0.93 THEN floor(power(random(), 2.2) * ${common})::int
                       ELSE ${common} + floor(random() * ${rare})::int END`;
    say(`Vocabulary: ${common.toLocaleString("en")} demo words and ${rare.toLocaleString("en")} rare names.`);
    // Paragraph pool for bodies. Everything below is set-based (one hash join against the vocabulary per statement);
    // 93 % of words come from the head, skewed to the most frequent, 7 % from the rare tail.
    await client.query(`DROP TABLE IF EXISTS bench.para; CREATE TABLE bench.para AS
      SELECT x.p AS i, jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object(
        'type', 'text', 'text', initcap(left(string_agg(v.word, ' ' ORDER BY x.k), 1)) ||
                                substr(string_agg(v.word, ' ' ORDER BY x.k), 2) || '.'))) AS node
      FROM (SELECT p, k, ${PICK} AS vi FROM generate_series(0, ${PARAGRAPHS - 1}) p,
            LATERAL generate_series(1, 10 + (p * 7919) % 41) k) x
      JOIN bench.vocab v ON v.i = x.vi GROUP BY x.p;
      CREATE UNIQUE INDEX ON bench.para (i)`);
    // Writers and tags of the generated articles (slugs prefixed gen-, so a re-run finds them).
    await client.query(
      `INSERT INTO "Author" (slug, name, "jobTitle", bio, "updatedAt")
       SELECT 'gen-author-' || g, ($1::text[])[1 + (g % ${FIRST.length})] || ' ' || ($2::text[])[1 + ((g / ${FIRST.length}) % ${LAST.length})] ||
              CASE WHEN g > ${FIRST.length * LAST.length} THEN ' ' || g ELSE '' END,
              'Reporter', '', now()
       FROM generate_series(1, ${AUTHORS}) g ON CONFLICT DO NOTHING`,
      [FIRST, LAST],
    );
    await client.query(`INSERT INTO "Tag" (slug, name)
      SELECT 'gen-' || word, initcap(word) FROM bench.vocab WHERE i BETWEEN 150 AND ${150 + TAGS - 1} ON CONFLICT DO NOTHING`);
    await client.query(`DROP TABLE IF EXISTS bench.pick;
      CREATE TABLE bench.pick AS
        SELECT 'author' AS kind, row_number() OVER (ORDER BY id) - 1 AS i, id, name FROM "Author" WHERE slug LIKE 'gen-author-%'
        UNION ALL SELECT 'tag', row_number() OVER (ORDER BY id) - 1, id, name FROM "Tag" WHERE slug LIKE 'gen-%'
        UNION ALL SELECT 'section', row_number() OVER (ORDER BY position, id) - 1, id, name FROM "Section";
      CREATE INDEX ON bench.pick (kind, i)`);
    const counts = (
      await client.query<{ kind: string; n: string }>(`SELECT kind, count(*) AS n FROM bench.pick GROUP BY kind`)
    ).rows.reduce<Record<string, number>>((o, r) => ({ ...o, [r.kind]: Number(r.n) }), {});
    say(`Writers ${counts.author}, tags ${counts.tag}, sections ${counts.section}.`);

    // The rows are written with the values the triggers would compute; the GIN index is built once at the end.
    await client.query(`DROP INDEX IF EXISTS "Article_searchVector_idx";
      ALTER TABLE "Article" DISABLE TRIGGER h7_article_words;
      ALTER TABLE "ArticleAuthor" DISABLE TRIGGER USER; ALTER TABLE "ArticleTag" DISABLE TRIGGER USER`);
    // Every join here is a bulk join: a nested loop over unanalysed intermediate results would be quadratic.
    await client.query("SET enable_nestloop = off");
    try {
      for (let lo = have + 1; lo <= target; lo += BATCH) {
        const hi = Math.min(target, lo + BATCH - 1);
        const tb = Date.now();
        await client.query("BEGIN");
        // One row of dice per article, then its words, paragraphs and tags, each in one set-based statement.
        await client.query(`DROP TABLE IF EXISTS bench.dice; CREATE TABLE bench.dice AS
          SELECT ${BASE_ID} + g AS id, random() AS rs, random() AS ra, random() AS rb, random() AS r2, random() AS rl,
            random() AS rt, random() AS rst,
            -- Dates rise with ids, as in a real archive written day by day (denser in recent years).
            power(1 - (g - 0.5) / ${target}.0, 1.6) AS age, floor(random() * 5)::int AS ntags,
            5 + floor(random() * 8)::int AS nh, 12 + floor(random() * 15)::int AS nd
          FROM generate_series(${lo}, ${hi}) g;
          ANALYZE bench.dice`);
        await client.query(`DROP TABLE IF EXISTS bench.stage; CREATE TABLE bench.stage AS
          WITH heads AS (
            SELECT d.id, string_agg(v.word, ' ' ORDER BY x.k) AS t
            FROM bench.dice d, LATERAL (SELECT k, ${PICK} AS vi FROM generate_series(1, d.nh) k) x
            JOIN bench.vocab v ON v.i = x.vi GROUP BY d.id
          ), deks AS (
            SELECT d.id, string_agg(v.word, ' ' ORDER BY x.k) AS t
            FROM bench.dice d, LATERAL (SELECT k, ${PICK} AS vi FROM generate_series(1, d.nd) k) x
            JOIN bench.vocab v ON v.i = x.vi GROUP BY d.id
          ), bodies AS (
            SELECT d.id, jsonb_build_object('type', 'doc', 'content', jsonb_agg(p.node ORDER BY x.k)) AS body
            FROM bench.dice d, LATERAL (SELECT k, floor(random() * ${PARAGRAPHS})::int AS pi
              FROM generate_series(1, CASE WHEN d.rl < 0.5 THEN 1 + floor(d.rl * 4)::int
                                           WHEN d.rl < 0.85 THEN 2 + floor((d.rl - 0.5) * 12)::int
                                           ELSE 5 + floor((d.rl - 0.85) * 66)::int END) k) x
            JOIN bench.para p ON p.i = x.pi GROUP BY d.id
          ), tagged AS (
            SELECT d.id, array_agg(DISTINCT pk.id) AS tag_ids
            FROM bench.dice d, LATERAL (SELECT floor(power(random(), 2) * ${counts.tag})::int AS ti
              FROM generate_series(1, d.ntags)) x
            JOIN bench.pick pk ON pk.kind = 'tag' AND pk.i = x.ti GROUP BY d.id
          )
          SELECT d.*, sec.id AS section_id, a1.id AS author1,
            CASE WHEN d.r2 < 0.15 AND a2.id <> a1.id THEN a2.id END AS author2,
            coalesce(tg.tag_ids, '{}') AS tag_ids,
            initcap(left(h.t, 1)) || substr(h.t, 2) AS headline, k.t AS dek, b.body
          FROM bench.dice d
          JOIN heads h ON h.id = d.id JOIN deks k ON k.id = d.id JOIN bodies b ON b.id = d.id
          LEFT JOIN tagged tg ON tg.id = d.id
          JOIN bench.pick sec ON sec.kind = 'section' AND sec.i = floor(power(d.rs, 1.4) * ${counts.section})::int
          JOIN bench.pick a1 ON a1.kind = 'author' AND a1.i = floor(power(d.ra, 1.5) * ${counts.author})::int
          JOIN bench.pick a2 ON a2.kind = 'author' AND a2.i = floor(d.rb * ${counts.author})::int`);
        await client.query(`INSERT INTO "Article" (id, slug, headline, dek, type, status, "sectionId", body, "publishedAt",
            "createdAt", "updatedAt", "searchExtra")
          SELECT s.id, 'gen-' || s.id, s.headline, s.dek,
            (CASE WHEN s.rt < 0.70 THEN 'NEWS' WHEN s.rt < 0.85 THEN 'OPINION' WHEN s.rt < 0.95 THEN 'ANALYSIS' ELSE 'FEATURE' END)::"ArticleType",
            (CASE WHEN s.rst < 0.97 THEN 'PUBLISHED' WHEN s.rst < 0.99 THEN 'DRAFT' WHEN s.rst < 0.995 THEN 'SCHEDULED' ELSE 'UNPUBLISHED' END)::"ArticleStatus",
            s.section_id, s.body,
            CASE WHEN s.rst < 0.97 OR s.rst >= 0.995 THEN (now() AT TIME ZONE 'UTC') - s.age * interval '20 years' - interval '1 hour' - s.rb * interval '3 hours'
                 WHEN s.rst >= 0.99 THEN (now() AT TIME ZONE 'UTC') + interval '30 days' END,
            now(), now(),
            concat_ws(' ', concat_ws(' ', a1.name, a2.name),
              (SELECT string_agg(t.name, ' ' ORDER BY t.name) FROM "Tag" t WHERE t.id = ANY(s.tag_ids)))
          FROM bench.stage s JOIN "Author" a1 ON a1.id = s.author1 LEFT JOIN "Author" a2 ON a2.id = s.author2`);
        // Links carry the article's publication date while it is public, and author links its section (what the
        // link triggers would write; they are off for the load).
        await client.query(`CREATE TEMP TABLE public_at ON COMMIT DROP AS
            SELECT a.id, CASE WHEN a.status = 'PUBLISHED' THEN a."publishedAt" END AS at, a."sectionId"
            FROM "Article" a WHERE a.id BETWEEN ${BASE_ID + lo} AND ${BASE_ID + hi};
          INSERT INTO "ArticleAuthor" ("articleId", "authorId", position, "publicAt", "sectionId")
          SELECT s.id, s.author1, 0, p.at, p."sectionId" FROM bench.stage s JOIN public_at p ON p.id = s.id UNION ALL
          SELECT s.id, s.author2, 1, p.at, p."sectionId" FROM bench.stage s JOIN public_at p ON p.id = s.id
          WHERE s.author2 IS NOT NULL;
          INSERT INTO "ArticleTag" ("articleId", "tagId", "publicAt")
          SELECT s.id, unnest(s.tag_ids), p.at FROM bench.stage s JOIN public_at p ON p.id = s.id`);
        await client.query("COMMIT");
        const done = hi - have;
        const rate = done / ((Date.now() - t0) / 1000);
        say(
          `articles ${hi.toLocaleString("en")} / ${target.toLocaleString("en")} (${Math.round((hi / target) * 100)} %), ` +
            `batch ${((Date.now() - tb) / 1000).toFixed(1)} s, ${Math.round(rate)} rows/s, ` +
            `about ${Math.round((target - hi) / rate / 60)} min left`,
        );
      }
    } finally {
      await client.query(ENABLE_TRIGGERS);
    }
    facts.generateSeconds = Math.round((Date.now() - t0) / 1000);
    say(`Generated in ${facts.generateSeconds} s.`);
    await client.query(`SELECT setval(pg_get_serial_sequence('"Article"', 'id'), (SELECT max(id) FROM "Article"))`);

    let t = Date.now();
    await client.query(`CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector")`);
    facts.ginBuildSeconds = Math.round((Date.now() - t) / 100) / 10;
    t = Date.now();
    await client.query(`TRUNCATE "SearchWord"; INSERT INTO "SearchWord" (word, articles)
      SELECT w, count(*) FROM "Article" a, unnest(h7_words(a.headline, a.dek, a."searchExtra")) w
      WHERE a.status = 'PUBLISHED' GROUP BY w`);
    facts.vocabularySeconds = Math.round((Date.now() - t) / 100) / 10;
    t = Date.now();
    // Sets the visibility map, so index-only scans are possible (one statement each: VACUUM refuses a transaction).
    for (const table of ["Article", "ArticleAuthor", "ArticleTag", "SearchWord"])
      await client.query(`VACUUM (ANALYZE) "${table}"`);
    facts.vacuumSeconds = Math.round((Date.now() - t) / 100) / 10;
    await client.query(`CREATE TABLE IF NOT EXISTS bench.facts (at timestamptz DEFAULT now(), facts jsonb)`);
    await client.query(`INSERT INTO bench.facts (facts) VALUES ($1)`, [JSON.stringify(facts)]);
    return facts;
  } finally {
    await client.end();
  }
}

/**
 * A live site's autovacuum keeps the visibility map of its tables nearly full, and the list pages' index-only scans
 * depend on it. A database just generated, or vacuumed while another transaction was open on the server, may have it
 * mostly empty: every index-only scan then reads the table too, and the pages look several times slower than they
 * are (seen: author page 11 ms → 3.7 ms after VACUUM). Tables under 90 % all-visible are vacuumed before timing.
 */
async function settleVisibility(url: string): Promise<void> {
  const client = await connect(url);
  try {
    for (const table of ["Article", "ArticleAuthor", "ArticleTag"]) {
      const { rows } = await client.query<{ share: number }>(
        `SELECT CASE WHEN relpages = 0 THEN 1 ELSE relallvisible::float / relpages END AS share
         FROM pg_class WHERE oid = $1::regclass`,
        [`"${table}"`],
      );
      const share = rows[0]?.share ?? 1;
      if (share >= 0.9) continue;
      say(`${table} is ${Math.round(share * 100)} % all-visible; vacuuming it as autovacuum would on a live site…`);
      await client.query(`VACUUM (ANALYZE) "${table}"`);
    }
  } finally {
    await client.end();
  }
}

async function sizes(url: string): Promise<Record<string, string>> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM "Article")::text AS articles,
      (SELECT count(*) FROM "Article" WHERE status = 'PUBLISHED')::text AS published,
      (SELECT count(*) FROM "SearchWord")::text AS "vocabularyWords",
      pg_size_pretty(pg_total_relation_size('"Article"')) AS "articleTableTotal",
      pg_size_pretty(pg_relation_size('"Article_searchVector_idx"')) AS "ginIndex",
      pg_size_pretty(pg_total_relation_size('"SearchWord"')) AS "vocabularyTotal",
      pg_size_pretty(pg_database_size(current_database())) AS database`);
    return rows[0]!;
  } finally {
    await client.end();
  }
}

// ───────────── measuring (child process, one per database) ─────────────

type Captured = { text: string; values: unknown[] };
let capturing: Captured[] | null = null;

/** Records the SQL lib/ sends (Prisma's adapter goes through pg), so the benchmark can EXPLAIN the real queries. */
function captureQueries(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    if (capturing) {
      const text = typeof config === "string" ? config : config?.text;
      const values = typeof config === "string" ? ((args[1] as unknown[]) ?? []) : (config?.values ?? []);
      if (text && !/^(BEGIN|COMMIT|ROLLBACK|SET |SELECT 1$)/i.test(text)) capturing.push({ text, values });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function explain(url: string, queries: Captured[]): Promise<string[]> {
  const client = await connect(url);
  try {
    const plans: string[] = [];
    for (const q of queries) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      plans.push(`${q.text.replace(/\s+/g, " ").slice(0, 300)}…\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    return plans;
  } finally {
    await client.end();
  }
}

/** `missing`: the loader found no such page (the demo has no fifth page of a section): its time is a 404's. */
type PageTiming = {
  name: string;
  medianMs: number;
  p95Ms: number;
  queries: number;
  missing?: boolean;
  /** What the page lists (cards, feed items, writers), when the two sizes list different amounts. */
  shows?: number;
  /**
   * 8 kB pages its queries touched (EXPLAIN's shared hit + read of each top node): the work done, which a busy
   * machine cannot blur the way it blurs the time.
   */
  buffers?: number;
};

function buffersOf(plan: string): number {
  const top = /Buffers: shared((?: \w+=\d+)+)/.exec(plan)?.[1] ?? "";
  return [...top.matchAll(/(hit|read)=(\d+)/g)].reduce((n, m) => n + Number(m[2]), 0);
}

/** Cards of a list page, items of a feed, writers of /authors. */
function shows(result: unknown): number | undefined {
  if (Array.isArray(result)) return result.length;
  const r = result as { items?: unknown[]; articles?: { items: unknown[] }; desks?: { authors: unknown[] }[] } | null;
  if (r?.desks) return r.desks.reduce((n, d) => n + d.authors.length, 0);
  return r?.items?.length ?? r?.articles?.items.length;
}
type Measured = {
  pages: PageTiming[];
  pagePlans: string[];
  search?: {
    samples: number[];
    perQuery: { q: string; label: string; medianMs: number; total: number }[];
    slowestPlan: string[];
  };
};

async function measure(url: string, withSearch: boolean): Promise<Measured> {
  captureQueries();
  useDatabaseInProcess(url);
  const { loadArticlePage } = await import("../lib/articles/public");
  const { loadSectionPage } = await import("../lib/sections/public");
  const { loadAuthorPage } = await import("../lib/authors/public");
  const client = await connect(url);
  const pick = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  const tz =
    (await pick<{ timeZone: string }>(`SELECT "timeZone" FROM "Publication" WHERE id = 1`))[0]?.timeZone ?? "UTC";
  // The newest article, one from the middle of the archive, the busiest section and writer.
  const [newest] = await pick<{ id: number }>(
    `SELECT id FROM "Article" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`,
  );
  const [middle] = await pick<{ id: number }>(
    `SELECT id FROM "Article" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC OFFSET (SELECT count(*) / 2 FROM "Article" WHERE status = 'PUBLISHED') LIMIT 1`,
  );
  const [section] = await pick<{ slug: string }>(
    `SELECT s.slug FROM "Section" s ORDER BY (SELECT count(*) FROM "Article" a WHERE a."sectionId" = s.id) DESC LIMIT 1`,
  );
  const [author] = await pick<{ slug: string }>(
    `SELECT au.slug FROM "Author" au ORDER BY (SELECT count(*) FROM "ArticleAuthor" x WHERE x."authorId" = au.id) DESC LIMIT 1`,
  );
  const [tag] = await pick<{ slug: string }>(
    `SELECT t.slug FROM "Tag" t ORDER BY (SELECT count(*) FROM "ArticleTag" x WHERE x."tagId" = t.id) DESC LIMIT 1`,
  );
  const [rareTag] = await pick<{ slug: string }>(
    `SELECT t.slug FROM "Tag" t JOIN "ArticleTag" x ON x."tagId" = t.id GROUP BY t.id ORDER BY count(*), t.id LIMIT 1`,
  );
  // A month from the middle of the archive, for its article sitemap.
  const [month] = await pick<{ month: string }>(
    `SELECT to_char("publishedAt" AT TIME ZONE 'UTC' AT TIME ZONE '${tz.replace(/'/g, "")}', 'YYYY-MM') AS month FROM "Article" WHERE id = ${middle!.id}`,
  );
  const sitemaps = await import("../lib/sitemaps/sitemaps");
  const { loadFeed } = await import("../lib/feeds/feeds");
  const publication = await (await import("../lib/settings/publication")).readPublication();
  const { loadTagPage } = await import("../lib/tags/public");
  const { loadAuthorsIndex } = await import("../lib/authors/directory");
  const { forgetScopes, scopePageExists } = await import("../lib/routing/scopes");
  // The proxy's check on every section, author and tag request, its memo forgotten so each run asks the database.
  const proxyCheck = (kind: "section" | "author" | "tag", slug: string, page: number) => () => {
    forgetScopes();
    return scopePageExists(kind, slug, page);
  };
  const pageCases: { name: string; run: () => Promise<unknown> }[] = [
    { name: "article page (newest)", run: () => loadArticlePage(newest!.id, tz) },
    { name: "article page (middle of archive)", run: () => loadArticlePage(middle!.id, tz) },
    { name: `section page 1 (${section!.slug})`, run: () => loadSectionPage(section!.slug, 1, tz) },
    { name: `section page 2 (${section!.slug})`, run: () => loadSectionPage(section!.slug, 2, tz) },
    { name: `section page 5 (${section!.slug})`, run: () => loadSectionPage(section!.slug, 5, tz) },
    { name: `author page 1 (busiest writer)`, run: () => loadAuthorPage(author!.slug, 1, tz) },
    { name: `author page 2 (busiest writer)`, run: () => loadAuthorPage(author!.slug, 2, tz) },
    { name: `tag page 1 (busiest tag)`, run: () => loadTagPage(tag!.slug, 1, tz) },
    { name: `tag page 2 (busiest tag)`, run: () => loadTagPage(tag!.slug, 2, tz) },
    { name: `author feed (busiest writer)`, run: () => loadFeed({ kind: "author", slug: author!.slug }, publication) },
    { name: `tag feed (least used tag)`, run: () => loadFeed({ kind: "tag", slug: rareTag!.slug }, publication) },
    // Grows with the number of writers (8 at demo size, 308 generated), not with the articles.
    { name: `/authors (every writer, by desk)`, run: () => loadAuthorsIndex() },
    // What crawlers fetch: the index is refreshed by every publication (its newest month changes).
    { name: `sitemap index`, run: () => sitemaps.loadSitemapIndex(tz) },
    { name: `sitemap of a month (${month!.month})`, run: () => sitemaps.loadArticleSitemap(month!.month, 1, tz) },
    { name: `sitemap: home and sections`, run: () => sitemaps.loadSectionsSitemap() },
    { name: `sitemap: authors`, run: () => sitemaps.loadAuthorsSitemap() },
    { name: `sitemap: tags`, run: () => sitemaps.loadTagsSitemap() },
    { name: `Google News sitemap`, run: () => sitemaps.loadNewsSitemap(new Date(), tz) },
    { name: `proxy: section page 1 exists`, run: proxyCheck("section", section!.slug, 1) },
    { name: `proxy: section page 2 exists`, run: proxyCheck("section", section!.slug, 2) },
    { name: `proxy: author page 2 exists`, run: proxyCheck("author", author!.slug, 2) },
    { name: `proxy: tag page 2 exists`, run: proxyCheck("tag", tag!.slug, 2) },
  ];
  const pages: PageTiming[] = [];
  const pagePlans: string[] = [];
  for (const c of pageCases) {
    const first = await c.run();
    const missing = first === null;
    capturing = [];
    await c.run();
    const queries = capturing;
    capturing = null;
    const times = await timeIt(c.run, 15);
    const plans = await explain(url, queries);
    pages.push({
      name: c.name,
      missing,
      shows: shows(first),
      medianMs: percentile(times, 50),
      p95Ms: percentile(times, 95),
      queries: queries.length,
      buffers: plans.reduce((n, plan) => n + buffersOf(plan), 0),
    });
    pagePlans.push(`── ${c.name}\n${plans.join("\n\n")}`);
  }
  let search: Measured["search"];
  if (withSearch) {
    const { searchArticles } = await import("../lib/search/public");
    const { parseSearchParams } = await import("../lib/search/request");
    const set = await querySet(client);
    const perQuery: NonNullable<Measured["search"]>["perQuery"] = [];
    const samples: number[] = [];
    let slowest: { ms: number; queries: Captured[] } = { ms: -1, queries: [] };
    for (const item of set) {
      const request = { ...parseSearchParams({}).request, ...item.request };
      const result = await searchArticles(request, tz); // warm-up, and the count for the report
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        capturing = [];
        const t = performance.now();
        await searchArticles(request, tz);
        const took = performance.now() - t;
        times.push(took);
        if (took > slowest.ms) slowest = { ms: took, queries: capturing };
        capturing = null;
      }
      samples.push(...times);
      perQuery.push({
        q: JSON.stringify(item.request),
        label: item.label,
        medianMs: times.sort((a, b) => a - b)[1]!,
        total: result.total,
      });
    }
    search = { samples: samples.sort((a, b) => a - b), perQuery, slowestPlan: await explain(url, slowest.queries) };
  }
  await client.end();
  await releaseInProcessDatabase();
  return { pages, pagePlans, search };
}

type QueryItem = { label: string; request: Record<string, unknown> };

/** The fixed query set: words picked by their rank in the generated vocabulary, so every run asks the same. */
async function querySet(client: pg.Client): Promise<QueryItem[]> {
  const word = async (rank: number) =>
    (
      await client.query<{ word: string }>(
        `SELECT word FROM bench.vocab WHERE length(word) >= 4 AND ts_lexize('english_stem', word) <> '{}' ORDER BY i OFFSET $1 LIMIT 1`,
        [rank],
      )
    ).rows[0]!.word;
  const [common, rare] = [[] as string[], [] as string[]];
  for (const r of [0, 2, 4, 6, 8, 10, 15, 20, 30, 40, 60, 80]) common.push(await word(r));
  const rareRows = (
    await client.query<{ word: string }>(
      `SELECT word FROM bench.vocab WHERE i >= (SELECT max(i) - 30000 FROM bench.vocab) ORDER BY i LIMIT 12 OFFSET 500`,
    )
  ).rows;
  rare.push(...rareRows.map((r) => r.word));
  const medium: string[] = [];
  for (const r of [300, 400, 500, 700, 900, 1200]) medium.push(await word(r));
  const phraseRows = (
    await client.query<{ t: string }>(`SELECT node->'content'->0->>'text' AS t FROM bench.para ORDER BY i LIMIT 8`)
  ).rows.map((r) => r.t.split(" "));
  const [section] = (await client.query<{ slug: string }>(`SELECT slug FROM "Section" ORDER BY position LIMIT 1`)).rows;
  const [author] = (
    await client.query<{ slug: string; name: string }>(
      `SELECT slug, name FROM "Author" WHERE slug LIKE 'gen-author-%' ORDER BY id LIMIT 1`,
    )
  ).rows;
  const items: QueryItem[] = [];
  for (const w of common) items.push({ label: "common word", request: { q: w } });
  for (const w of rare) items.push({ label: "rare word", request: { q: w } });
  for (const w of medium) items.push({ label: "medium word", request: { q: w } });
  for (const words of phraseRows.slice(0, 6))
    items.push({ label: "phrase", request: { q: `"${words.slice(1, 3).join(" ")}"` } });
  items.push({ label: "two common words", request: { q: `${common[1]} ${common[3]}` } });
  items.push({ label: "common + rare", request: { q: `${common[0]} ${rare[0]}` } });
  items.push({ label: "exclusion", request: { q: `${common[2]} -${common[4]}` } });
  items.push({ label: "exclusion", request: { q: `${medium[0]} -${common[0]}` } });
  items.push({ label: "OR", request: { q: `${rare[1]} OR ${rare[2]}` } });
  items.push({ label: "OR", request: { q: `${medium[1]} OR ${medium[2]}` } });
  items.push({ label: "filter: section", request: { q: common[5], section: section?.slug } });
  items.push({ label: "filter: type", request: { q: common[6], type: "opinion" } });
  items.push({ label: "filter: writer", request: { q: common[7], author: author?.slug } });
  items.push({ label: "filter: dates", request: { q: common[8], from: "2012-01-01", to: "2013-12-31" } });
  items.push({
    label: "filter: all",
    request: { q: common[0], section: section?.slug, type: "news", from: "2010-01-01", to: "2020-12-31" },
  });
  items.push({ label: "deep page 5", request: { q: common[0], page: 5 } });
  items.push({ label: "deep page 10", request: { q: common[1], page: 10 } });
  items.push({ label: "deep page 15 (the last ranked)", request: { q: common[2], page: 15 } });
  items.push({ label: "typo", request: { q: `${medium[3]!.slice(0, 2)}${medium[3]!.slice(3)}` } });
  items.push({ label: "typo", request: { q: `${common[9]!.slice(0, -1)}x` } });
  items.push({ label: "writer's name", request: { q: author?.name ?? common[0] } });
  items.push({ label: "no match", request: { q: "zzzyqxv" } });
  return items;
}

async function measureInChild(url: string, withSearch: boolean): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("bench/search.ts"), "--measure", url, ...(withSearch ? ["--with-search"] : [])],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    const out: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.on("exit", (code) => {
      const text = Buffer.concat(out).toString("utf8");
      const line = text.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`measuring failed (${code}): ${text.slice(-2000)}`));
      resolve(JSON.parse(line) as Measured);
    });
  });
}

function keepFastest(kept: PageTiming[], again: PageTiming[]): void {
  kept.forEach((page, i) => {
    const other = again[i]!;
    if (other.medianMs < page.medianMs) kept[i] = { ...page, medianMs: other.medianMs, p95Ms: other.p95Ms };
  });
}

/** Creates the demo-size database as a copy of the large one, before anything is generated into it. */
async function copyDemo(bigUrl: string, demoName: string): Promise<void> {
  const admin = new URL(bigUrl);
  const bigName = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [demoName]);
    if (exists.rowCount) return;
    const [generated] = await query<{ n: number }>(
      bigUrl,
      `SELECT count(*)::int AS n FROM "Article" WHERE id > ${BASE_ID}`,
    );
    if (generated?.n)
      throw new Error(
        `${demoName} is missing and ${bigName} already holds generated articles: drop ${bigName} and run again.`,
      );
    await client.query(
      `CREATE DATABASE "${demoName.replaceAll('"', '""')}" TEMPLATE "${bigName.replaceAll('"', '""')}"`,
    );
  } finally {
    await client.end();
  }
}

// ───────────── main ─────────────

async function main() {
  const measureUrl = argValue("--measure");
  if (measureUrl) {
    const result = await measure(measureUrl, argv.includes("--with-search"));
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    return;
  }
  nameBenchmark("search");
  const target = Number(argValue("--articles") ?? 1_000_000);
  if (!Number.isSafeInteger(target) || target < 1) throw new Error("--articles takes a positive whole number.");
  const name = argValue("--database") ?? "broadsheet_search";
  // The large database first: lib/env keeps the first DATABASE_URL it reads, so only one database can be seeded
  // in-process. The demo-size one is then copied from it while it still holds only the demo.
  const big = await prepareDatabase(name);
  await copyDemo(big.url, `${name}_demo`);
  const demo = await prepareDatabase(`${name}_demo`);
  const lines: string[] = [];
  const print = (line = "") => console.log(line);
  const generated = await generate(big.url, target);
  await settleVisibility(big.url);
  const size = await sizes(big.url);
  say("Timing pages at the demo size…");
  const small = await measureInChild(demo.url, false);
  say("Timing pages and search at the generated size…");
  // --pages-only: the article, author, section and tag pages without the search stage (minutes shorter).
  const pagesOnly = argv.includes("--pages-only");
  const large = await measureInChild(big.url, !pagesOnly);
  // --rounds N: the pages timed N times at each size, alternately, keeping each page's fastest median. On a shared
  // machine a burst of someone else's work during one child's run otherwise decides the ratio.
  const rounds = Number(argValue("--rounds") ?? 1);
  for (let round = 2; round <= rounds; round++) {
    say(`Timing pages again, round ${round} of ${rounds}…`);
    keepFastest(small.pages, (await measureInChild(demo.url, false)).pages);
    keepFastest(large.pages, (await measureInChild(big.url, false)).pages);
  }

  // The report goes to the terminal and, whole, to bench/results/search-<n>.txt.
  const log = console.log;
  console.log = (...parts: unknown[]) => {
    log(...parts);
    lines.push(parts.join(" "));
  };
  print(`\nDatabase: ${JSON.stringify(size)}`);
  if (Object.keys(generated).length) print(`Generation: ${JSON.stringify(generated)}`);
  print(
    `\nPages (lib loaders, the real queries; median of 15${rounds > 1 ? `, the fastest of ${rounds} alternating rounds` : ""}):`,
  );
  const pageRows = large.pages.map((p, i) => {
    const base = small.pages[i]!;
    const ratio = p.medianMs / Math.max(base.medianMs, 0.001);
    // A page the demo does not have is timed there as a 404: no fair base for a ratio.
    if (base.missing)
      return [
        p.name,
        `${ms(base.medianMs)} (404)`,
        ms(p.medianMs),
        "—",
        String(p.queries),
        `— → ${p.buffers ?? "?"}`,
        "no such page at demo size",
      ];
    // Lists that show more at the large size (a feed of 13 items at demo size, 50 here) say so.
    const amount = (t: PageTiming) => (base.shows !== p.shows && t.shows !== undefined ? ` (${t.shows})` : "");
    return [
      p.name,
      ms(base.medianMs) + amount(base),
      ms(p.medianMs) + amount(p),
      `${ratio.toFixed(2)}×`,
      String(p.queries),
      `${base.buffers ?? "?"} → ${p.buffers ?? "?"}`,
      mark(ratio <= 2),
    ];
  });
  printTable(["page", "demo", size.articles ?? "large", "ratio", "queries", "buffers", "≤ 2×"], pageRows);
  const s = large.search ?? { samples: [0], perQuery: [], slowestPlan: [] };
  const p50 = percentile(s.samples, 50);
  const p95 = percentile(s.samples, 95);
  const p99 = percentile(s.samples, 99);
  if (!pagesOnly) printSearch();
  function printSearch() {
    print(
      `\nSearch: ${s.perQuery.length} queries × 3 runs (after a warm-up run), lib/search/public.ts searchArticles:`,
    );
    printTable(
      ["query", "kind", "median", "matches"],
      [...s.perQuery]
        .sort((a, b) => b.medianMs - a.medianMs)
        .map((q) => [q.q.slice(0, 70), q.label, ms(q.medianMs), String(q.total)]),
    );
    print(
      `\nsearch p50 ${ms(p50)}  p95 ${ms(p95)} ${mark(p95 < 100)} (< 100 ms)  p99 ${ms(p99)} ${mark(p99 < 250)} (< 250 ms)`,
    );
    print("\nEXPLAIN (ANALYZE, BUFFERS) of the slowest search:\n" + s.slowestPlan.join("\n\n"));
  }
  print("\nPlans of the page queries at the generated size:\n" + large.pagePlans.join("\n\n"));
  const saved = saveResults("search", {
    size,
    generated,
    small,
    large: { ...large, search: { ...s, samples: undefined } },
    p50,
    p95,
    p99,
  });
  mkdirSync("bench/results", { recursive: true });
  const text = path.join("bench/results", `search-${size.articles}${pagesOnly ? "-pages" : ""}.txt`);
  console.log = log;
  writeFileSync(text, lines.join("\n") + "\n");
  say(`Results: ${saved} and ${text}`);
  await demo.stop();
  await big.stop();
}

await main();
