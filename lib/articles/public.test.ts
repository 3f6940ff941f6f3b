import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import pg from "pg";
import { ArticleBody } from "../../components/site/ArticleBody";
import { db, disconnectDb } from "../db";
import type { ArticleDocument } from "../documents/schema";
import { readPublication } from "../settings/publication";
import { Factory } from "../testing/factories";
import { loadArticlePage } from "./public";
import { forgetArticleRoute } from "../routing/article-routes";
import { resolveArticleRequest } from "./routing";

/**
 * Counts SQL statements as they reach PostgreSQL: every query Prisma's pg adapter sends goes through
 * pg.Client#query, so patching it sees what the database sees (including any extra round trips Prisma adds).
 */
let sqlCount = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- restored later, and applied with the client as `this`
const originalQuery = pg.Client.prototype.query;
function startCounting(): void {
  sqlCount = 0;
  (pg.Client.prototype as { query: unknown }).query = function countedQuery(this: pg.Client, ...args: unknown[]) {
    sqlCount += 1;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  };
}
function stopCounting(): number {
  pg.Client.prototype.query = originalQuery;
  return sqlCount;
}

const f = new Factory();
const days = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 12));
const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });
const callout = (articleId: number) => ({
  type: "relatedArticle" as const,
  attrs: { articleId, headline: "hint typed in the editor" },
});

let timeZone = "UTC";
const ids = {} as Record<
  | "main"
  | "pickOld"
  | "pickNew"
  | "pickDraft"
  | "tagOld"
  | "tagNew"
  | "sameSection"
  | "sameSectionUnpublished"
  | "target"
  | "draftTarget"
  | "otherTag",
  number
>;

before(async () => {
  await f.ensurePublication();
  timeZone = (await readPublication()).timeZone;
  const home = await f.section();
  const elsewhere = await f.section();
  const author = await f.author({ name: "Ada Reporter" });
  const coAuthor = await f.author({ name: "Ben Second" });
  const shared = await f.tag();
  const unrelated = await f.tag();
  const media = await f.media({ caption: "Library caption", credit: "Pixabay" });
  const at = (over: Parameters<Factory["article"]>[0]) => f.article({ authorIds: [author.id], ...over });

  // Tier 1: editor picks, deliberately older than everything else so order can only come from position.
  ids.pickOld = (await at({ sectionId: elsewhere.id, publishedAt: days(1), headline: "Pick published long ago" })).id;
  ids.pickNew = (await at({ sectionId: elsewhere.id, publishedAt: days(2) })).id;
  ids.pickDraft = (await at({ sectionId: elsewhere.id, status: "DRAFT" })).id;
  // Tier 2: share a tag (in another section, so they cannot come from tier 3).
  ids.tagOld = (await at({ sectionId: elsewhere.id, tagIds: [shared.id], publishedAt: days(10) })).id;
  ids.tagNew = (await at({ sectionId: elsewhere.id, tagIds: [shared.id], publishedAt: days(11) })).id;
  ids.otherTag = (await at({ sectionId: elsewhere.id, tagIds: [unrelated.id], publishedAt: days(30) })).id;
  // Tier 3: same section.
  ids.sameSection = (await at({ sectionId: home.id, publishedAt: days(5) })).id;
  ids.sameSectionUnpublished = (await at({ sectionId: home.id, status: "UNPUBLISHED", publishedAt: days(25) })).id;
  // Callout targets.
  ids.target = (await at({ sectionId: elsewhere.id, headline: "Original headline", publishedAt: days(3) })).id;
  ids.draftTarget = (await at({ sectionId: elsewhere.id, status: "DRAFT", headline: "Secret draft headline" })).id;

  const body: ArticleDocument = {
    type: "doc",
    content: [
      paragraph("First paragraph."),
      callout(ids.target),
      callout(ids.draftTarget),
      {
        type: "figure",
        attrs: {
          mediaId: media.id,
          src: "",
          width: 0,
          height: 0,
          alt: "A figure",
          caption: "Figure caption",
          credit: "Reuters",
        },
      },
    ],
  };
  const main = await f.article({
    sectionId: home.id,
    authorIds: [coAuthor.id, author.id],
    tagIds: [shared.id],
    relatedIds: [ids.pickNew, ids.pickDraft, ids.pickOld],
    heroMediaId: media.id,
    heroCredit: "Photo desk",
    publishedAt: days(20),
    body,
  });
  ids.main = main.id;
  // The article itself as a pick, sharing its own tag and section: it must still never be listed.
  await db().articleRelated.create({ data: { articleId: main.id, relatedId: main.id, position: 99 } });
  // The target's headline changes after the callout was written: readers must see the new one.
  await db().article.update({ where: { id: ids.target }, data: { headline: "Current headline" } });
});

after(async () => {
  pg.Client.prototype.query = originalQuery;
  await f.cleanup();
  await disconnectDb();
});

describe("article page data", () => {
  test("loads in at most 3 SQL queries, settings included", async (t) => {
    startCounting();
    let page;
    try {
      const settings = await readPublication();
      page = await loadArticlePage(ids.main, settings.timeZone);
    } finally {
      const count = stopCounting();
      t.diagnostic(`article page data: ${count} SQL queries`);
      assert.ok(count <= 3, `article page data took ${count} SQL queries; the budget is 3`);
      assert.ok(count >= 2, `counted ${count} queries: the counter is not seeing the database`);
    }
    assert.ok(page);
    assert.equal(page.id, ids.main);
    assert.ok(
      page.related.length > 0 && page.hero && page.authors.length === 2,
      "the counted load returned the full page",
    );
  });

  test("authors keep byline order and link to their pages; hero uses the article's credit over the library's", async () => {
    const page = await loadArticlePage(ids.main, timeZone);
    assert.ok(page);
    assert.deepEqual(
      page.authors.map((a) => a.name),
      ["Ben Second", "Ada Reporter"],
    );
    assert.ok(page.authors.every((a) => a.url === `/authors/${a.slug}`));
    assert.equal(page.hero?.caption, "Library caption");
    assert.equal(page.hero?.credit, "Photo desk");
    assert.match(page.hero?.image.src ?? "", /^\/media\/test\//);
  });

  test("unknown, draft and unpublished ids load nothing", async () => {
    assert.equal(await loadArticlePage(ids.pickDraft, timeZone), null);
    assert.equal(await loadArticlePage(ids.sameSectionUnpublished, timeZone), null);
    assert.equal(await loadArticlePage(2_000_000_000, timeZone), null);
  });
});

describe("related articles", () => {
  test("editor picks first in position order, then shared tags newest first, then the same section", async () => {
    const page = await loadArticlePage(ids.main, timeZone);
    assert.ok(page);
    assert.deepEqual(
      page.related.map((r) => r.id),
      [ids.pickNew, ids.pickOld, ids.tagNew, ids.tagOld, ids.sameSection],
    );
  });

  test("never the article itself, never an unpublished one, never an unrelated one", async () => {
    const page = await loadArticlePage(ids.main, timeZone);
    assert.ok(page);
    const shown = page.related.map((r) => r.id);
    for (const id of [ids.main, ids.pickDraft, ids.sameSectionUnpublished, ids.draftTarget, ids.otherTag]) {
      assert.ok(!shown.includes(id), `article ${id} must not be related`);
    }
  });

  test("links point at canonical URLs", async () => {
    const page = await loadArticlePage(ids.main, timeZone);
    assert.ok(page);
    const pick = await db().article.findUniqueOrThrow({ where: { id: ids.pickNew } });
    // days(2) is 3 January 2026, noon UTC (the factory publication's time zone).
    assert.equal(page.related[0]?.url, `/2026/01/03/${pick.slug}-a${pick.id}`);
  });
});

describe("automatic related articles are scored, not merely recent", () => {
  test("shared tags beat recency, same type beats another type, shared words count; callout targets never repeat", async () => {
    const section = await f.section();
    const elsewhere = await f.section();
    const [summit, russia] = [await f.tag(), await f.tag()];
    const on = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 15, 9));
    const made = async (over: Parameters<Factory["article"]>[0]) => (await f.article(over)).id;
    // The best candidate by every measure, but the body already points readers at it.
    const calloutTarget = await made({
      sectionId: section.id,
      tagIds: [summit.id, russia.id],
      publishedAt: on(2017, 6),
    });
    const twoTagsOld = await made({
      sectionId: elsewhere.id,
      tagIds: [summit.id, russia.id],
      publishedAt: on(2016, 1),
    });
    const oneTag = await made({ sectionId: elsewhere.id, tagIds: [summit.id], publishedAt: on(2018, 6) });
    const oneTagOpinion = await made({
      sectionId: elsewhere.id,
      tagIds: [summit.id],
      type: "OPINION",
      publishedAt: on(2018, 6),
    });
    const sharedWords = await made({
      sectionId: section.id,
      headline: "Putin and Trump to meet",
      publishedAt: on(2017, 7),
    });
    const newestInSection = await made({ sectionId: section.id, publishedAt: on(2026, 11) });
    const main = await made({
      sectionId: section.id,
      headline: "Trump and Putin meet in Helsinki",
      tagIds: [summit.id, russia.id],
      // An editor picked the callout target too: a pick the body already shows is not repeated either.
      relatedIds: [calloutTarget],
      publishedAt: on(2017, 6),
      body: { type: "doc", content: [paragraph("Intro."), callout(calloutTarget)] },
    });

    const page = await loadArticlePage(main, timeZone);
    assert.ok(page);
    const order = page.related.map((r) => r.id);
    const before = (a: number, b: number, why: string) =>
      assert.ok(order.indexOf(a) >= 0 && order.indexOf(a) < order.indexOf(b), `${why}: got ${order.join(", ")}`);
    assert.ok(page.callouts[calloutTarget], "the callout itself is shown in the body");
    assert.ok(!order.includes(calloutTarget), "a callout target is not listed again below the body");
    assert.ok(!order.includes(main), "never the article itself");
    assert.equal(order[0], twoTagsOld, "two shared tags from a year earlier come first");
    before(oneTag, newestInSection, "one shared tag beats the newest story of the same section");
    before(oneTag, oneTagOpinion, "the same type is preferred");
    before(sharedWords, newestInSection, "shared headline words beat plain recency");
    assert.ok(
      page.related.every((r) => r.url.startsWith("/")),
      "cards carry canonical paths",
    );
  });
});

describe("related-article callouts", () => {
  test("show the target's current headline and canonical URL; an unpublished target is left out", async () => {
    const page = await loadArticlePage(ids.main, timeZone);
    assert.ok(page);
    const target = await db().article.findUniqueOrThrow({ where: { id: ids.target } });
    const targetPath = `/2026/01/04/${target.slug}-a${target.id}`;
    assert.deepEqual(page.callouts[ids.target], { headline: "Current headline", url: targetPath });
    assert.equal(page.callouts[ids.draftTarget], undefined);

    const html = renderToStaticMarkup(
      createElement(ArticleBody, { doc: page.body, callouts: page.callouts, media: page.media }),
    );
    const asides = html.match(/<aside[\s\S]*?<\/aside>/g) ?? [];
    assert.equal(asides.length, 1, `expected one callout, got: ${asides.join("\n")}`);
    assert.match(asides[0]!, /Related article: <\/span><a href="([^"]+)">Current headline<\/a>/);
    assert.ok(asides[0]!.includes(`href="${targetPath}"`));
    assert.ok(!html.includes("Secret draft headline") && !html.includes("hint typed in the editor"));
    // A factory key is not one upload.ts makes, so the figure has no variants: the <picture> holds the original only.
    assert.match(
      html,
      /<figure class="figure"><picture><img src="\/media\/test\/[^"]+" width="1600" height="900" alt="A figure"/,
    );
    assert.match(html, /<figcaption>Figure caption <span class="credit">Photo: Reuters<\/span><\/figcaption>/);
  });

  test("when the target is unpublished later, its callout disappears", async () => {
    await db().article.update({ where: { id: ids.target }, data: { status: "UNPUBLISHED" } });
    try {
      const page = await loadArticlePage(ids.main, timeZone);
      assert.ok(page);
      assert.equal(page.callouts[ids.target], undefined);
      assert.ok(!page.related.some((r) => r.id === ids.target));
    } finally {
      await db().article.update({ where: { id: ids.target }, data: { status: "PUBLISHED" } });
    }
  });
});

describe("body rendering", () => {
  test("marks, links and lists become elements; unsafe links become text; external links get rel=noopener", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<b>not html</b> " },
            {
              type: "text",
              text: "out",
              marks: [{ type: "link", attrs: { href: "https://example.org/" } }, { type: "bold" }],
            },
            { type: "text", text: " in", marks: [{ type: "link", attrs: { href: "/world" } }] },
            { type: "text", text: " bad", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          ],
        },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph("third")] }] },
      ],
    } as ArticleDocument;
    const html = renderToStaticMarkup(createElement(ArticleBody, { doc, callouts: {}, media: {} }));
    assert.ok(html.includes("&lt;b&gt;not html&lt;/b&gt;"));
    assert.ok(html.includes('<a href="https://example.org/" rel="noopener"><strong>out</strong></a>'));
    assert.ok(html.includes('<a href="/world"> in</a>'));
    assert.ok(!html.includes("javascript:") && html.includes(" bad"));
    assert.ok(html.includes('<ol start="3"><li><p>third</p></li></ol>'));
  });
});

describe("canonical redirects", () => {
  test("a wrong slug or date points at the canonical path; canonical, draft and unknown paths do not redirect", async () => {
    const main = await db().article.findUniqueOrThrow({ where: { id: ids.main } });
    // days(20) is 21 January 2026, noon UTC.
    const canonical = `/2026/01/21/${main.slug}-a${main.id}`;
    assert.deepEqual(await resolveArticleRequest(`/1999/01/01/something-else-a${ids.main}`), {
      kind: "redirect",
      to: canonical,
    });
    assert.deepEqual(await resolveArticleRequest(canonical), { kind: "canonical" });
    assert.deepEqual(await resolveArticleRequest(`/2026/01/01/x-a${ids.pickDraft}`), { kind: "missing" });
    assert.deepEqual(await resolveArticleRequest(`/2026/01/01/x-a999999999`), { kind: "missing" });
    assert.equal(await resolveArticleRequest(`/world`), null);
  });

  test("forgetArticleRoute makes a new slug take effect at once", async () => {
    const before = await db().article.findUniqueOrThrow({ where: { id: ids.sameSection } });
    // days(5) is 6 January 2026, noon UTC.
    const oldPath = `/2026/01/06/${before.slug}-a${before.id}`;
    assert.deepEqual(await resolveArticleRequest(oldPath), { kind: "canonical" });
    await db().article.update({ where: { id: ids.sameSection }, data: { slug: `${before.slug}-renamed` } });
    forgetArticleRoute(ids.sameSection);
    assert.deepEqual(await resolveArticleRequest(oldPath), {
      kind: "redirect",
      to: `/2026/01/06/${before.slug}-renamed-a${before.id}`,
    });
  });
});
