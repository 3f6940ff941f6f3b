import { after, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { forgetScopes, scopeOfPath, scopePages } from "./scopes";

const scopeExists = async (kind: "section" | "author" | "tag", slug: string) => (await scopePages(kind, slug)) > 0;

const factory = new Factory();
after(async () => {
  await factory.cleanup();
  await disconnectDb();
});

test("paths name the scope they show", () => {
  assert.deepEqual(scopeOfPath("/opinion"), { kind: "section", slug: "opinion" });
  assert.deepEqual(scopeOfPath("/authors/jane-doe"), { kind: "author", slug: "jane-doe" });
  assert.deepEqual(scopeOfPath("/tags/budget"), { kind: "tag", slug: "budget" });
  assert.equal(scopeOfPath("/"), null);
  assert.equal(scopeOfPath("/admin"), null);
  assert.equal(scopeOfPath("/2026/11/28/x-a1"), null);
});

test("existence comes from the database, and is re-read after a publishing change forgets the memo", async () => {
  const author = await factory.author();
  assert.equal(await scopeExists("author", author.slug), true);
  const slug = factory.unique("later-section");
  assert.equal(await scopeExists("section", slug), false);
  await factory.section({ slug });
  assert.equal(await scopeExists("section", slug), false, "memoised for a few seconds");
  forgetScopes();
  assert.equal(await scopeExists("section", slug), true);
});

test("page counts: 20 published articles a page, at least one page, none for a scope that does not exist", async () => {
  const section = await factory.section();
  const author = await factory.author();
  assert.equal(await scopePages("section", section.slug), 1, "an empty section still has its first page");
  for (let i = 0; i < 21; i++) await factory.article({ sectionId: section.id, authorIds: [author.id] });
  await factory.article({ sectionId: section.id, authorIds: [author.id], status: "DRAFT" });
  forgetScopes();
  assert.equal(await scopePages("section", section.slug), 2);
  assert.equal(await scopePages("author", author.slug), 2);
  assert.equal(await scopePages("tag", factory.unique("no-tag")), 0);
});
