import { after, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { forgetScopes, scopeExists, scopeOfPath } from "./scopes";

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
