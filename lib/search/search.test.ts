import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Highlighted } from "../../components/site/Highlighted";
import { disconnectDb, db } from "../db";
import type { Actor } from "../auth/permissions";
import { listArticlesForAdmin } from "../articles/admin";
import type { ArticleDocument } from "../documents/schema";
import { Factory } from "../testing/factories";
import { parseHighlight } from "./highlight";
import { searchArticles, type SearchTuning } from "./public";
import { parseSearchParams, type SearchRequest } from "./request";

const f = new Factory();
// Words no other test or demo article holds: the suffix's hex digits spelled as letters.
const t = f.suffix.replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)]!);
const w = (name: string) => `${t}${name}`;
const body = (text: string): ArticleDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
const search = (q: string, more: Partial<SearchRequest> = {}) =>
  searchArticles({ ...parseSearchParams({ q }).request, ...more }, "UTC");
const ids = async (q: string, more: Partial<SearchRequest> = {}) => (await search(q, more)).hits.map((h) => h.id);
const DAY = 86_400_000;
let editor: Actor;

before(async () => {
  await f.ensurePublication();
  const e = await f.user({ role: "EDITOR" });
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("reader search", () => {
  test("websearch syntax: a quoted phrase, an excluded word, OR", async () => {
    const a = await f.article({ headline: "Council meeting", body: body(`The ${w("red")} ${w("blue")} plan passed.`) });
    const b = await f.article({
      headline: "Another meeting",
      body: body(`${w("blue")} and ${w("red")} and ${w("green")}.`),
    });
    assert.deepEqual(await ids(`"${w("red")} ${w("blue")}"`), [a.id]);
    assert.deepEqual(await ids(`${w("red")} -${w("green")}`), [a.id]);
    assert.deepEqual((await ids(`${w("red")} ${w("blue")}`)).sort(), [a.id, b.id].sort());
    const c = await f.article({ headline: `${w("solo")} story` });
    assert.deepEqual((await ids(`${w("green")} OR ${w("solo")}`)).sort(), [b.id, c.id].sort());
  });

  test("headline, dek, body, authors and tags are all searched; a renamed tag is found by its new name", async () => {
    const author = await f.author({ name: `Jo ${w("writer")}` });
    const tag = await f.tag(w("topic"));
    const byAuthor = await f.article({ authorIds: [author.id] });
    const byTag = await f.article({ tagIds: [tag.id] });
    const byDek = await f.article({ dek: `A dek about ${w("dekword")}` });
    assert.deepEqual(await ids(w("writer")), [byAuthor.id]);
    assert.deepEqual(await ids(w("topic")), [byTag.id]);
    assert.deepEqual(await ids(w("dekword")), [byDek.id]);
    await db().tag.update({ where: { id: tag.id }, data: { name: w("renamed") } });
    assert.deepEqual(await ids(w("renamed")), [byTag.id]);
    assert.deepEqual(await ids(w("topic")), []);
    await db().articleTag.deleteMany({ where: { articleId: byTag.id } });
    assert.deepEqual(await ids(w("renamed")), [], "a removed tag no longer finds the article");
  });

  test("filters: section, type, writer and date range", async () => {
    const section = await f.section();
    const author = await f.author();
    const old = new Date("2021-03-10T12:00:00Z");
    const inSection = await f.article({ sectionId: section.id, body: body(w("filtered")) });
    const opinion = await f.article({ type: "OPINION", body: body(w("filtered")) });
    const byAuthor = await f.article({ authorIds: [author.id], body: body(w("filtered")), publishedAt: old });
    assert.equal((await ids(w("filtered"))).length, 3);
    assert.deepEqual(await ids(w("filtered"), { section: section.slug }), [inSection.id]);
    assert.deepEqual(await ids(w("filtered"), { type: "opinion" }), [opinion.id]);
    assert.deepEqual(await ids(w("filtered"), { author: author.slug }), [byAuthor.id]);
    assert.deepEqual(await ids(w("filtered"), { from: "2021-03-10", to: "2021-03-10" }), [byAuthor.id]);
    assert.deepEqual(await ids(w("filtered"), { to: "2021-03-09" }), []);
    assert.deepEqual((await ids(w("filtered"), { from: "2021-03-11" })).sort(), [inSection.id, opinion.id].sort());
  });

  test("ranking blends relevance and recency", async () => {
    const now = Date.now();
    // Same age: the headline match outranks a passing mention in the body.
    const mention = await f.article({ body: body(`Also: ${w("rank")}.`), publishedAt: new Date(now - DAY) });
    const headline = await f.article({ headline: `${w("rank")} explained`, publishedAt: new Date(now - DAY - 60_000) });
    assert.deepEqual(await ids(w("rank")), [headline.id, mention.id]);
    // Same relevance: the newer first.
    const older = await f.article({ headline: `${w("fresh")} news`, publishedAt: new Date(now - 400 * DAY) });
    const newer = await f.article({ headline: `${w("fresh")} news`, publishedAt: new Date(now - 2 * DAY) });
    assert.deepEqual(await ids(w("fresh")), [newer.id, older.id]);
    // A decade-old headline match loses to this week's dek match.
    const ancient = await f.article({ headline: `${w("decay")} report`, publishedAt: new Date(now - 3650 * DAY) });
    const recent = await f.article({ dek: `On ${w("decay")}`, publishedAt: new Date(now - 3 * DAY) });
    assert.deepEqual(await ids(w("decay")), [recent.id, ancient.id]);
  });

  test("pagination: 20 a page, in a stable order", async () => {
    const made = [];
    for (let i = 0; i < 23; i++)
      made.push((await f.article({ body: body(w("paged")), publishedAt: new Date(Date.now() - i * DAY) })).id);
    const first = await search(w("paged"));
    const second = await search(w("paged"), { page: 2 });
    assert.equal(first.total, 23);
    assert.equal(first.pageCount, 2);
    assert.equal(first.hits.length, 20);
    assert.equal(second.hits.length, 3);
    assert.deepEqual(
      [...first.hits, ...second.hits].map((h) => h.id),
      made,
    );
  });

  test("snippets mark matches and a hostile headline stays text", async () => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> ${w("hostile")} \uE000odd\uE001`;
    const a = await f.article({ headline: hostile, body: body(`Before the ${w("hostile")} word, after it.`) });
    const [hit] = (await search(w("hostile"))).hits;
    assert.equal(hit?.id, a.id);
    const parts = parseHighlight(hit.headlineMarked);
    assert.deepEqual(
      parts.filter((p) => p.match).map((p) => p.text),
      [w("hostile")],
    );
    assert.equal(parts.map((p) => p.text).join(""), hostile.replace(/[\uE000\uE001]/g, ""));
    const html = renderToStaticMarkup(createElement(Highlighted, { value: hit.headlineMarked }));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assert.ok(!html.includes("<script") && !html.includes("<img"), html);
    assert.ok(html.includes(`<mark>${w("hostile")}</mark>`), html);
    assert.ok(
      parseHighlight(hit.snippetMarked).some((p) => p.match && p.text === w("hostile")),
      hit.snippetMarked,
    );
  });

  test("drafts, scheduled, unpublished and taken-down articles are never found, nor suggested", async () => {
    for (const status of ["DRAFT", "SCHEDULED", "UNPUBLISHED", "TAKEN_DOWN"] as const) {
      const word = w(`secret${status.toLowerCase().replace("_", "")}`);
      await f.article({
        status,
        headline: `${word} leak`,
        body: body(word),
        publishedAt: status === "DRAFT" ? null : new Date(Date.now() + (status === "SCHEDULED" ? DAY : -DAY)),
      });
      const result = await search(word);
      assert.equal(result.total, 0, status);
      assert.ok(!result.suggestion?.includes("secret"), status);
      // Other tests' public words share the prefix and may be offered; the secret word never is.
      const typo = await search(word.slice(0, -1));
      assert.ok(!typo.suggestion?.includes("secret"), `${status}: its words are not in the vocabulary`);
    }
    const words = await db().searchWord.count({ where: { word: { startsWith: w("secret") } } });
    assert.equal(words, 0);
  });

  test("unpublishing removes an article from results and its words from the vocabulary", async () => {
    const a = await f.article({ headline: `${w("vanishing")} act` });
    assert.deepEqual(await ids(w("vanishing")), [a.id]);
    assert.equal(await db().searchWord.count({ where: { word: w("vanishing") } }), 1);
    await db().article.update({ where: { id: a.id }, data: { status: "UNPUBLISHED" } });
    assert.deepEqual(await ids(w("vanishing")), []);
    assert.equal(await db().searchWord.count({ where: { word: w("vanishing") } }), 0);
  });

  test("a typo gets a suggestion that finds the article", async () => {
    const a = await f.article({ headline: `${w("harbour")} reopens after storm` });
    const typo = await search(`${w("harbur")} storm`);
    assert.equal(typo.total, 0);
    assert.equal(typo.suggestion, `${w("harbour")} storm`);
    assert.deepEqual(await ids(typo.suggestion!), [a.id]);
    assert.equal((await search(w("harbour"))).suggestion, null, "a correct word is left alone");
  });

  test("each way of finding matches (probe, date walk, GIN index, writer) finds the same articles, never a draft", async () => {
    const section = await f.section();
    const writer = await f.author({ name: `Pat ${w("penname")}` });
    const other = await f.author();
    const at = (days: number) => new Date(Date.now() - days * DAY);
    const word = w("route");
    const made: { id: number; byWriter: boolean; phrase: boolean }[] = [];
    for (let i = 0; i < 10; i++) {
      const byWriter = i % 3 === 0;
      const phrase = i % 2 === 0;
      const text = phrase ? `${w("alpha")} ${w("beta")} and ${word}` : `${w("beta")} then ${w("alpha")} and ${word}`;
      const a = await f.article({
        sectionId: section.id,
        authorIds: [byWriter ? writer.id : other.id],
        body: body(text),
        publishedAt: at(i * 40),
      });
      made.push({ id: a.id, byWriter, phrase });
      // Rows that do not match, between the matches, for the walk to step over.
      await f.article({
        sectionId: section.id,
        authorIds: [writer.id],
        body: body("Nothing to see."),
        publishedAt: at(i * 40 + 20),
      });
    }
    for (const status of ["DRAFT", "SCHEDULED", "UNPUBLISHED"] as const)
      await f.article({
        status,
        sectionId: section.id,
        authorIds: [writer.id],
        body: body(`${w("alpha")} ${w("beta")} and ${word}`),
        publishedAt: status === "DRAFT" ? null : at(status === "SCHEDULED" ? -1 : 1),
      });
    const sorted = (list: number[]) => [...list].sort((x, y) => x - y);
    const expect = (pick: (m: (typeof made)[number]) => boolean) => sorted(made.filter(pick).map((m) => m.id));
    const found = async (q: string, more: Partial<SearchRequest>, tuning: SearchTuning) =>
      sorted(
        (await searchArticles({ ...parseSearchParams({ q }).request, ...more }, "UTC", tuning)).hits.map((h) => h.id),
      );
    const tunings: Record<string, SearchTuning> = {
      "the probe alone": { probeRows: 1000, walkShare: 0.05, walkRows: 6000, phraseChecks: 1e9, rareShare: 0.004 },
      "probe, then the date walk": {
        probeRows: 2,
        walkShare: 0,
        walkRows: 100_000,
        phraseChecks: 1e9,
        rareShare: 0.004,
      },
      "probe, a short walk, then spans of time": {
        probeRows: 2,
        walkShare: 0,
        walkRows: 3,
        phraseChecks: 1e9,
        rareShare: 0,
      },
      "probe, then spans of time": { probeRows: 2, walkShare: 2, walkRows: 3, phraseChecks: 1e9, rareShare: 0 },
      "probe, then the whole GIN index": {
        probeRows: 2,
        walkShare: 2,
        walkRows: 3,
        phraseChecks: 1e9,
        rareShare: 0.004,
      },
    };
    // A phrase budget spent before the archive ends: only exact-phrase matches, the newest first, and the date the
    // search reached is said.
    const budget: SearchTuning = { probeRows: 2, walkShare: 2, walkRows: 3, phraseChecks: 1, rareShare: 0 };
    const partial = await searchArticles(
      { ...parseSearchParams({ q: `"${w("alpha")} ${w("beta")}"` }).request },
      "UTC",
      budget,
    );
    assert.ok(partial.searchedSince instanceof Date, "the date reached is given");
    const phraseIds = expect((m) => m.phrase);
    assert.ok(
      partial.hits.every((h) => phraseIds.includes(h.id)),
      "only exact-phrase matches",
    );
    for (const [name, tuning] of Object.entries(tunings)) {
      assert.deepEqual(
        await found(word, { section: section.slug }, tuning),
        expect(() => true),
        name,
      );
      assert.deepEqual(
        await found(word, {}, tuning),
        expect(() => true),
        `${name}: no filter`,
      );
      assert.deepEqual(
        await found(`"${w("alpha")} ${w("beta")}"`, {}, tuning),
        expect((m) => m.phrase),
        `${name}: phrase`,
      );
      assert.deepEqual(
        await found(`${word} -"${w("alpha")} ${w("beta")}"`, { section: section.slug }, tuning),
        expect((m) => !m.phrase),
        `${name}: excluded phrase`,
      );
      assert.deepEqual(
        await found(word, { author: writer.slug }, tuning),
        expect((m) => m.byWriter),
        `${name}: writer`,
      );
      assert.deepEqual(
        await found(`"${w("alpha")} ${w("beta")}"`, { author: writer.slug }, tuning),
        expect((m) => m.byWriter && m.phrase),
        `${name}: phrase by the writer`,
      );
    }
  });

  test("only stop words, and bad filters, are explained", async () => {
    assert.equal((await search("the and of")).onlyStopWords, true);
    const parsed = parseSearchParams({ q: "x".repeat(300), type: "gossip", from: "2026-02-30", page: "0" });
    assert.equal(parsed.problems.length, 4, parsed.problems.join("\n"));
  });
});

describe("newsroom search", () => {
  test("finds any status by word prefix, through the same index", async () => {
    const draft = await f.article({ status: "DRAFT", headline: `${w("newsroomdraft")} in progress` });
    const list = await listArticlesForAdmin(editor, { q: w("newsroomdr") });
    assert.deepEqual(
      list.items.map((i) => i.id),
      [draft.id],
    );
    const byId = await listArticlesForAdmin(editor, { q: `a${draft.id}` });
    assert.ok(byId.items.some((i) => i.id === draft.id));
  });
});
