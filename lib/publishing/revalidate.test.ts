import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { revalidateArticle, revalidateAuthor, revalidateSection, revalidateTagPages, tagsForArticleChange } from "./revalidate";

const f = new Factory();
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("tagsForArticleChange", () => {
  const placement = (section: string, authors: string[], tagSlugs: string[], visible = true) => ({ sectionSlug: section, authorSlugs: authors, tagSlugs, visible });

  test("a published article that moves section, authors and tags expires the old and the new ones", () => {
    const list = tagsForArticleChange({
      id: 7,
      before: placement("news", ["ann", "bob"], ["budget"]),
      after: placement("politics", ["bob", "cy"], ["council"]),
      linkingArticleIds: [3, 4],
    });
    assert.deepEqual(
      [...list].sort(),
      ["article:3", "article:4", "article:7", "article-lists", "author:ann", "author:bob", "author:cy", "section:news", "section:politics", "tag:budget", "tag:council"].sort(),
    );
  });

  test("unpublishing still expires every list it was on", () => {
    const list = tagsForArticleChange({ id: 1, before: placement("news", ["ann"], ["t"]), after: placement("news", ["ann"], ["t"], false) });
    assert.ok(list.includes("article-lists") && list.includes("section:news") && list.includes("author:ann") && list.includes("tag:t"));
  });

  test("a draft that stays a draft touches only its own tag", () => {
    assert.deepEqual(tagsForArticleChange({ id: 5, before: placement("news", ["a"], [], false), after: placement("news", ["a"], [], false), linkingArticleIds: [9] }), ["article:5"]);
    assert.deepEqual(tagsForArticleChange({ id: 5, before: null, after: placement("news", ["a"], [], false) }), ["article:5"]);
  });
});

describe("outside a Next request", () => {
  let targetId = 0;
  let linkingId = 0;
  before(async () => {
    const section = await f.section();
    const author = await f.author();
    const target = await f.article({ sectionId: section.id, authorIds: [author.id] });
    const linking = await f.article({
      sectionId: section.id,
      authorIds: [author.id],
      body: { type: "doc", content: [{ type: "relatedArticle", attrs: { articleId: target.id, headline: "" } }] },
    });
    targetId = target.id;
    linkingId = linking.id;
  });

  test("revalidation works from scripts and tests (no cache, no error) and finds articles whose callouts point here", async () => {
    const placed = { sectionSlug: "s", authorSlugs: ["a"], tagSlugs: [] };
    const expired = await revalidateArticle({ id: targetId, before: placed, after: placed });
    assert.ok(expired.includes(`article:${linkingId}`), "the article whose callout points here is expired too");
    assert.doesNotThrow(() => revalidateAuthor("a", "b"));
    assert.doesNotThrow(() => revalidateSection("s"));
    assert.doesNotThrow(() => revalidateTagPages("t"));
  });
});
