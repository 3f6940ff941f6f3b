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
import { searchArticles } from "./public";
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
