import { recordAudit } from "../audit/events";
import { db } from "../db";
import { revalidateArticle, type ArticlePlacement } from "../publishing/revalidate";
import { placementOf, writeResult } from "./placement";
import { recordArticleEvent, snapshotOf } from "./revision-log";

/**
 * Scheduled publication. An article published with a future time waits as SCHEDULED (lib/articles/mutations.ts);
 * every server process polls for the due ones and publishes them, with no request needed, like a manual publish:
 * the same status, then the same cache purge and warm-up (lib/publishing/revalidate.ts).
 *
 * Several processes (instances of the site, or a restart overlapping the old process) may poll the same database:
 * each due row is claimed by one UPDATE that skips rows another transaction holds (`FOR UPDATE SKIP LOCKED`), and
 * only rows still SCHEDULED are claimed, so an article is published exactly once. An editor saving the article at
 * that moment holds its row lock; the scheduler skips it and takes it on the next poll. Due articles missed while no
 * server ran are published at the first poll after start.
 *
 * Known gap: if the process dies between the commit and the purge, the lists that should now show the article keep
 * their cached copies until their 30-minute bound (a purge outbox would close it; see docs/caching.md).
 */

/** At most this many articles per poll, so one poll's transaction stays short; the next poll takes the rest. */
const BATCH = 20;

/** Publishes every scheduled article whose time has come (by `now`); returns their ids, oldest first. */
export async function publishDueArticles(now: Date = new Date()): Promise<number[]> {
  const published = await db().$transaction(async (tx) => {
    // The claim also answers who saved last and when (the row as it was), for the history's entry.
    const claimed = await tx.$queryRaw<
      { id: number; headline: string; publishedAt: Date; version: number; savedAt: Date; savedBy: number | null }[]
    >`
      WITH due AS (
        SELECT id, version, "updatedAt", "updatedById" FROM "Article"
        WHERE status = 'SCHEDULED' AND "publishedAt" <= ${now}
        ORDER BY "publishedAt", id
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Article" a SET status = 'PUBLISHED', "updatedAt" = now()
      FROM due WHERE a.id = due.id
      RETURNING a.id, a.headline, a."publishedAt", due.version, due."updatedAt" AS "savedAt", due."updatedById" AS "savedBy"`;
    const placed: { id: number; after: ArticlePlacement }[] = [];
    for (const { id, headline, publishedAt, version, savedAt, savedBy } of claimed.sort((a, b) => a.id - b.id)) {
      // In the history as a publication by nobody: the scheduler. Only the status changed.
      const after = await snapshotOf(tx, id);
      await recordArticleEvent(tx, {
        articleId: id,
        authorId: null,
        kind: "SCHEDULED_PUBLISH",
        before: { ...after, status: "scheduled" },
        after,
        lastSave: { version, updatedAt: savedAt, updatedById: savedBy },
      });
      // No actor: the system published it; who scheduled it is the article_schedule row before this one.
      await recordAudit(tx, {
        actorId: null,
        action: "article_publish_scheduled",
        subject: { type: "article", id },
        detail: { headline, publishedAt: publishedAt.toISOString() },
      });
      placed.push({ id, after: await placementOf(tx, id) });
    }
    return placed;
  });
  // After the commit, like every write: the article was not on the site before, so this is a first publication.
  for (const { id, after } of published) {
    const { path } = await writeResult({ id, slug: after.slug, status: "PUBLISHED", publishedAt: after.publishedAt });
    await revalidateArticle({ id, before: null, after, path });
  }
  return published.map((p) => p.id);
}

export type SchedulerOptions = {
  /** How often to look for due articles (ms). The delay between an article's time and its publication is at most this. */
  everyMs?: number;
  log?: (line: string) => void;
};

/**
 * Polls for due articles until stopped (the returned function). Never throws: a database that does not answer is
 * reported once a minute, not on every poll, and polling goes on.
 */
export function startScheduler(options: SchedulerOptions = {}): () => void {
  const every = options.everyMs ?? 2_000;
  const log = options.log ?? ((line: string) => console.log(line));
  let busy = false;
  let stopped = false;
  let failing = false;
  let lastReport = 0;

  const poll = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const ids = await publishDueArticles();
      if (ids.length) log(`Published on schedule: article${ids.length > 1 ? "s" : ""} ${ids.join(", ")}.`);
      if (failing) log("Scheduled publishing works again: the database answers.");
      failing = false;
    } catch (error) {
      failing = true;
      if (Date.now() - lastReport >= 60_000) {
        lastReport = Date.now();
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        log(`Scheduled publishing is waiting for the database (${reason}); trying again every ${every / 1000} s.`);
      }
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void poll(), every);
  timer.unref();
  void poll();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
