import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { purgeForArticleChange, type ArticlePlacement } from "./revalidate";

const placement = (over: Partial<ArticlePlacement> = {}): ArticlePlacement => ({
  slug: "council-budget",
  publishedAt: new Date("2026-11-28T09:00:00Z"),
  sectionSlug: "news",
  authorSlugs: ["ann"],
  tagSlugs: ["budget"],
  visible: true,
  ...over,
});
const sorted = (list: readonly string[]) => [...list].sort();

describe("purgeForArticleChange", () => {
  test("an edit of a published article's words purges only what prints it, softly", () => {
    const plan = purgeForArticleChange({ id: 7, before: placement(), after: placement() });
    assert.deepEqual(plan, { hard: [], soft: ["article:7"] });
  });

  test("publishing purges the lists it joins softly (readers keep a page while the new one renders)", () => {
    const plan = purgeForArticleChange({ id: 7, before: placement({ visible: false }), after: placement() });
    assert.deepEqual(plan.hard, []);
    assert.deepEqual(sorted(plan.soft), [
      "article:7",
      "list:author:ann",
      "list:latest",
      "list:section:news",
      "list:tag:budget",
    ]);
  });

  test("unpublishing or taking down deletes every page that shows it and every list it was on", () => {
    const plan = purgeForArticleChange({ id: 7, before: placement(), after: placement({ visible: false }) });
    assert.deepEqual(sorted(plan.hard), [
      "article:7",
      "list:author:ann",
      "list:latest",
      "list:section:news",
      "list:tag:budget",
    ]);
    assert.deepEqual(plan.soft, []);
  });

  test("a changed slug or date is a removal of the old URL: hard, with the new lists soft", () => {
    const plan = purgeForArticleChange({
      id: 7,
      before: placement(),
      after: placement({ slug: "council-budget-passes", sectionSlug: "politics" }),
    });
    assert.deepEqual(sorted(plan.hard), [
      "article:7",
      "list:author:ann",
      "list:latest",
      "list:section:news",
      "list:tag:budget",
    ]);
    assert.deepEqual(plan.soft, ["list:section:politics"]);
    const redated = purgeForArticleChange({
      id: 7,
      before: placement(),
      after: placement({ publishedAt: new Date("2026-11-27T09:00:00Z") }),
    });
    assert.ok(redated.hard.includes("article:7"));
  });

  test("moving section, authors or tags purges only the lists it left and joined", () => {
    const plan = purgeForArticleChange({
      id: 7,
      before: placement({ authorSlugs: ["ann", "bob"], tagSlugs: ["budget"] }),
      after: placement({ sectionSlug: "politics", authorSlugs: ["bob", "cy"], tagSlugs: ["council"] }),
    });
    assert.deepEqual(plan.hard, []);
    assert.deepEqual(sorted(plan.soft), [
      "article:7",
      "list:author:ann",
      "list:author:cy",
      "list:section:news",
      "list:section:politics",
      "list:tag:budget",
      "list:tag:council",
    ]);
  });

  test("a draft that stays a draft, or a new draft, purges nothing: no public page shows it", () => {
    assert.deepEqual(
      purgeForArticleChange({ id: 5, before: placement({ visible: false }), after: placement({ visible: false }) }),
      { hard: [], soft: [] },
    );
    assert.deepEqual(purgeForArticleChange({ id: 5, before: null, after: placement({ visible: false }) }), {
      hard: [],
      soft: [],
    });
  });
});
