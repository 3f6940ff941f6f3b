import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { PREVIEW_TTL_MS, createPreviewLink, loadArticlePreview, resolvePreviewToken } from "./preview";
import { loadArticlePage } from "./public";

const f = new Factory();
let editor: Actor;

async function rejects(fn: () => Promise<unknown>, status: number): Promise<void> {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.status, status, error.message);
    return true;
  });
}

const tokenOf = (url: string) => url.replace(/^\/preview\//, "");
const paragraph = (text: string) => ({
  type: "doc" as const,
  content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text }] }],
});

before(async () => {
  await f.ensurePublication();
  const u = await f.user({ role: "EDITOR", name: "Petra Preview" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("preview links", () => {
  test("a draft is invisible to readers but shows whole through its preview link", async () => {
    const draft = await f.article({ status: "DRAFT", headline: "Secret budget draft", publishedAt: null });
    assert.equal(await loadArticlePage(draft.id, "UTC"), null);

    const link = await createPreviewLink(editor, draft.id);
    assert.match(link.url, /^\/preview\/[A-Za-z0-9_-]{43}$/);
    const grant = await resolvePreviewToken(tokenOf(link.url));
    assert.ok(grant);
    assert.equal(grant.status, "DRAFT");
    const page = await loadArticlePreview(grant, "UTC");
    assert.equal(page?.headline, "Secret budget draft");
    // Not yet dated: the preview shows it with today's date, where its URL will be.
    assert.ok(page && Math.abs(new Date(page.publishedAt).getTime() - Date.now()) < 60_000);
    // Only the hash is stored.
    const stored = await db().articlePreview.findFirstOrThrow({ where: { articleId: draft.id } });
    assert.notEqual(stored.tokenHash, tokenOf(link.url));
  });

  test("unsaved fields are laid over a published article; the site and the database keep the saved version", async () => {
    const section = await f.section({ name: "Previewed desk" });
    const article = await f.article({ headline: "Saved headline", dek: "Saved dek" });
    const link = await createPreviewLink(editor, article.id, {
      headline: "Unsaved headline",
      dek: "Unsaved dek",
      type: "opinion",
      section: section.slug,
      authors: [],
      tags: ["Budgets", "Council"],
      heroImage: null,
      body: paragraph("An unsaved paragraph."),
    });
    const grant = await resolvePreviewToken(tokenOf(link.url));
    assert.ok(grant);
    const page = await loadArticlePreview(grant, "UTC");
    assert.equal(page?.headline, "Unsaved headline");
    assert.equal(page?.dek, "Unsaved dek");
    assert.equal(page?.type, "OPINION");
    assert.equal(page?.section.name, "Previewed desk");
    assert.deepEqual(
      page?.tags.map((t) => t.name),
      ["Budgets", "Council"],
    );
    assert.match(JSON.stringify(page?.body), /An unsaved paragraph\./);
    // No authors chosen on screen keeps the stored byline rather than showing none.
    assert.ok(page && page.authors.length > 0);

    assert.equal((await loadArticlePage(article.id, "UTC"))?.headline, "Saved headline");
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    assert.equal(row.headline, "Saved headline");
  });

  test("links expire after 48 hours and stop working when the article is taken down", async () => {
    const draft = await f.article({ status: "DRAFT", publishedAt: null });
    const made = new Date("2026-01-01T00:00:00Z");
    const link = await createPreviewLink(editor, draft.id, null, made);
    const token = tokenOf(link.url);
    assert.equal(link.expiresAt.getTime() - made.getTime(), PREVIEW_TTL_MS);
    assert.ok(await resolvePreviewToken(token, new Date(made.getTime() + PREVIEW_TTL_MS - 1000)));
    assert.equal(await resolvePreviewToken(token, new Date(made.getTime() + PREVIEW_TTL_MS)), null);

    const live = await createPreviewLink(editor, draft.id);
    await db().article.update({ where: { id: draft.id }, data: { status: "TAKEN_DOWN" } });
    assert.equal(await resolvePreviewToken(tokenOf(live.url)), null);
    await rejects(() => createPreviewLink(editor, draft.id), 409);
  });

  test("refusals: nobody signed in, unknown article, a body that could not be saved, unstorable text, forged tokens", async () => {
    const draft = await f.article({ status: "DRAFT", publishedAt: null });
    await rejects(() => createPreviewLink(null, draft.id), 401);
    await rejects(() => createPreviewLink(editor, 2_000_000_000), 404);
    const snapshot = {
      headline: "h",
      dek: "",
      type: "news" as const,
      section: "news",
      authors: [],
      tags: [],
      heroImage: null,
      body: paragraph("fine"),
    };
    await rejects(() => createPreviewLink(editor, draft.id, { ...snapshot, body: { type: "script" } }), 422);
    await rejects(() => createPreviewLink(editor, draft.id, { ...snapshot, headline: "nul\u0000" }), 422);
    await rejects(
      () => createPreviewLink(editor, draft.id, { ...snapshot, type: "advertorial" as unknown as "news" }),
      422,
    );
    assert.equal(await resolvePreviewToken("not a token"), null);
    assert.equal(await resolvePreviewToken("A".repeat(43)), null);
  });
});
