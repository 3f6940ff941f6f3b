import { db, isForeignKeyViolation } from "../db";
import { isPublic } from "../articles/public";
import { sharedLru } from "../memo/shared-lru";
import { revalidateMostRead } from "../publishing/revalidate";
import type { ViewCounts } from "./view-counter";

/**
 * "Most read" without a database write per page view. The front process counts hits of article pages in memory
 * (lib/fronts/view-counter.ts) and every MOST_READ_FLUSH_SECONDS sends the aggregated counts to the renderer, which
 * calls `recordViews`: one upsert into hourly buckets (ArticleViewCount), whatever the traffic.
 *
 * The ranking (top MOST_READ_COUNT over the last MOST_READ_WINDOW_HOURS) is computed by the flush, not by the
 * page: adding up the window's buckets takes tens of milliseconds with ten thousand articles read, fine once a
 * minute, not on every render of the home page. It is kept in this process's memory; the home page (lib/fronts/home.ts)
 * carries the `list:most-read` tag, purged only when a flush changes the ranking, so the block is refreshed on the
 * flush schedule at most. Several instances each compute the same ranking from the shared table. A process that has
 * not flushed for RANKING_TTL_MS (just started, or no readers) computes it on the next render.
 */

export const MOST_READ_COUNT = 5;
export const MOST_READ_WINDOW_HOURS = 48;
/** Hourly buckets older than this are deleted by a flush (at most once an hour per process). */
const KEEP_DAYS = 7;
/** How long a ranking serves renders before one of them computes it again (only without flushes). */
const RANKING_TTL_MS = 5 * 60_000;
/** Candidates taken from the buckets before the public rule: a few of the most read may have left the site. */
const CANDIDATES = MOST_READ_COUNT * 10;

type Ranking = { ids: number[] };
const memo = sharedLru<"ranking", Ranking>("most-read", { max: 1, ttl: RANKING_TTL_MS });
const pruning = globalThis as unknown as { broadsheetViewsPrunedAt?: number };

/** Adds up the window's buckets (no join: the sum is over the counts alone), then keeps public articles. */
async function computeRanking(now: Date): Promise<number[]> {
  const since = new Date(now.getTime() - MOST_READ_WINDOW_HOURS * 3600_000);
  const rows = await db().$queryRaw<{ id: number }[]>`
    WITH top AS (
      SELECT v."articleId" AS id, sum(v.views) AS views FROM "ArticleViewCount" v
      WHERE v.hour >= ${since}
      GROUP BY v."articleId" ORDER BY views DESC, v."articleId" DESC LIMIT ${CANDIDATES}
    )
    SELECT t.id FROM top t JOIN "Article" a ON a.id = t.id
    WHERE ${isPublic} ORDER BY t.views DESC, t.id DESC LIMIT ${MOST_READ_COUNT}`;
  return rows.map((r) => r.id);
}

/** The ids of the most-read articles, best first: from memory, computed when this process has none fresh. */
export async function mostReadIds(now: Date = new Date()): Promise<number[]> {
  const known = memo.get("ranking");
  if (known) return known.ids;
  const ids = await computeRanking(now);
  memo.set("ranking", { ids });
  return ids;
}

/**
 * Adds a flush of view counts to the current hour's bucket, one statement for any number of articles. Counts of ids
 * that are not public articles (a stale link, an article taken down since) are dropped by the join. Then computes
 * the ranking, and purges the "most read" block when it changed. Returns the ranking and whether it changed.
 */
export async function recordViews(
  counts: ViewCounts,
  now: Date = new Date(),
): Promise<{ ranking: number[]; changed: boolean }> {
  const hour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  const valid = counts.filter(([id, n]) => Number.isSafeInteger(id) && id > 0 && Number.isSafeInteger(n) && n > 0);
  if (valid.length > 0) {
    const insert = () => db().$executeRaw`
      INSERT INTO "ArticleViewCount" (hour, "articleId", views)
      SELECT ${hour}::timestamptz, c.id, c.n
      FROM unnest(${valid.map(([id]) => id)}::int[], ${valid.map(([, n]) => n)}::int[]) AS c(id, n)
      JOIN "Article" a ON a.id = c.id
      WHERE ${isPublic}
      ON CONFLICT (hour, "articleId") DO UPDATE SET views = "ArticleViewCount".views + EXCLUDED.views`;
    // An article deleted while the statement ran passes the join (its snapshot still has it) and fails the foreign
    // key, which would lose the whole flush; the second try's snapshot no longer has it.
    await insert().catch((error: unknown) => {
      if (!isForeignKeyViolation(error)) throw error;
      return insert();
    });
  }
  if (now.getTime() - (pruning.broadsheetViewsPrunedAt ?? 0) > 3600_000) {
    pruning.broadsheetViewsPrunedAt = now.getTime();
    await db()
      .$executeRaw`DELETE FROM "ArticleViewCount" WHERE hour < ${new Date(now.getTime() - KEEP_DAYS * 86_400_000)}`;
  }
  const before = memo.get("ranking")?.ids.join(",");
  const ranking = await computeRanking(now);
  memo.set("ranking", { ids: ranking });
  const changed = ranking.join(",") !== before;
  if (changed) await revalidateMostRead();
  return { ranking, changed };
}

type ViewSink = (counts: ViewCounts) => Promise<void>;

/**
 * Makes `recordViews` reachable from scripts/render.ts, which receives the front's flushes over IPC but must not
 * import the database client (it would bundle a second copy): like lib/db's client, the sink lives on globalThis.
 * Called once from instrumentation.ts when the renderer starts.
 */
export function installViewSink(): void {
  (globalThis as unknown as { broadsheetViewSink?: ViewSink }).broadsheetViewSink = async (counts) => {
    await recordViews(counts);
  };
}
