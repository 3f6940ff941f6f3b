import { performance } from "node:perf_hooks";
import { loadArticlePage } from "../lib/articles/public";
import { db, disconnectDb } from "../lib/db";

/**
 * `npm run bench:related`: how long the article page's data takes (article + related list + callouts + figures, the
 * two queries of lib/articles/public.ts) on whatever archive DATABASE_URL holds, for a spread of article ids from the
 * oldest to the newest. Prints p50/p95/p99 and the slowest id, so the related query can be compared at demo size and
 * on a large archive (fill one with SQL: docs in the closing note of branch h8). Refuses the demo database.
 */

const SAMPLES = Number(process.env.SAMPLES ?? 300);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url || new URL(url).pathname === "/broadsheet") throw new Error("Point DATABASE_URL at a benchmark database.");
  const [row] = await db().$queryRaw<{ min: number; max: number; n: bigint }[]>`
    SELECT min(id) AS min, max(id) AS max, count(*) AS n FROM "Article" WHERE status = 'PUBLISHED'`;
  if (!row?.n) throw new Error("No published articles.");
  const { min, max, n } = row;
  const ids = Array.from({ length: SAMPLES }, (_, i) => Math.round(min + ((max - min) * i) / (SAMPLES - 1)));
  // Warm the pool and the plan cache.
  for (const id of ids.slice(0, 10)) await loadArticlePage(id, "UTC");
  const times: { id: number; ms: number }[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await loadArticlePage(id, "UTC");
    times.push({ id, ms: performance.now() - t0 });
  }
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.ms.toFixed(1);
  console.log(`article page data over ${Number(n).toLocaleString("en-GB")} published articles, ${SAMPLES} ids`);
  console.log(`p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   slowest: id ${sorted.at(-1)!.id}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
