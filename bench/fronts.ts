import pg from "pg";
import { ENTRY_BYTES, ViewCounter } from "../lib/fronts/view-counter";
import { nameBenchmark, say } from "./lib/log";
import {
  makeCopies,
  prepareDatabase,
  publicationTimeZone,
  query,
  releaseInProcessDatabase,
  removeCopies,
  useDatabaseInProcess,
} from "./lib/database";

/**
 * `npx tsx bench/fronts.ts`: what the home page's hierarchy and "most read" cost, on the demo content plus
 * FRONTS_ARTICLES copies (default 10,000) in its own database (broadsheet_fronts; BENCH_DATABASE_URL overrides).
 *
 *   1. the front's view counter: nanoseconds a counted hit costs, and the bytes it holds for 5,000 articles;
 *   2. a flush: one upsert of 5,000 articles' counts (what a busy minute sends), median of 7;
 *   3. the home page's data: SQL statements per load and median / p95 load time over 40 loads, with view counts
 *      for every copy in the last 48 hours so the "most read" ranking has real work to do.
 */

nameBenchmark("fronts");
const COPIES = Number(process.env.FRONTS_ARTICLES ?? 10_000);
const MARK = "-frontsbench-";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  // 1. The counter, no database.
  // Room for all 5,000 (the default 256 KB holds 4,096): this measures counting, not dropping.
  const counter = new ViewCounter(5000 * ENTRY_BYTES);
  const paths = Array.from({ length: 5000 }, (_, i) => `/2026/11/28/a-story-about-something-a${i + 1}`);
  const hits = 2_000_000;
  for (let i = 0; i < 100_000; i++) counter.hit(paths[i % paths.length]!); // warm-up
  counter.drain();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < hits; i++) counter.hit(paths[(i * 7919) % paths.length]!);
  const perHit = Number(process.hrtime.bigint() - t0) / hits;
  say(
    `view counter: ${perHit.toFixed(0)} ns a hit; ${Math.round(counter.bytes / 1024)} KB estimated for ${counter.drain().length} articles (${ENTRY_BYTES} B each)`,
  );

  // 2 and 3 need the database.
  const database = await prepareDatabase("broadsheet_fronts");
  useDatabaseInProcess(database.url);
  try {
    await removeCopies(database.url, MARK);
    say(`adding ${COPIES} copies of the demo articles…`);
    const copies = await makeCopies(database.url, { count: COPIES, mark: MARK, spreadDays: 30 });
    // As autovacuum would leave a live database: fresh copies (and their dead first versions) mislead the planner.
    await query(database.url, "VACUUM ANALYZE");
    const { recordViews } = await import("../lib/fronts/most-read");
    const { loadHomeFront } = await import("../lib/fronts/home");
    const timeZone = await publicationTimeZone(database.url);

    const batch = copies.slice(0, 5000).map((c, i): [number, number] => [c.id, 1 + (i % 50)]);
    const flushes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await recordViews(batch);
      flushes.push(performance.now() - t);
    }
    say(`flush of ${batch.length} articles' counts (upsert + ranking): median ${ms(median(flushes))}`);
    // Every copy read in the last 48 hours, spread over the buckets.
    for (let h = 0; h < 48; h += 6) {
      const at = new Date(Date.now() - h * 3600_000);
      await recordViews(
        copies.map((c, i): [number, number] => [c.id, 1 + ((i * 31 + h) % 97)]),
        at,
      );
    }

    await query(database.url, 'VACUUM ANALYZE "ArticleViewCount"');

    let statements = 0;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, applied with the client as `this`
    const original = pg.Client.prototype.query;
    (pg.Client.prototype as { query: unknown }).query = function counted(this: pg.Client, ...args: unknown[]) {
      statements += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    const loads: number[] = [];
    let perLoad = 0;
    try {
      for (let i = 0; i < 45; i++) {
        const before = statements;
        const t = performance.now();
        await loadHomeFront(timeZone);
        if (i >= 5) loads.push(performance.now() - t); // the first few warm the pool and plans
        perLoad = statements - before;
      }
    } finally {
      pg.Client.prototype.query = original;
    }
    say(
      `home page data at ${copies.length} + demo articles: ${perLoad} SQL statements a load; median ${ms(median(loads))}, p95 ${ms(p95(loads))}`,
    );
  } finally {
    // FRONTS_KEEP=1 leaves the copies and counts in place, to look at query plans afterwards.
    if (process.env.FRONTS_KEEP !== "1") await removeCopies(database.url, MARK);
    await releaseInProcessDatabase();
    await database.stop();
  }
}

await main();
