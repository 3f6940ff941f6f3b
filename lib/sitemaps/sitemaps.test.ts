import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { readPublication } from "../settings/publication";
import { Factory } from "../testing/factories";
import {
  loadArticleSitemap,
  loadAuthorsSitemap,
  loadNewsSitemap,
  loadSectionsSitemap,
  loadSitemapIndex,
  loadTagsSitemap,
  parseSitemapName,
  sitemapFileName,
} from "./sitemaps";
import { renderNewsSitemap, renderUrlSet } from "./xml";

/**
 * What a search engine reads in the sitemaps: published articles only, at their canonical URLs, with their hero
 * images; the news sitemap's 48-hour window and 1,000 cap, on a fixed clock far from any seeded data.
 */

const f = new Factory();
const HOUR = 3_600_000;
// A clock years away from real data, so the demo seed or other tests cannot fall into the window.
const NOW = new Date(Date.UTC(2031, 5, 15, 12, 0, 0));
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR);
let timeZone = "UTC";

const made = {} as Record<"section" | "author" | "lonelyAuthor" | "tag" | "lonelyTag", { id: number; slug: string }> &
  Record<
    "published" | "in47" | "out49" | "draft" | "unpublished" | "takenDown",
    { id: number; slug: string; publishedAt: Date | null; headline: string }
  >;

before(async () => {
  await f.ensurePublication();
  timeZone = (await readPublication()).timeZone;
  made.section = await f.section();
  made.author = await f.author();
  made.lonelyAuthor = await f.author();
  made.tag = await f.tag();
  made.lonelyTag = await f.tag();
  const hero = await f.media({ storageKey: `2031/06/${f.suffix}heroimagekey01.jpg` });
  const base = { sectionId: made.section.id, authorIds: [made.author.id], tagIds: [made.tag.id] };
  made.published = await f.article({
    ...base,
    headline: "Bridge & tunnel <plans> approved",
    publishedAt: new Date(Date.UTC(2031, 4, 10, 9)),
    heroMediaId: hero.id,
  });
  made.in47 = await f.article({
    ...base,
    headline: "Published 47 hours ago",
    publishedAt: hoursAgo(47),
    heroMediaId: hero.id,
  });
  made.out49 = await f.article({ ...base, headline: "Published 49 hours ago", publishedAt: hoursAgo(49) });
  const hidden = { sectionId: made.section.id, authorIds: [made.lonelyAuthor.id], tagIds: [made.lonelyTag.id] };
  made.draft = await f.article({ ...hidden, status: "DRAFT", headline: "Secret draft", publishedAt: hoursAgo(2) });
  made.unpublished = await f.article({
    ...hidden,
    status: "UNPUBLISHED",
    headline: "Withdrawn story",
    publishedAt: hoursAgo(3),
  });
  made.takenDown = await f.article({
    ...hidden,
    status: "TAKEN_DOWN",
    headline: "Removed story",
    publishedAt: hoursAgo(4),
  });
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

/** SITE_URL's default (the test runner sets none). Dates are UTC, the factory publication's time zone. */
const SITE = "http://localhost:3000";
const urls = () => ({
  published: `${SITE}/2031/05/10/${made.published.slug}-a${made.published.id}`,
  in47: `${SITE}/2031/06/13/${made.in47.slug}-a${made.in47.id}`,
  out49: `${SITE}/2031/06/13/${made.out49.slug}-a${made.out49.id}`,
});

describe("sitemap names", () => {
  test("round-trip and refuse anything else", () => {
    assert.deepEqual(parseSitemapName("articles-2031-06.xml"), { kind: "articles", month: "2031-06", part: 1 });
    assert.deepEqual(parseSitemapName("articles-2031-06-2.xml"), { kind: "articles", month: "2031-06", part: 2 });
    assert.equal(sitemapFileName({ kind: "articles", month: "2031-06", part: 3 }), "articles-2031-06-3.xml");
    for (const bad of [
      "articles-2031-13.xml",
      "articles-2031-06-1.xml",
      "articles-2031-06-0.xml",
      "articles.xml",
      "../x.xml",
      "tags.XML",
      "sections",
    ]) {
      assert.equal(parseSitemapName(bad), null, bad);
    }
  });
});

describe("article sitemaps", () => {
  test("a month lists its published articles at canonical URLs with lastmod and hero image, nothing else", async () => {
    const june = (await loadArticleSitemap("2031-06", 1, timeZone)) ?? [];
    const locs = june.map((e) => e.loc);
    assert.ok(locs.includes(urls().in47));
    assert.ok(locs.includes(urls().out49));
    for (const hidden of [made.draft, made.unpublished, made.takenDown]) {
      assert.ok(!locs.some((l) => l.endsWith(`-a${hidden.id}`)), `${hidden.headline} must not be listed`);
    }
    const entry = june.find((e) => e.loc === urls().in47)!;
    assert.deepEqual(entry.images, [{ loc: `${SITE}/media/2031/06/${f.suffix}heroimagekey01.jpg` }]);
    assert.ok(entry.lastmod && entry.lastmod >= made.in47.publishedAt!);

    const may = (await loadArticleSitemap("2031-05", 1, timeZone)) ?? [];
    assert.ok(may.some((e) => e.loc === urls().published));
    assert.ok(!may.some((e) => e.loc === urls().in47), "articles are filed under their month of first publication");
    assert.equal(await loadArticleSitemap("2031-05", 2, timeZone), null, "no second part for a small month");
  });

  test("the index lists each month with the newest change among its articles", async () => {
    const index = await loadSitemapIndex(timeZone);
    const june = index.find((s) => s.loc === `${SITE}/sitemaps/articles-2031-06.xml`);
    assert.ok(june, "June 2031 is listed");
    const rows = await db().article.findMany({
      where: {
        status: "PUBLISHED",
        publishedAt: { gte: new Date(Date.UTC(2031, 5, 1)), lt: new Date(Date.UTC(2031, 6, 1)) },
      },
      select: { publishedAt: true, contentUpdatedAt: true, updatedAt: true },
    });
    const newest = Math.max(
      ...rows.flatMap((r) =>
        [r.publishedAt, r.contentUpdatedAt, r.updatedAt].filter((d): d is Date => !!d).map((d) => d.getTime()),
      ),
    );
    if (timeZone === "UTC") assert.equal(june.lastmod?.getTime(), newest);
    for (const name of ["sections.xml", "authors.xml", "tags.xml"])
      assert.ok(
        index.some((s) => s.loc === `${SITE}/sitemaps/${name}`),
        name,
      );
  });

  test("months are the publication's months: a story at 23:30 UTC on 31 August is September's in London", async () => {
    const late = await f.article({
      sectionId: made.section.id,
      authorIds: [made.author.id],
      publishedAt: new Date(Date.UTC(2032, 7, 31, 23, 30)),
    });
    const path = (tz: string, month: string) =>
      loadArticleSitemap(month, 1, tz).then((e) => (e ?? []).some((x) => x.loc.endsWith(`-a${late.id}`)));
    assert.equal(await path("Europe/London", "2032-09"), true);
    assert.equal(await path("Europe/London", "2032-08"), false);
    assert.equal(await path("UTC", "2032-08"), true);
    const months = async (tz: string) =>
      (await loadSitemapIndex(tz)).map((s) => s.loc).filter((l) => /articles-2032-0[89]/.test(l));
    assert.deepEqual(await months("Europe/London"), [`${SITE}/sitemaps/articles-2032-09.xml`]);
    assert.deepEqual(await months("UTC"), [`${SITE}/sitemaps/articles-2032-08.xml`]);
  });

  test("rendered XML escapes headlines and declares the image namespace", () => {
    const xml = renderUrlSet([
      { loc: "https://example.test/a?x=1&y=2", lastmod: NOW, images: [{ loc: "https://example.test/media/k.jpg" }] },
    ]);
    assert.match(xml, /<loc>https:\/\/example.test\/a\?x=1&amp;y=2<\/loc>/);
    assert.match(xml, /xmlns:image="http:\/\/www.google.com\/schemas\/sitemap-image\/1.1"/);
    assert.match(xml, /<lastmod>2031-06-15T12:00:00.000Z<\/lastmod>/);
  });
});

describe("section, author and tag sitemaps", () => {
  test("authors and tags appear only with a published article", async () => {
    const authors = (await loadAuthorsSitemap()).map((e) => e.loc);
    assert.ok(authors.includes(`${SITE}/authors/${made.author.slug}`));
    assert.ok(
      !authors.includes(`${SITE}/authors/${made.lonelyAuthor.slug}`),
      "an author with only hidden articles is left out",
    );
    const tagLocs = (await loadTagsSitemap()).map((e) => e.loc);
    assert.ok(tagLocs.includes(`${SITE}/tags/${made.tag.slug}`));
    assert.ok(!tagLocs.includes(`${SITE}/tags/${made.lonelyTag.slug}`));
  });

  test("a front's lastmod is the newest change among the twenty stories its page shows, not its whole archive", async () => {
    const writer = await f.author();
    const topic = await f.tag();
    const base = { sectionId: made.section.id, authorIds: [writer.id], tagIds: [topic.id] };
    // 21 stories a day apart; the oldest, off the first page, is corrected much later than any other changed.
    const stories = [];
    for (let i = 0; i < 21; i++)
      stories.push(await f.article({ ...base, publishedAt: new Date(Date.UTC(2030, 0, 1 + i, 9)) }));
    const newest = stories[20]!;
    await db().article.update({
      where: { id: stories[0]!.id },
      data: { contentUpdatedAt: new Date(Date.UTC(2030, 5, 1)) },
    });
    const lastmodOf = (entries: { loc: string; lastmod: Date | null }[], path: string) =>
      entries.find((e) => e.loc === `${SITE}${path}`)?.lastmod?.getTime();
    const newestChange = Math.max(
      ...(await db().article.findMany({ where: { id: { in: stories.slice(1).map((s) => s.id) } } })).map((a) =>
        Math.max(a.publishedAt!.getTime(), a.updatedAt.getTime(), a.contentUpdatedAt?.getTime() ?? 0),
      ),
    );
    assert.ok(newestChange >= newest.publishedAt!.getTime());
    const authorLastmod = lastmodOf(await loadAuthorsSitemap(), `/authors/${writer.slug}`);
    assert.ok(authorLastmod !== undefined, "the writer is listed");
    assert.equal(
      authorLastmod,
      Math.max(newestChange, (await db().author.findUniqueOrThrow({ where: { id: writer.id } })).updatedAt.getTime()),
    );
    assert.equal(lastmodOf(await loadTagsSitemap(), `/tags/${topic.slug}`), newestChange);
    assert.notEqual(authorLastmod, Date.UTC(2030, 5, 1), "the correction of a story off the page does not count");
  });

  test("sections list the home page and every section front", async () => {
    const sections = await loadSectionsSitemap();
    assert.equal(sections[0]!.loc, `${SITE}/`);
    const mine = sections.find((e) => e.loc === `${SITE}/${made.section.slug}`);
    assert.ok(mine);
    assert.ok(mine.lastmod && mine.lastmod >= made.in47.publishedAt!);
  });

  test("a pinned story is on its front whatever its age: pinning it moves the front's lastmod, an expired pin no longer counts", async () => {
    const old = await f.article({
      sectionId: made.section.id,
      authorIds: [made.author.id],
      publishedAt: new Date(Date.UTC(2001, 0, 1, 9)),
    });
    const front = async (path: string) =>
      (await loadSectionsSitemap(NOW)).find((e) => e.loc === `${SITE}${path}`)?.lastmod?.getTime() ?? 0;
    const before = { home: await front("/"), section: await front(`/${made.section.slug}`) };
    const later = Math.max(before.home, before.section) + 60_000;
    // Pinned (as lib/fronts/curation.ts writes a pin) a minute after anything else on either front changed.
    await db().frontPin.createMany({
      data: [
        { sectionId: null, slot: 0, articleId: old.id, createdAt: new Date(later) },
        { sectionId: made.section.id as number, slot: 0, articleId: old.id, createdAt: new Date(later) },
      ],
    });
    try {
      assert.equal(await front("/"), later);
      assert.equal(await front(`/${made.section.slug}`), later);
      // An expired pin is off the page again.
      await db().frontPin.updateMany({
        where: { articleId: old.id },
        data: { expiresAt: new Date(NOW.getTime() - 1) },
      });
      assert.equal(await front(`/${made.section.slug}`), before.section);
    } finally {
      await db().frontPin.deleteMany({ where: { articleId: old.id } });
    }
  });
});

describe("Google News sitemap", () => {
  test("47 hours ago is in, 49 hours ago is out; drafts, unpublished and taken-down never", async () => {
    const news = await loadNewsSitemap(NOW, timeZone);
    const locs = news.map((e) => e.loc);
    assert.ok(locs.includes(urls().in47), "published 47 h before now");
    assert.ok(!locs.includes(urls().out49), "published 49 h before now");
    for (const hidden of [made.draft, made.unpublished, made.takenDown])
      assert.ok(!locs.some((l) => l.endsWith(`-a${hidden.id}`)), hidden.headline);
    const entry = news.find((e) => e.loc === urls().in47)!;
    assert.equal(entry.title, "Published 47 hours ago");
    assert.equal(entry.publishedAt.getTime(), made.in47.publishedAt!.getTime());
    assert.equal(entry.images?.length, 1);
    // An hour later the 47-hour article has aged out too.
    assert.ok(
      !(await loadNewsSitemap(new Date(NOW.getTime() + 2 * HOUR), timeZone)).some((e) => e.loc === urls().in47),
    );
  });

  test("XML carries publication name and language, ISO date with zone, escaped title", async () => {
    const xml = renderNewsSitemap({ name: "The Test & Chronicle", language: "en" }, [
      { id: 1, loc: "https://example.test/x", title: "Bridge & tunnel <plans>", publishedAt: hoursAgo(1) },
    ]);
    assert.match(xml, /xmlns:news="http:\/\/www.google.com\/schemas\/sitemap-news\/0.9"/);
    assert.match(xml, /<news:name>The Test &amp; Chronicle<\/news:name><news:language>en<\/news:language>/);
    assert.match(xml, /<news:publication_date>2031-06-15T11:00:00.000Z<\/news:publication_date>/);
    assert.match(xml, /<news:title>Bridge &amp; tunnel &lt;plans&gt;<\/news:title>/);
  });

  test("at most 1,000, newest first: the 1,001st is out", async () => {
    const bulk = await f.section();
    const slugBase = `bulk-${f.suffix}`;
    // 1,001 articles one minute apart, all inside the window (newest 5 minutes before now).
    await db().article.createMany({
      data: Array.from({ length: 1001 }, (_, i) => ({
        slug: `${slugBase}-${i}`,
        headline: `Bulk ${i}`,
        status: "PUBLISHED" as const,
        sectionId: bulk.id,
        body: { type: "doc", content: [] },
        publishedAt: new Date(NOW.getTime() - 5 * 60_000 - i * 60_000),
      })),
    });
    try {
      const news = await loadNewsSitemap(NOW, timeZone);
      assert.equal(news.length, 1000);
      const times = news.map((e) => e.publishedAt.getTime());
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        "newest first",
      );
      assert.ok(news.some((e) => e.title === "Bulk 0"));
      assert.ok(news.some((e) => e.title === "Bulk 999"));
      assert.ok(!news.some((e) => e.title === "Bulk 1000"), "the 1,001st newest is left out");
    } finally {
      await db().article.deleteMany({ where: { sectionId: bulk.id } });
    }
  });
});
