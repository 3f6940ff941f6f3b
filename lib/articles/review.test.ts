import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { listArticlesForAdmin, getArticleForEdit } from "./admin";
import { createArticle, updateArticle } from "./mutations";
import { loadArticlePage } from "./public";

/** The review step: a contributor submits with a note, an editor sends it back or publishes it. */

const f = new Factory();
let contributor: Actor;
let editor: Actor;
let section: { id: number; slug: string };
let author: { id: number; slug: string };

async function rejects(fn: () => Promise<unknown>, status: number) {
  await assert.rejects(
    fn,
    (error: unknown) => error instanceof DomainError && error.status === status,
    `expected ${status}`,
  );
}

const audit = (id: number) =>
  db().auditEvent.findMany({ where: { subjectType: "article", subjectId: id }, orderBy: { id: "asc" } });

before(async () => {
  await f.ensurePublication();
  const c = await f.user({ role: "CONTRIBUTOR", name: "Cora Contributor" });
  const e = await f.user({ role: "EDITOR", name: "Eddie Editor" });
  contributor = { id: c.id, email: c.email, name: c.name, role: "CONTRIBUTOR" };
  editor = { id: e.id, email: e.email, name: e.name, role: "EDITOR" };
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

async function draftByContributor(headline: string) {
  const { id } = await createArticle(contributor, {
    headline,
    section: section.slug,
    authors: [author.slug],
    body: { html: "<p>Council meets tonight.</p>" },
  });
  f.track("articles", id);
  return id;
}

describe("review workflow", () => {
  test("submit with a note → the editors' queue; send back with a note → a draft the writer can fix", async () => {
    const id = await draftByContributor(`Review me ${f.suffix}`);
    await updateArticle(contributor, id, { status: "in_review", reviewNote: "  Check the quotes, please.  " });
    const inReview = await getArticleForEdit(editor, id);
    assert.equal(inReview.status, "in_review");
    assert.equal(inReview.review?.note, "Check the quotes, please.");
    assert.equal(inReview.review?.by, contributor.name);
    assert.equal(await loadArticlePage(id, "UTC"), null, "an article in review is never public");

    const queue = await listArticlesForAdmin(editor, { status: "in_review", q: `Review me ${f.suffix}` });
    assert.deepEqual(
      queue.items.map((a) => [a.id, a.review?.note, a.review?.by]),
      [[id, "Check the quotes, please.", contributor.name]],
    );
    await rejects(() => updateArticle(contributor, id, { status: "in_review" }), 409);
    await rejects(() => updateArticle(contributor, id, { status: "draft", reviewNote: "never mind" }), 403);

    await updateArticle(editor, id, { status: "draft", reviewNote: "Needs a second source." });
    const returned = await getArticleForEdit(contributor, id);
    assert.equal(returned.status, "draft");
    assert.deepEqual([returned.review?.note, returned.review?.by], ["Needs a second source.", editor.name]);
    const rows = await audit(id);
    assert.deepEqual(
      rows.map((r) => [r.action, r.actorId, (r.detail as Record<string, unknown>).note]),
      [
        ["article_submit", contributor.id, "Check the quotes, please."],
        ["article_return", editor.id, "Needs a second source."],
      ],
    );
  });

  test("an editor publishes from the queue; the contributor can neither publish nor edit it afterwards", async () => {
    const id = await draftByContributor(`Publish me ${f.suffix}`);
    await updateArticle(contributor, id, { status: "in_review", reviewNote: "Ready." });
    await rejects(() => updateArticle(contributor, id, { status: "published" }), 403);
    await updateArticle(editor, id, { status: "published" });
    assert.ok(await loadArticlePage(id, "UTC"), "published: readers see it");
    await rejects(() => updateArticle(contributor, id, { dek: "sneaky" }), 403);
    assert.equal((await audit(id)).at(-1)?.action, "article_publish");
  });

  test("a writer withdraws their own submission: a draft again, the note cleared, audited", async () => {
    const id = await draftByContributor(`Withdraw me ${f.suffix}`);
    await updateArticle(contributor, id, { status: "in_review", reviewNote: "Ready, I think." });
    const someoneElses = await f.article({ status: "IN_REVIEW", createdById: editor.id });
    await rejects(() => updateArticle(contributor, someoneElses.id, { status: "draft" }), 403);
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: someoneElses.id } })).status, "IN_REVIEW");

    await updateArticle(contributor, id, { status: "draft" });
    const withdrawn = await getArticleForEdit(contributor, id);
    assert.equal(withdrawn.status, "draft");
    assert.equal(withdrawn.review, null, "nobody is waiting on the note any more");
    const row = await db().article.findUniqueOrThrow({ where: { id } });
    assert.deepEqual([row.reviewNote, row.reviewNoteById, row.reviewNoteAt], ["", null, null]);
    const queue = await listArticlesForAdmin(editor, { status: "in_review", q: `Withdraw me ${f.suffix}` });
    assert.deepEqual(queue.items, []);
    assert.deepEqual(
      (await audit(id)).map((r) => [r.action, r.actorId]),
      [
        ["article_submit", contributor.id],
        ["article_withdraw", contributor.id],
      ],
    );
    // Only from review: a draft has nothing to withdraw (and stays as it is, unaudited).
    await updateArticle(contributor, id, { status: "draft" });
    assert.equal((await audit(id)).length, 2);
  });

  test("a contributor sees only their own articles; a review note needs a review status", async () => {
    const id = await draftByContributor(`Mine ${f.suffix}`);
    const other = await f.article({ status: "DRAFT", headline: `Not mine ${f.suffix}`, createdById: editor.id });
    const list = await listArticlesForAdmin(contributor, { q: f.suffix });
    assert.ok(list.items.some((a) => a.id === id));
    assert.ok(!list.items.some((a) => a.id === other.id));
    await rejects(() => getArticleForEdit(contributor, other.id), 403);
    await rejects(() => updateArticle(contributor, id, { dek: "x", reviewNote: "stray" }), 422);
    const published = await f.article({ status: "PUBLISHED", createdById: contributor.id });
    await rejects(() => updateArticle(editor, published.id, { status: "in_review" }), 409);
  });
});
