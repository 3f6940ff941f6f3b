import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { PAGE_SIZE } from "../routing/scopes";
import { Factory } from "../testing/factories";
import { loadTagPage } from "./public";

const factory = new Factory();
after(async () => {
  await factory.cleanup();
  await disconnectDb();
});

describe("loadTagPage", () => {
  test("lists only published articles with the tag, newest first, 20 a page; past the end is null", async () => {
    await factory.ensurePublication();
    const tag = await factory.tag();
    const other = await factory.tag();
    const section = await factory.section();
    const author = await factory.author();
    const base = Date.UTC(2026, 0, 1);
    const made = [];
    for (let i = 0; i < PAGE_SIZE + 1; i++) {
      made.push(
        await factory.article({
          sectionId: section.id,
          authorIds: [author.id],
          tagIds: [tag.id],
          publishedAt: new Date(base + i * 3_600_000),
        }),
      );
    }
    const draft = await factory.article({
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      status: "DRAFT",
    });
    const unpublished = await factory.article({
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      status: "UNPUBLISHED",
      publishedAt: new Date(base),
    });
    const untagged = await factory.article({ sectionId: section.id, authorIds: [author.id], tagIds: [other.id] });

    const one = await loadTagPage(tag.slug, 1, "UTC");
    assert.ok(one);
    assert.equal(one.url, `/tags/${tag.slug}`);
    assert.equal(one.articles.total, PAGE_SIZE + 1);
    assert.equal(one.articles.pageCount, 2);
    assert.equal(one.articles.items[0]!.id, made.at(-1)!.id);
    const two = await loadTagPage(tag.slug, 2, "UTC");
    assert.deepEqual(
      two?.articles.items.map((c) => c.id),
      [made[0]!.id],
    );
    const shown = new Set([...one.articles.items, ...two!.articles.items].map((c) => c.id));
    for (const hidden of [draft, unpublished, untagged]) assert.equal(shown.has(hidden.id), false);

    assert.equal(await loadTagPage(tag.slug, 3, "UTC"), null);
    assert.equal(await loadTagPage(`no-such-${factory.suffix}`, 1, "UTC"), null);
    const empty = await factory.tag();
    assert.equal(await loadTagPage(empty.slug, 1, "UTC"), null, "a tag no public article uses has no page");
  });

  test("a tag used only by a draft, an unpublished and a taken-down article has no page (issue 8, finding 9)", async () => {
    const tag = await factory.tag(`Secret merger ${factory.suffix}`);
    const section = await factory.section();
    const author = await factory.author();
    const hidden = { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] };
    await factory.article({ ...hidden, status: "DRAFT" });
    await factory.article({ ...hidden, status: "UNPUBLISHED", publishedAt: new Date(Date.UTC(2026, 0, 2)) });
    await factory.article({ ...hidden, status: "TAKEN_DOWN", publishedAt: new Date(Date.UTC(2026, 0, 3)) });
    assert.equal(await loadTagPage(tag.slug, 1, "UTC"), null);
  });
});
