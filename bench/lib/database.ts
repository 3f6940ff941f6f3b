import path from "node:path";
import pg from "pg";
import { ensureDatabaseExists, startEmbeddedPostgres, type EmbeddedHandle } from "../../scripts/lib/embedded-postgres";
import { migrate } from "../../scripts/lib/migrate";
import { say } from "./log";

/**
 * The benchmarks' own database: never the demo's. Each benchmark names its database ("broadsheet_bench",
 * "broadsheet_newsday"); BENCH_DATABASE_URL overrides it, DATABASE_URL lends its server, and with neither the
 * embedded PostgreSQL is started. Migrated, and seeded with the demo publication when empty.
 */

/** Where the seeded pictures of every benchmark database live; the server under test serves them from here. */
export const BENCH_MEDIA_DIR = path.resolve(".data/bench-media");

export type BenchDatabase = { url: string; stop(): Promise<void> };

export async function prepareDatabase(defaultName: string): Promise<BenchDatabase> {
  let url = process.env.BENCH_DATABASE_URL;
  let embedded: EmbeddedHandle | undefined;
  if (!url && process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${defaultName}`;
    url = u.toString();
  }
  if (!url) {
    embedded = await startEmbeddedPostgres({ log: say });
    url = embedded.urlFor(defaultName);
  }
  if (decodeURIComponent(new URL(url).pathname.slice(1)) === "broadsheet") {
    throw new Error(
      'The benchmark adds and removes thousands of rows; give it its own database, not the demo ("broadsheet").',
    );
  }
  await ensureDatabaseExists(url);
  await migrate(url, say);

  const [row] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "Article" WHERE status = 'PUBLISHED'`);
  if (!row?.n) {
    say("The benchmark database is empty: seeding the demo content…");
    useDatabaseInProcess(url);
    const { seed } = await import("../../prisma/seed");
    await seed({ log: say });
    await releaseInProcessDatabase();
  }
  return { url, stop: async () => (embedded?.startedHere ? embedded.stop() : undefined) };
}

/**
 * Points lib/ (lib/env, lib/db) at the benchmark database for code the benchmark runs in its own process: the seed,
 * API tokens, the render floor. Must run before lib/env is first read, which caches the environment.
 */
export function useDatabaseInProcess(url: string): void {
  process.env.DATABASE_URL = url;
  process.env.MEDIA_DIR = BENCH_MEDIA_DIR;
}

/** Closes lib/db's pool if in-process code opened it, so the benchmark can exit. */
export async function releaseInProcessDatabase(): Promise<void> {
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
}

export async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function publicationTimeZone(url: string): Promise<string> {
  const rows = await query<{ timeZone: string }>(url, `SELECT "timeZone" FROM "Publication" WHERE id = 1`);
  return rows[0]?.timeZone ?? "UTC";
}

export type ArticleRow = { id: number; slug: string; publishedAt: Date };

/** Copies carry `<source slug><mark><n>` as their slug; `mark` tells one benchmark's copies from another's. */
const copyPattern = (mark: string) => `%${mark}%`;

export async function removeCopies(url: string, mark: string): Promise<void> {
  await query(url, `DELETE FROM "Article" WHERE slug LIKE $1`, [copyPattern(mark)]);
}

const SECONDS_PER_DAY = 86_400;
const BATCH = 500;

/**
 * Adds `count` copies of the published articles (body, authors, tags, related picks and callouts), with new ids and
 * so new URLs that no cache has seen. Copies are numbered from `firstNumber`, so topping up continues a series.
 * With `spreadDays`, copy n is published a fixed pseudo-random time within the last `spreadDays` days (same n,
 * same date, so a topped-up archive looks like a fresh one) and has no "Updated" date; otherwise it keeps its
 * source's dates. Written in batches, each in its own transaction, so an interrupted run leaves whole copies.
 */
export async function makeCopies(
  url: string,
  options: {
    count: number;
    mark: string;
    firstNumber?: number;
    spreadDays?: number;
    progress?: (done: number) => void;
  },
): Promise<ArticleRow[]> {
  const { count, mark, firstNumber = 1, spreadDays } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const made: ArticleRow[] = [];
  try {
    for (let offset = 0; offset < count; offset += BATCH) {
      const size = Math.min(BATCH, count - offset);
      await client.query("BEGIN");
      try {
        const { rows } = await client.query<ArticleRow>(
          `WITH src AS (
             SELECT a.*, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total
             FROM "Article" a WHERE status = 'PUBLISHED' AND slug NOT LIKE $2
           ), numbers AS (SELECT n FROM generate_series($1::int, $1::int + $4::int - 1) AS g(n))
           INSERT INTO "Article" (slug, headline, dek, type, status, "sectionId", "heroMediaId", "heroAlt", "heroCaption",
                                  "heroCredit", body, "publishedAt", "contentUpdatedAt", "createdAt", "updatedAt")
           SELECT s.slug || $3 || n.n, s.headline, s.dek, s.type, s.status, s."sectionId", s."heroMediaId", s."heroAlt",
                  s."heroCaption", s."heroCredit", s.body,
                  CASE WHEN $5::int IS NULL THEN s."publishedAt"
                       ELSE now() - ((n.n::bigint * 2654435761) % ($5::int * ${SECONDS_PER_DAY})) * interval '1 second' END,
                  CASE WHEN $5::int IS NULL THEN s."contentUpdatedAt" END,
                  now(), now()
           FROM numbers n JOIN src s ON s.rn = ((n.n - 1) % s.total) + 1
           RETURNING id, slug, "publishedAt"`,
          [firstNumber + offset, copyPattern(mark), mark, size, spreadDays ?? null],
        );
        const ids = rows.map((r) => r.id);
        // Each copy finds its source by slug: the copy's slug minus the mark and number.
        const pairs = `"Article" c JOIN "Article" s ON s.slug = regexp_replace(c.slug, $2 || '\\d+$', '')`;
        const copyRows = (table: string, columns: string, from: string) =>
          client.query(
            `INSERT INTO "${table}" ("articleId", ${columns}) SELECT c.id, ${from} FROM ${pairs}
             JOIN "${table}" x ON x."articleId" = s.id WHERE c.id = ANY($1::int[])`,
            [ids, mark],
          );
        await copyRows("ArticleAuthor", `"authorId", position`, `x."authorId", x.position`);
        await copyRows("ArticleTag", `"tagId"`, `x."tagId"`);
        await copyRows("ArticleRelated", `"relatedId", position`, `x."relatedId", x.position`);
        await copyRows("ArticleCallout", `"targetId"`, `x."targetId"`);
        await client.query("COMMIT");
        made.push(...rows);
        options.progress?.(made.length);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    }
    return made;
  } finally {
    await client.end();
  }
}
