import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { articleToApi, getArticleForEdit, listArticlesForAdmin, searchArticlesForCallout } from "./admin";

const f = new Factory();
let editor: Actor;
let published: { id: number; headline: string };
let draft: { id: number; headline: string };

before(async () => {
  await f.ensurePublication();
  const u = await f.user();
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
  const section = await f.section();
  const a1 = await f.author({ name: "Zed Writer" });
  const a2 = await f.author({ name: "Amy Writer" });
  const tag = await f.tag();
  published = await f.article({
    headline: `Harbour bridge reopens ${f.suffix}`,
    sectionId: section.id,
    authorIds: [a1.id, a2.id],
    tagIds: [tag.id],
    publishedAt: new Date("2025-06-01T10:00:00Z"),
  });
  draft = await f.article({
    headline: `Harbour draft ${f.suffix}`,
    sectionId: section.id,
    authorIds: [a1.id],
    status: "DRAFT",
    relatedIds: [published.id],
  });
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("listArticlesForAdmin", () => {
  test("filters by status and search text; rows carry section, byline order and a public path only when published", async () => {
    const all = await listArticlesForAdmin(editor, { q: f.suffix });
    assert.ok(all.items.some((r) => r.id === published.id) && all.items.some((r) => r.id === draft.id));
    const drafts = await listArticlesForAdmin(editor, { q: f.suffix, status: "draft" });
    assert.deepEqual(
      drafts.items.map((r) => r.id),
      [draft.id],
    );
    assert.equal(drafts.items[0]!.path, null);
    const live = await listArticlesForAdmin(editor, { q: f.suffix, status: "published" });
    const row = live.items.find((r) => r.id === published.id)!;
    assert.deepEqual(
      row.authors.map((a) => a.name),
      ["Zed Writer", "Amy Writer"],
    );
    assert.match(row.path ?? "", new RegExp(`^/2025/06/01/.*-a${published.id}$`));
    assert.equal(row.status, "published");
    const byId = await listArticlesForAdmin(editor, { q: `a${draft.id}` });
    assert.equal(byId.items[0]?.id, draft.id);
  });

  test("pages are clamped and nobody signed in is a 401", async () => {
    const result = await listArticlesForAdmin(editor, { page: -3, q: f.suffix });
    assert.equal(result.page, 1);
    await assert.rejects(
      () => listArticlesForAdmin(null, {}),
      (e: unknown) => e instanceof DomainError && e.status === 401,
    );
  });
});

describe("getArticleForEdit", () => {
  test("returns the input shape with refs for display; 404 for unknown ids", async () => {
    const edit = await getArticleForEdit(editor, draft.id);
    assert.equal(edit.status, "draft");
    assert.deepEqual(edit.related, [published.id]);
    assert.deepEqual(edit.refs.related, [{ id: published.id, headline: published.headline, status: "published" }]);
    const api = articleToApi(edit);
    assert.ok(!("refs" in api));
    assert.equal(typeof api.updatedAt, "string");
    await assert.rejects(
      () => getArticleForEdit(editor, 999_999_999),
      (e: unknown) => e instanceof DomainError && e.status === 404,
    );
    await assert.rejects(
      () => getArticleForEdit(editor, Number.NaN),
      (e: unknown) => e instanceof DomainError && e.status === 404,
    );
  });
});

describe("searchArticlesForCallout", () => {
  test("finds by headline or id, shows status, and can exclude the article being edited", async () => {
    const found = await searchArticlesForCallout(editor, `Harbour`, { limit: 50 });
    const mine = found.filter((r) => r.headline.includes(f.suffix));
    assert.deepEqual(mine.map((r) => r.status).sort(), ["draft", "published"]);
    assert.ok(mine.find((r) => r.status === "published")?.path);
    const excluded = await searchArticlesForCallout(editor, f.suffix, { excludeId: draft.id });
    assert.ok(!excluded.some((r) => r.id === draft.id));
    const byId = await searchArticlesForCallout(editor, String(published.id));
    assert.equal(byId[0]?.id, published.id);
  });
});
