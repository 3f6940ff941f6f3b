import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { addArticleNote, listArticleNotes, loadCorrectionsPage } from "./notes";
import { loadArticlePage } from "./public";
import { updateArticle } from "./mutations";

const f = new Factory();
let editor: Actor;

async function rejects(fn: () => Promise<unknown>, status: number): Promise<DomainError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.status, status, `expected ${status}, got ${error.status}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a ${status} DomainError, but the call succeeded`);
}

const contentUpdatedAt = async (id: number) =>
  (await db().article.findUniqueOrThrow({ where: { id }, select: { contentUpdatedAt: true } })).contentUpdatedAt;

before(async () => {
  await f.ensurePublication();
  const u = await f.user({ role: "EDITOR", name: "Casey Corrector" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("corrections and updates", () => {
  test("a correction is stored, bumps dateModified, and readers see it on the page and on /corrections", async () => {
    const article = await f.article({
      headline: `Budget vote ${f.suffix}`,
      publishedAt: new Date("2026-11-01T09:00:00Z"),
    });
    assert.equal(await contentUpdatedAt(article.id), null);

    const before = Date.now();
    const note = await addArticleNote(editor, article.id, {
      kind: "correction",
      text: "  An earlier version misstated the vote as 6–3. It was 7–2.  ",
    });
    assert.equal(note.kind, "correction");
    assert.equal(note.text, "An earlier version misstated the vote as 6–3. It was 7–2.");
    assert.equal(note.createdBy, "Casey Corrector");

    const stamped = await contentUpdatedAt(article.id);
    assert.ok(stamped && stamped.getTime() >= before, "contentUpdatedAt moves to the note's time");
    assert.equal(stamped.toISOString(), note.createdAt);

    const page = await loadArticlePage(article.id, "UTC");
    assert.deepEqual(page?.corrections, [
      { text: "An earlier version misstated the vote as 6–3. It was 7–2.", at: note.createdAt },
    ]);
    assert.deepEqual(page?.updates, []);
    assert.equal(page?.contentUpdatedAt, note.createdAt);

    const list = await loadCorrectionsPage(1, "UTC");
    const listed = list.items.find((i) => i.id === note.id);
    assert.ok(listed, "the correction is on the corrections page");
    assert.equal(listed.article.headline, `Budget vote ${f.suffix}`);
    assert.equal(listed.article.url, `/2026/11/01/${article.slug}-a${article.id}`);
  });

  test("an update shows at the foot, not on /corrections; notes list oldest first", async () => {
    const article = await f.article();
    const first = await addArticleNote(editor, article.id, { kind: "update", text: "Police have named the driver." });
    const second = await addArticleNote(editor, article.id, { kind: "correction", text: "The street is Elm Road." });
    const page = await loadArticlePage(article.id, "UTC");
    assert.deepEqual(page?.updates, [{ text: "Police have named the driver.", at: first.createdAt }]);
    assert.deepEqual(
      (await listArticleNotes(editor, article.id)).map((n) => [n.kind, n.text]),
      [
        ["update", "Police have named the driver."],
        ["correction", "The street is Elm Road."],
      ],
    );
    const list = await loadCorrectionsPage(1, "UTC");
    assert.ok(!list.items.some((i) => i.id === first.id), "updates are not corrections");
    assert.ok(list.items.some((i) => i.id === second.id));
  });

  test("only a signed-in editor may add notes; nothing is written otherwise", async () => {
    const article = await f.article();
    await rejects(() => addArticleNote(null, article.id, { kind: "correction", text: "Sneaky." }), 401);
    await rejects(() => listArticleNotes(null, article.id), 401);
    assert.equal(await db().articleNote.count({ where: { articleId: article.id } }), 0);
    assert.equal(await contentUpdatedAt(article.id), null);
  });

  test("bad input is refused with a message naming the field", async () => {
    const article = await f.article();
    const empty = await rejects(() => addArticleNote(editor, article.id, { kind: "correction", text: "   " }), 422);
    assert.equal(empty.fields?.text, "Write the text of the note.");
    const kind = await rejects(() => addArticleNote(editor, article.id, { kind: "retraction", text: "x" }), 422);
    assert.equal(kind.fields?.kind, 'The kind is "correction" or "update".');
    const long = await rejects(
      () => addArticleNote(editor, article.id, { kind: "update", text: "x".repeat(1001) }),
      422,
    );
    assert.equal(long.fields?.text, "A note is at most 1000 characters.");
    const nul = await rejects(() => addArticleNote(editor, article.id, { kind: "update", text: "a\u0000b" }), 422);
    assert.ok(nul.fields?.text?.includes("cannot be stored"));
    await rejects(() => addArticleNote(editor, article.id, { kind: "update", text: "ok", extra: 1 }), 422);
    await rejects(() => addArticleNote(editor, 2_000_000_000, { kind: "update", text: "ok" }), 404);
    assert.equal(await db().articleNote.count({ where: { articleId: article.id } }), 0);
  });

  test("drafts and unpublished articles get no notes (409)", async () => {
    const draft = await f.article({ status: "DRAFT" });
    const error = await rejects(() => addArticleNote(editor, draft.id, { kind: "correction", text: "x" }), 409);
    assert.match(error.message, /published articles/);
    const unpublished = await f.article({ status: "UNPUBLISHED" });
    await rejects(() => addArticleNote(editor, unpublished.id, { kind: "update", text: "x" }), 409);
    assert.equal(await db().articleNote.count({ where: { articleId: { in: [draft.id, unpublished.id] } } }), 0);
  });

  test("a minor edit of a published article does not stamp Updated; an ordinary edit does", async () => {
    const article = await f.article({
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Teh council." }] }] },
    });
    await updateArticle(editor, article.id, { headline: `Fixed typo ${f.suffix}`, minorEdit: true });
    assert.equal(await contentUpdatedAt(article.id), null, "a typo fix leaves Updated off");
    assert.equal(
      (await db().article.findUniqueOrThrow({ where: { id: article.id } })).headline,
      `Fixed typo ${f.suffix}`,
      "the minor edit itself is saved",
    );
    await updateArticle(editor, article.id, { headline: `New development ${f.suffix}` });
    assert.ok(await contentUpdatedAt(article.id), "an editorial update stamps Updated");
    await rejects(() => updateArticle(editor, article.id, { minorEdit: "yes" }), 422);
  });
});
