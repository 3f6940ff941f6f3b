import { db } from "../db";
import { isPublic } from "../articles/public";
import { revalidateMostRead } from "../publishing/revalidate";
import type { ViewCounts } from "./view-counter";

/**
 * "Most read" without a database write per page view. The front process counts hits of article pages in memory
 * (lib/fronts/view-counter.ts) and every MOST_READ_FLUSH_SECONDS sends the aggregated counts to the renderer, which
 * calls `recordViews`: one upsert into hourly buckets (ArticleViewCount), whatever the traffic. The home page reads
 * the top MOST_READ_COUNT over the last MOST_READ_WINDOW_HOURS (lib/fronts/home.ts) and carries the `list:most-read`
 * tag, purged only when a flush changes the ranking, not on every view: the block is refreshed on the flush
 * schedule at most.
 */

export const MOST_READ_COUNT = 5;
export const MOST_READ_WINDOW_HOURS = 48;
/** Hourly buckets older than this are deleted by a flush (at most once an hour per process). */
const KEEP_DAYS = 7;

const state = globalThis as unknown as { broadsheetMostRead?: { ranking: string; prunedAt: number } };

/** The ranking the home page shows now, as a comparable string of ids. */
async function currentRanking(now: Date): Promise<string> {
  const since = new Date(now.getTime() - MOST_READ_WINDOW_HOURS * 3600_000);
  const rows = await db().$queryRaw<{ id: number }[]>`
    SELECT v."articleId" AS id FROM "ArticleViewCount" v JOIN "Article" a ON a.id = v."articleId"
    WHERE v.hour >= ${since} AND ${isPublic}
    GROUP BY v."articleId" ORDER BY sum(v.views) DESC, v."articleId" DESC LIMIT ${MOST_READ_COUNT}`;
  return rows.map((r) => r.id).join(",");
}

/**
 * Adds a flush of view counts to the current hour's bucket, one statement for any number of articles. Counts of ids
 * that are not public articles (a stale link, an article taken down since) are dropped by the join. Purges the
 * "most read" block when its ranking changed. Returns the ranking and whether it changed.
 */
export async function recordViews(
  counts: ViewCounts,
  now: Date = new Date(),
): Promise<{ ranking: number[]; changed: boolean }> {
  const hour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  const valid = counts.filter(([id, n]) => Number.isSafeInteger(id) && id > 0 && Number.isSafeInteger(n) && n > 0);
  if (valid.length > 0) {
    await db().$executeRaw`
      INSERT INTO "ArticleViewCount" (hour, "articleId", views)
      SELECT ${hour}::timestamptz, c.id, c.n
      FROM unnest(${valid.map(([id]) => id)}::int[], ${valid.map(([, n]) => n)}::int[]) AS c(id, n)
      JOIN "Article" a ON a.id = c.id
      WHERE ${isPublic}
      ON CONFLICT (hour, "articleId") DO UPDATE SET views = "ArticleViewCount".views + EXCLUDED.views`;
  }
  const memory = (state.broadsheetMostRead ??= { ranking: "", prunedAt: 0 });
  if (now.getTime() - memory.prunedAt > 3600_000) {
    memory.prunedAt = now.getTime();
    await db()
      .$executeRaw`DELETE FROM "ArticleViewCount" WHERE hour < ${new Date(now.getTime() - KEEP_DAYS * 86_400_000)}`;
  }
  const ranking = await currentRanking(now);
  const changed = ranking !== memory.ranking;
  memory.ranking = ranking;
  if (changed) await revalidateMostRead();
  return { ranking: ranking ? ranking.split(",").map(Number) : [], changed };
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
