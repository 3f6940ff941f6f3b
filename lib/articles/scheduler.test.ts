import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createArticle, updateArticle } from "./mutations";
import { getArticlePage } from "./public";
import { publishDueArticles } from "./scheduler";

const f = new Factory();
let editor: Actor;
let section: { id: number; slug: string };
let author: { id: number; slug: string };

const HOUR = 3_600_000;
const inAnHour = () => new Date(Date.now() + HOUR);
const anHourAgo = () => new Date(Date.now() - HOUR);

const statusOf = async (id: number) =>
  (await db().article.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

async function create(over: Record<string, unknown>) {
  const result = await createArticle(editor, {
    headline: `Budget vote ${f.suffix}`,
    section: section.slug,
    authors: [author.slug],
    body: {
      doc: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "The council votes at noon." }] }],
      },
    },
    ...over,
  });
  f.track("articles", result.id);
  return result;
}

async function rejects(fn: () => Promise<unknown>, status: number, field: string): Promise<void> {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.status, status);
    assert.ok(error.fields?.[field], `expected a message for ${field}, got ${JSON.stringify(error.fields)}`);
    return true;
  });
}

before(async () => {
  await f.ensurePublication();
  const user = await f.user({ role: "EDITOR" });
  editor = { id: user.id, email: user.email, name: user.name, role: user.role };
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("scheduling", () => {
  test("publishing with a future time schedules the article: stored as scheduled, invisible to readers", async () => {
    const when = inAnHour();
    const result = await create({ status: "published", publishedAt: when.toISOString() });
    assert.equal(result.status, "scheduled");
    assert.equal(await statusOf(result.id), "SCHEDULED");
    assert.equal(await getArticlePage(result.id), null, "a scheduled article must not be readable before its time");
  });

  test('"scheduled" needs a future time (422 naming publishedAt); a past time with "published" publishes now', async () => {
    await rejects(() => create({ status: "scheduled", publishedAt: anHourAgo().toISOString() }), 422, "publishedAt");
    await rejects(() => create({ status: "scheduled" }), 422, "publishedAt");
    const now = await create({ status: "published", publishedAt: anHourAgo().toISOString() });
    assert.equal(now.status, "published");
  });

  test("moving a published article's time into the future takes it off the site until then; unscheduling returns it to draft", async () => {
    const live = await create({ status: "published" });
    const moved = await updateArticle(editor, live.id, { publishedAt: inAnHour().toISOString() });
    assert.equal(moved.status, "scheduled");
    assert.equal(await getArticlePage(live.id), null);

    const draft = await create({ status: "scheduled", publishedAt: inAnHour().toISOString() });
    const back = await updateArticle(editor, draft.id, { status: "unpublished" });
    assert.equal(back.status, "draft", "an article that was never seen goes back to draft, not 'unpublished'");
  });

  test("bringing a scheduled article's time to the past publishes it at once", async () => {
    const scheduled = await create({ status: "scheduled", publishedAt: inAnHour().toISOString() });
    const now = await updateArticle(editor, scheduled.id, { publishedAt: anHourAgo().toISOString() });
    assert.equal(now.status, "published");
    assert.notEqual(await getArticlePage(scheduled.id), null);
  });
});

describe("publishDueArticles", () => {
  test("publishes the due articles and leaves the future ones scheduled", async () => {
    const due = await f.article({
      status: "SCHEDULED",
      sectionId: section.id,
      authorIds: [author.id],
      publishedAt: new Date(Date.now() - 1_000),
    });
    const later = await f.article({
      status: "SCHEDULED",
      sectionId: section.id,
      authorIds: [author.id],
      publishedAt: inAnHour(),
    });
    const published = await publishDueArticles();
    assert.ok(published.includes(due.id), `the due article ${due.id} was not published (got ${published.join(", ")})`);
    assert.ok(!published.includes(later.id));
    assert.equal(await statusOf(due.id), "PUBLISHED");
    assert.equal(await statusOf(later.id), "SCHEDULED");
    assert.notEqual(await getArticlePage(due.id), null, "a published article is readable");
    assert.equal(await getArticlePage(later.id), null);
  });

  test("CONCURRENCY: four pollers at once publish each of 30 due articles exactly once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(
        (
          await f.article({
            status: "SCHEDULED",
            sectionId: section.id,
            authorIds: [author.id],
            publishedAt: new Date(Date.now() - 60_000 + i),
          })
        ).id,
      );
    }
    // Each call runs in its own transaction on its own pooled connection: four processes' worth of competition.
    const rounds: number[][] = [];
    for (let round = 0; round < 3; round++)
      rounds.push(...(await Promise.all([1, 2, 3, 4].map(() => publishDueArticles()))));
    const mine = rounds.flat().filter((id) => ids.includes(id));
    assert.equal(
      mine.length,
      ids.length,
      `published ${mine.length} times for ${ids.length} articles: ${JSON.stringify(rounds)}`,
    );
    assert.deepEqual(
      [...new Set(mine)].sort((a, b) => a - b),
      [...ids].sort((a, b) => a - b),
    );
    const statuses = await db().article.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true });
    assert.deepEqual(
      statuses.map((s) => [s.status, s._count]),
      [["PUBLISHED", 30]],
    );
  });

  test("TWO PROCESSES: the schedulers of two servers on one database publish each of 200 articles exactly once", async (t) => {
    // Two real Node processes running the scheduler exactly as instrumentation.ts starts it in each server, polling
    // every 5 ms so that they compete for the same rows when the articles fall due together.
    const child = (name: string) => {
      const code = `
        const { startScheduler } = await import("./lib/articles/scheduler.ts");
        startScheduler({ everyMs: 5, log: (line) => console.log(line) });
        console.log("ready");
        setInterval(() => {}, 60_000);`;
      const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
        env: { ...process.env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const published: number[] = [];
      let ready!: () => void;
      const started = new Promise<void>((resolve) => (ready = resolve));
      // Line by line: a chunk of output may end in the middle of a line.
      createInterface({ input: proc.stdout! }).on("line", (line) => {
        if (line === "ready") ready();
        const m = /^Published on schedule: articles? ([\d, ]+)\./.exec(line);
        if (m) published.push(...m[1]!.split(", ").map(Number));
      });
      return { name, proc, published, started };
    };
    const procs = [child("A"), child("B")];
    const stop = async (p: ChildProcess) => {
      if (p.exitCode !== null) return;
      p.kill("SIGTERM");
      await once(p, "exit");
    };
    try {
      await Promise.all(procs.map((p) => p.started));
      const due = new Date(Date.now() + 1_500);
      const ids: number[] = [];
      const rows = Array.from({ length: 200 }, (_, i) => ({
        slug: `two-process-${f.suffix}-${i}`,
        headline: `Two processes ${i}`,
        status: "SCHEDULED" as const,
        sectionId: section.id,
        body: { type: "doc", content: [{ type: "paragraph" }] },
        publishedAt: due,
      }));
      for (const created of await db().article.createManyAndReturn({ data: rows, select: { id: true } })) {
        ids.push(created.id);
        f.track("articles", created.id);
      }
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const left = await db().article.count({ where: { id: { in: ids }, status: "SCHEDULED" } });
        if (left === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Any second claim would show within a few more polls.
      await new Promise((r) => setTimeout(r, 300));
      const [a, b] = procs.map((p) => p.published.filter((id) => ids.includes(id)));
      t.diagnostic(`process A published ${a!.length}, process B ${b!.length}`);
      assert.deepEqual(
        [...a!, ...b!].sort((x, y) => x - y),
        [...ids].sort((x, y) => x - y),
        "every article published once, by one of the two processes",
      );
      const audits = await db().auditEvent.groupBy({
        by: ["subjectId"],
        where: { action: "article_publish_scheduled", subjectType: "article", subjectId: { in: ids } },
        _count: true,
      });
      assert.equal(audits.length, ids.length);
      assert.ok(
        audits.every((row) => row._count === 1),
        "one audit row per article",
      );
    } finally {
      await Promise.all(procs.map((p) => stop(p.proc)));
    }
  });
});
