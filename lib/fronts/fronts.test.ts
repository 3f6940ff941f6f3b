import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { listFrontPins, pinArticle, unpinSlot } from "./curation";
import { HOME_FEATURED, loadHomeFront, loadSectionFeature } from "./home";
import { MOST_READ_COUNT, mostReadIds, recordViews } from "./most-read";
import { ViewCounter, ENTRY_BYTES } from "./view-counter";
import { runCollecting, type Dependencies } from "../publishing/dependencies";

/**
 * The fronts against a real database: composition (pins first, newest in the other slots, expiry, no story in two
 * tiers), curation rules and audit rows, and most-read counting and flushing. Every article here is dated in the
 * future (year 2100) so that whatever else the database holds, these are the newest stories on the home page.
 */

const f = new Factory();
const at = (n: number) => new Date(Date.UTC(2100, 0, 1, 12, n));
let editor: Actor;
let sectionA: { id: number; slug: string };
let sectionB: { id: number; slug: string };
const ids: number[] = [];
let draftId = 0;
let opinionIds: number[] = [];

let sqlCount = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- restored later, and applied with the client as `this`
const originalQuery = pg.Client.prototype.query;

before(async () => {
  await f.ensurePublication();
  const user = await f.user({ role: "EDITOR" });
  editor = { id: user.id, email: user.email, name: user.name, role: "EDITOR" };
  sectionA = await f.section({ position: -2 });
  sectionB = await f.section({ position: -1 });
  const author = await f.author();
  // 30 stories, newest last (ids[29] is the newest); alternating sections.
  for (let i = 0; i < 30; i++) {
    const row = await f.article({
      sectionId: i % 2 ? sectionB.id : sectionA.id,
      authorIds: [author.id],
      publishedAt: at(i),
      headline: `Front story ${i} ${f.suffix}`,
    });
    ids.push(row.id);
  }
  draftId = (await f.article({ sectionId: sectionA.id, status: "UNPUBLISHED", publishedAt: at(100) })).id;
  opinionIds = [];
  for (let i = 0; i < 2; i++) {
    const row = await f.article({ sectionId: sectionA.id, type: "OPINION", publishedAt: at(-10 + i) });
    opinionIds.push(row.id);
  }
});

beforeEach(async () => {
  await db().frontPin.deleteMany({});
  await db().articleViewCount.deleteMany({});
});

after(async () => {
  pg.Client.prototype.query = originalQuery;
  await db().frontPin.deleteMany({});
  await db().articleViewCount.deleteMany({});
  await db().auditEvent.deleteMany({ where: { actorId: editor.id } });
  await f.cleanup();
  await disconnectDb();
});

const home = () => loadHomeFront("UTC");
const newest = (n: number) => ids.slice(-n).reverse();
const allShown = (h: Awaited<ReturnType<typeof loadHomeFront>>) => [
  ...(h.lead ? [h.lead.id] : []),
  ...h.featured.map((c) => c.id),
  ...h.latest.map((c) => c.id),
  ...h.opinion.map((c) => c.id),
  ...h.sections.flatMap((s) => [s.lead.id, ...s.list.map((c) => c.id)]),
];

describe("home page composition", () => {
  test("without pins: the newest story leads, the next ones fill the featured tier, nothing appears twice", async () => {
    const h = await home();
    assert.equal(h.lead?.id, newest(1)[0]);
    assert.deepEqual(
      h.featured.map((c) => c.id),
      newest(1 + HOME_FEATURED).slice(1),
    );
    const shown = allShown(h);
    assert.equal(new Set(shown).size, shown.length, "no story in two tiers");
    assert.ok(!shown.includes(draftId), "an unpublished story is never shown");
    assert.deepEqual(
      h.opinion.slice(0, 2).map((c) => c.id),
      [...opinionIds].reverse(),
      "opinion pieces fill the rail, newest first",
    );
    const a = h.sections.find((s) => s.slug === sectionA.slug);
    assert.ok(a, "a section with stories has a block");
    assert.ok(a.list.length > 0 && a.list.length <= 3);
  });

  test("pins come first in their slots; unpinned slots fall back to the newest not already shown", async () => {
    const oldLead = ids[3]!;
    const oldFeatured = ids[5]!;
    await pinArticle(editor, { section: null }, { slot: 0, articleId: oldLead, expiresAt: null });
    await pinArticle(editor, { section: null }, { slot: 2, articleId: oldFeatured, expiresAt: null });
    const h = await home();
    assert.equal(h.lead?.id, oldLead);
    const [n1, n2, n3] = newest(3);
    assert.deepEqual(
      h.featured.map((c) => c.id),
      [n1, oldFeatured, n2, n3],
      "slot 2 holds the pin; slots 1, 3 and 4 the newest stories",
    );
    const shown = allShown(h);
    assert.equal(new Set(shown).size, shown.length, "a pinned story is not repeated in the lists below");
  });

  test("a pin of an article that is no longer public, or past its expiry, is ignored", async () => {
    const now = new Date();
    await pinArticle(
      editor,
      { section: null },
      { slot: 0, articleId: ids[1]!, expiresAt: new Date(now.getTime() + 60_000) },
    );
    await pinArticle(editor, { section: null }, { slot: 1, articleId: ids[2]!, expiresAt: null });
    await db().article.update({ where: { id: ids[2]! }, data: { status: "TAKEN_DOWN" } });
    try {
      const live = await loadHomeFront("UTC", now);
      assert.equal(live.lead?.id, ids[1], "before its expiry the pin leads");
      assert.ok(!allShown(live).includes(ids[2]!), "a taken-down pinned story is not shown");
      assert.equal(live.featured[0]?.id, newest(1)[0], "its slot falls back to the newest story");
      const later = await loadHomeFront("UTC", new Date(now.getTime() + 61_000));
      assert.equal(later.lead?.id, newest(1)[0], "after its expiry the newest story leads again");
      const pins = await listFrontPins(editor, { section: null });
      assert.match(pins.pins.find((p) => p.slot === 1)!.ignored ?? "", /taken down/);
    } finally {
      await db().article.update({ where: { id: ids[2]! }, data: { status: "PUBLISHED" } });
    }
  });

  test("the earliest expiry bounds how long the cached front stays fresh", async () => {
    const now = new Date();
    await pinArticle(
      editor,
      { section: null },
      { slot: 0, articleId: ids[1]!, expiresAt: new Date(now.getTime() + 90_000) },
    );
    const deps: Dependencies = { tags: new Set(), freshFor: 1800 };
    let done: Promise<unknown> = Promise.resolve();
    runCollecting(deps, () => {
      done = loadHomeFront("UTC", now);
    });
    await done;
    assert.ok(deps.freshFor <= 90 && deps.freshFor >= 89, `fresh for ${deps.freshFor} s`);
    for (const tag of ["list:front", "list:latest", "list:most-read", `article:${ids[1]}`]) {
      assert.ok(deps.tags.has(tag), `declares ${tag}`);
    }
  });

  test("a section lead pin leads the section's block and its front", async () => {
    await pinArticle(editor, { section: sectionB.slug }, { slot: 0, articleId: ids[1]!, expiresAt: null });
    const h = await home();
    assert.equal(h.sections.find((s) => s.slug === sectionB.slug)?.lead.id, ids[1]);
    assert.equal((await loadSectionFeature(sectionB.slug, "UTC"))?.id, ids[1]);
    assert.equal(await loadSectionFeature(sectionA.slug, "UTC"), null);
  });

  test("loads in two SQL queries (with the most-read ranking in memory, as the last flush left it)", async () => {
    await pinArticle(editor, { section: null }, { slot: 0, articleId: ids[4]!, expiresAt: null });
    await mostReadIds();
    sqlCount = 0;
    (pg.Client.prototype as { query: unknown }).query = function counted(this: pg.Client, ...args: unknown[]) {
      sqlCount += 1;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      await home();
    } finally {
      pg.Client.prototype.query = originalQuery;
    }
    assert.ok(sqlCount >= 1 && sqlCount <= 2, `home page data took ${sqlCount} SQL queries; the budget is 2`);
  });
});

describe("curation rules", () => {
  const expectStatus = async (promise: Promise<unknown>, status: number) => {
    await assert.rejects(promise, (e: unknown) => e instanceof DomainError && e.status === status);
  };

  test("refuses what cannot be pinned, with a status that says why", async () => {
    const home = { section: null };
    await expectStatus(pinArticle(editor, home, { slot: 5, articleId: ids[0]!, expiresAt: null }), 422);
    await expectStatus(pinArticle(editor, home, { slot: 0, articleId: draftId, expiresAt: null }), 422);
    await expectStatus(pinArticle(editor, home, { slot: 0, articleId: 2_000_000_000, expiresAt: null }), 404);
    await expectStatus(
      pinArticle(editor, home, { slot: 0, articleId: ids[0]!, expiresAt: new Date(Date.now() - 1000) }),
      422,
    );
    await expectStatus(
      pinArticle(editor, { section: sectionA.slug }, { slot: 1, articleId: ids[0]!, expiresAt: null }),
      422,
    );
    // ids[1] is in section B.
    await expectStatus(
      pinArticle(editor, { section: sectionA.slug }, { slot: 0, articleId: ids[1]!, expiresAt: null }),
      422,
    );
    await expectStatus(
      pinArticle(editor, { section: "no-such-section" }, { slot: 0, articleId: ids[0]!, expiresAt: null }),
      404,
    );
    await expectStatus(pinArticle(null, home, { slot: 0, articleId: ids[0]!, expiresAt: null }), 401);
    await expectStatus(unpinSlot(editor, home, 3), 404);
    assert.equal(await db().frontPin.count(), 0, "nothing was written");
  });

  test("an article moves between slots instead of being pinned twice; pins and unpins are audited", async () => {
    const home = { section: null };
    await pinArticle(editor, home, { slot: 1, articleId: ids[0]!, expiresAt: null });
    await pinArticle(editor, home, { slot: 3, articleId: ids[0]!, expiresAt: null });
    const pins = await listFrontPins(editor, home);
    assert.deepEqual(
      pins.pins.map((p) => [p.slot, p.articleId]),
      [[3, ids[0]]],
    );
    await unpinSlot(editor, home, 3);
    assert.equal(await db().frontPin.count(), 0);
    const events = await db().auditEvent.findMany({
      where: { actorId: editor.id, subjectId: ids[0]! },
      orderBy: { id: "asc" },
      select: { action: true, detail: true },
    });
    assert.deepEqual(
      events.map((e) => [e.action, (e.detail as { slot: string }).slot]),
      [
        ["front_pin", "Featured 1"],
        ["front_unpin", "Featured 1"],
        ["front_pin", "Featured 3"],
        ["front_unpin", "Featured 3"],
      ],
    );
  });
});

describe("most read", () => {
  test("flushed counts add up per hour; the top stories rank by views over 48 hours; a changed ranking is reported", async () => {
    const now = new Date();
    const first = await recordViews(
      [
        [ids[0]!, 5],
        [ids[1]!, 9],
        [draftId, 1000],
      ],
      now,
    );
    assert.deepEqual(first.ranking.slice(0, 2), [ids[1], ids[0]], "an unpublished story is never counted");
    assert.equal(first.changed, true);
    // A second instance's flush of the same hour adds up.
    const second = await recordViews([[ids[0]!, 7]], now);
    assert.deepEqual(second.ranking.slice(0, 2), [ids[0], ids[1]]);
    assert.equal(second.changed, true);
    const rows = await db().articleViewCount.findMany({ where: { articleId: ids[0]! } });
    assert.deepEqual(
      rows.map((r) => r.views),
      [12],
      "one row per article and hour",
    );
    const same = await recordViews([[ids[0]!, 1]], now);
    assert.equal(same.changed, false, "more views that do not change the order purge nothing");
    // Views older than the window do not count (a bucket from 49 hours ago, then a flush with nothing new).
    const old = new Date(Math.floor((now.getTime() - 49 * 3600_000) / 3600_000) * 3600_000);
    await db().articleViewCount.create({ data: { hour: old, articleId: ids[2]!, views: 10_000 } });
    assert.equal((await recordViews([], now)).changed, false);
    const h = await loadHomeFront("UTC", now);
    assert.deepEqual(
      h.mostRead.map((c) => c.id),
      [ids[0], ids[1]],
    );
    assert.ok(h.mostRead.length <= MOST_READ_COUNT);
  });

  test("a flush survives an article deleted while it runs: the other counts are kept", async () => {
    const doomed = await f.article({ sectionId: sectionA.id, publishedAt: at(50) });
    // The deletion holds the row until it commits, so the flush's join has already seen the article when its
    // foreign key check finds it gone: the moment a newsroom deletes a story a reader just read.
    const deleter = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query('DELETE FROM "Article" WHERE id = $1', [doomed.id]);
      const flush = recordViews(
        [
          [doomed.id, 3],
          [ids[5]!, 4],
        ],
        new Date(),
      );
      await new Promise((r) => setTimeout(r, 300));
      await deleter.query("COMMIT");
      await flush;
    } finally {
      await deleter.end();
    }
    const rows = await db().articleViewCount.findMany({ where: { articleId: { in: [doomed.id, ids[5]!] } } });
    assert.deepEqual(
      rows.map((r) => [r.articleId, r.views]),
      [[ids[5], 4]],
    );
  });

  test("the front's counter counts canonical article paths only, and is bounded by bytes", () => {
    const counter = new ViewCounter(ENTRY_BYTES * 2);
    assert.equal(counter.hit("/2026/11/28/some-story-a12"), "counted");
    assert.equal(counter.hit("/2026/11/28/some-story-a12"), "counted");
    assert.equal(counter.hit("/news"), "ignored");
    assert.equal(counter.hit("/2026/11/28/some-story-a12?x=1"), "ignored");
    assert.equal(counter.hit("/2026/11/28/other-a13"), "full");
    assert.equal(counter.hit("/2026/11/28/third-a14"), "full", "a new id past the bound is dropped");
    assert.equal(counter.dropped, 1);
    assert.ok(counter.bytes <= ENTRY_BYTES * 2);
    assert.deepEqual(counter.drain(), [
      [12, 2],
      [13, 1],
    ]);
    assert.deepEqual(counter.drain(), []);
  });
});
