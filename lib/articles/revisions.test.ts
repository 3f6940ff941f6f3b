import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createArticle, updateArticle } from "./mutations";
import { AUTOSAVE_COALESCE_MS, VersionConflict } from "./revision-log";
import { autosaveArticle, autosaveNewArticle, listRevisions, restoreRevision, revisionDiff } from "./revisions";
import { addArticleNote } from "./notes";
import { publishDueArticles } from "./scheduler";
import { takeDownArticle } from "./takedown";
import { createPreviewLink, revokePreviewLinks } from "./preview";

const f = new Factory();
let alice: Actor;
let bob: Actor;
let section: { slug: string };
let author: { slug: string };

const asActor = (u: { id: number; email: string; name: string; role: Actor["role"] }): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
});
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]) => ({ type: "doc", content: texts.map(paragraph) });

async function create(over: Record<string, unknown> = {}, actor: Actor = alice) {
  const result = await createArticle(actor, {
    headline: `Harbour plan ${f.suffix}`,
    dek: "The council votes tonight.",
    section: section.slug,
    authors: [author.slug],
    body: { doc: doc("The harbour plan goes to a vote.") },
    ...over,
  });
  f.track("articles", result.id);
  return result;
}

const revisionsOf = (articleId: number) =>
  db().articleRevision.findMany({ where: { articleId }, orderBy: { id: "asc" } });
const articleRow = (id: number) => db().article.findUniqueOrThrow({ where: { id } });

async function rejects(fn: () => Promise<unknown>, status: number): Promise<DomainError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.status, status, `${error.status}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a ${status}, but the call succeeded`);
}

before(async () => {
  await f.ensurePublication();
  alice = asActor(await f.user({ role: "EDITOR", name: `Alice ${f.suffix}` }));
  bob = asActor(await f.user({ role: "EDITOR", name: `Bob ${f.suffix}` }));
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("revisions are written with every save", () => {
  test("create, edit and publish each leave one revision naming who, the kind and the fields changed", async () => {
    const created = await create();
    let revs = await revisionsOf(created.id);
    assert.equal(revs.length, 1);
    assert.equal(revs[0]!.kind, "SAVE");
    assert.equal(revs[0]!.version, 1);
    assert.equal(revs[0]!.authorId, alice.id);
    assert.ok(revs[0]!.changedFields.includes("headline") && revs[0]!.changedFields.includes("body"));

    const edited = await updateArticle(bob, created.id, { dek: "Tonight, the vote." }, { expectedVersion: 1 });
    assert.equal(edited.version, 2);
    revs = await revisionsOf(created.id);
    assert.equal(revs.length, 2);
    assert.deepEqual(revs[1]!.changedFields, ["dek"]);
    assert.equal(revs[1]!.authorId, bob.id);
    assert.equal((revs[1]!.snapshot as { dek: string }).dek, "Tonight, the vote.");

    // Saving what is already there changes nothing: no revision, and nobody else's editor goes stale.
    const same = await updateArticle(bob, created.id, { dek: "Tonight, the vote." }, { expectedVersion: 2 });
    assert.equal(same.version, 2);
    assert.equal((await revisionsOf(created.id)).length, 2);

    await updateArticle(alice, created.id, { status: "published" }, { expectedVersion: 2 });
    revs = await revisionsOf(created.id);
    assert.equal(revs.at(-1)!.kind, "PUBLISH");
    assert.ok(revs.at(-1)!.changedFields.includes("status"));
    assert.equal((await articleRow(created.id)).version, 3);

    const listed = await listRevisions(alice, created.id);
    assert.deepEqual(
      listed.map((r) => [r.kind, r.by]),
      [
        ["publish", alice.name],
        ["save", bob.name],
        ["save", alice.name],
      ],
    );
  });

  test("a save that fails part-way leaves no revision and keeps the version", async () => {
    const created = await create();
    await rejects(() => updateArticle(alice, created.id, { dek: "New", authors: ["nobody-at-all"] }), 422);
    assert.equal((await revisionsOf(created.id)).length, 1);
    assert.equal((await articleRow(created.id)).version, 1);
  });

  test("an article from before revisions gets a baseline, so its first diff shows only that save", async () => {
    const legacy = await f.article({ status: "DRAFT", headline: `Old story ${f.suffix}` });
    await updateArticle(alice, legacy.id, { headline: `Old story, new angle ${f.suffix}` });
    const revs = await revisionsOf(legacy.id);
    assert.equal(revs.length, 2);
    assert.deepEqual(revs[0]!.changedFields, []);
    assert.deepEqual(revs[1]!.changedFields, ["headline"]);
    const diff = await revisionDiff(alice, legacy.id, revs[1]!.id);
    assert.equal(diff.previousId, revs[0]!.id);
    assert.deepEqual(
      diff.headline.filter((p) => p.op !== "same").map((p) => [p.op, p.text.trim()]),
      [["add", ", new angle"]],
    );
    assert.ok(diff.body.every((p) => p.op === "same"));
  });
});

describe("optimistic concurrency", () => {
  test("a save from an older version is a 409 naming who saved, and changes nothing", async () => {
    const created = await create();
    await updateArticle(alice, created.id, { headline: `Alice's headline ${f.suffix}` }, { expectedVersion: 1 });
    const error = await rejects(
      () => updateArticle(bob, created.id, { headline: `Bob's headline ${f.suffix}` }, { expectedVersion: 1 }),
      409,
    );
    assert.ok(error instanceof VersionConflict);
    assert.equal(error.current.version, 2);
    assert.equal(error.current.savedBy, alice.name);
    assert.match(error.message, new RegExp(alice.name));
    const row = await articleRow(created.id);
    assert.equal(row.headline, `Alice's headline ${f.suffix}`);
    assert.equal(row.version, 2);
    assert.equal((await revisionsOf(created.id)).length, 2);
    // From the version he now knows, Bob's save goes through.
    const ok = await updateArticle(bob, created.id, { headline: `Bob's headline ${f.suffix}` }, { expectedVersion: 2 });
    assert.equal(ok.version, 3);
  });

  test("two saves from the same version at once: exactly one wins", async () => {
    const created = await create();
    const results = await Promise.allSettled([
      updateArticle(alice, created.id, { dek: "Alice was here." }, { expectedVersion: 1 }),
      updateArticle(bob, created.id, { dek: "Bob was here." }, { expectedVersion: 1 }),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const rejected = results.find((r) => r.status === "rejected");
    assert.ok(rejected && rejected.reason instanceof VersionConflict);
    assert.equal((await articleRow(created.id)).version, 2);
  });
});

describe("autosave", () => {
  test("consecutive autosaves by one person coalesce; another person's or a real save start a new row", async () => {
    const created = await create();
    let v = (await autosaveArticle(alice, created.id, { headline: `Draft one ${f.suffix}` }, 1)).version;
    v = (await autosaveArticle(alice, created.id, { dek: "Typing on." }, v)).version;
    let revs = await revisionsOf(created.id);
    assert.equal(revs.length, 2, "the two autosaves are one row");
    assert.equal(revs[1]!.kind, "AUTOSAVE");
    assert.deepEqual([...revs[1]!.changedFields].sort(), ["dek", "headline"]);
    assert.equal(revs[1]!.version, v);
    assert.equal(v, 3, "each autosave of a draft is a save: the version moves on");

    v = (await autosaveArticle(bob, created.id, { dek: "Bob types." }, v)).version;
    v = (await updateArticle(alice, created.id, { dek: "Alice saves." }, { expectedVersion: v })).version!;
    v = (await autosaveArticle(alice, created.id, { dek: "Alice types again." }, v)).version;
    revs = await revisionsOf(created.id);
    assert.deepEqual(
      revs.map((r) => r.kind),
      ["SAVE", "AUTOSAVE", "AUTOSAVE", "SAVE", "AUTOSAVE"],
    );

    // Past the window, the next autosave starts a new row.
    await db().articleRevision.update({
      where: { id: revs.at(-1)!.id },
      data: { createdAt: new Date(Date.now() - AUTOSAVE_COALESCE_MS - 1000) },
    });
    await autosaveArticle(alice, created.id, { dek: "Much later." }, v);
    assert.equal((await revisionsOf(created.id)).length, 6);
  });

  test("the first autosave of a new article makes a draft owned by its writer, a contributor too", async () => {
    const writer = asActor(await f.user({ role: "CONTRIBUTOR", name: `Cleo ${f.suffix}` }));
    const input = {
      headline: `First autosave ${f.suffix}`,
      section: section.slug,
      authors: [author.slug],
      body: { doc: doc("Typed, never saved by hand.") },
    };
    // Whatever the input says, an autosave never publishes (a contributor could not anyway).
    const made = await autosaveNewArticle(writer, { ...input, status: "published" });
    f.track("articles", made.article.id);
    assert.equal(made.version, 1);
    assert.equal(made.applied, true);
    assert.equal(made.article.status, "draft");
    const row = await articleRow(made.article.id);
    assert.equal(row.status, "DRAFT");
    assert.equal(row.createdById, writer.id);
    assert.equal(row.publishedAt, null);
    const revs = await revisionsOf(made.article.id);
    assert.deepEqual(
      revs.map((r) => [r.kind, r.version, r.authorId]),
      [["AUTOSAVE", 1, writer.id]],
    );
    // The next autosave goes on from it (and joins its row), as for any draft.
    const next = await autosaveArticle(writer, made.article.id, { dek: "And a standfirst." }, made.version);
    assert.equal(next.version, 2);
    assert.equal((await revisionsOf(made.article.id)).length, 1);
    // Nothing worth a draft, or not allowed to write at all: refused like any create.
    await rejects(() => autosaveNewArticle(writer, { ...input, headline: "" }), 422);
    await rejects(() => autosaveNewArticle(null, input), 401);
  });

  test("autosave of a published article keeps a revision only: the article and its version do not change", async () => {
    const created = await create({ status: "published" });
    const before = await articleRow(created.id);
    const result = await autosaveArticle(alice, created.id, { headline: `Unsaved idea ${f.suffix}` }, 1);
    assert.equal(result.applied, false);
    assert.equal(result.version, 1);
    const row = await articleRow(created.id);
    assert.equal(row.headline, before.headline);
    assert.equal(row.version, 1);
    assert.equal(row.status, "PUBLISHED");
    const revs = await revisionsOf(created.id);
    assert.equal(revs.at(-1)!.applied, false);
    assert.equal((revs.at(-1)!.snapshot as { headline: string }).headline, `Unsaved idea ${f.suffix}`);
    // A stale autosave is refused like a stale save.
    await updateArticle(bob, created.id, { dek: "Bob updates the live story." }, { expectedVersion: 1 });
    await rejects(() => autosaveArticle(alice, created.id, { headline: "Again" }, 1), 409);
  });
});

describe("restore", () => {
  test("restoring writes a new revision, brings back the words and keeps status and URL", async () => {
    const created = await create({ status: "published" });
    const first = (await revisionsOf(created.id))[0]!;
    await updateArticle(
      bob,
      created.id,
      { headline: `Rewritten ${f.suffix}`, body: { doc: doc("Completely different.") } },
      { expectedVersion: 1 },
    );
    await rejects(() => restoreRevision(alice, created.id, first.id, 1), 409);
    const restored = await restoreRevision(alice, created.id, first.id, 2);
    assert.equal(restored.version, 3);
    assert.equal(restored.status, "published");
    assert.equal(restored.path, created.path);
    const row = await articleRow(created.id);
    assert.equal(row.headline, `Harbour plan ${f.suffix}`);
    assert.deepEqual(row.body, doc("The harbour plan goes to a vote."));
    const last = (await revisionsOf(created.id)).at(-1)!;
    assert.equal(last.kind, "RESTORE");
    assert.equal(last.restoredFromId, first.id);
    assert.deepEqual([...last.changedFields].sort(), ["body", "headline"]);

    const diff = await revisionDiff(alice, created.id, last.id);
    assert.ok(diff.body.some((p) => p.op === "del" && p.text.includes("Completely")));
    assert.ok(diff.body.some((p) => p.op === "add" && p.text.includes("harbour")));
    await rejects(() => restoreRevision(alice, created.id, 2_000_000_000), 404);
  });
});

describe("who may read and autosave", () => {
  test("a contributor reads the history only of their own articles, and autosaves into nobody else's", async () => {
    const cora = asActor(await f.user({ role: "CONTRIBUTOR", name: `Cora ${f.suffix}` }));
    const penny = asActor(await f.user({ role: "AUTHOR", name: `Penny ${f.suffix}` }));
    const mine = await create({}, cora);
    const theirs = await create({}, alice);
    const revision = (await revisionsOf(theirs.id))[0]!;
    assert.equal((await listRevisions(cora, mine.id)).length, 1);
    await rejects(() => listRevisions(cora, theirs.id), 403);
    await rejects(() => revisionDiff(cora, theirs.id, revision.id), 403);
    await rejects(() => listRevisions(cora, 2_000_000_000), 404);

    // A published article of someone else: an autosave would have been a revision only, but it is still theirs.
    const live = await create({ status: "published" }, alice);
    const before = await revisionsOf(live.id);
    await rejects(() => autosaveArticle(cora, live.id, { dek: "Sneaked in." }, 1), 403);
    await rejects(() => autosaveArticle(penny, live.id, { dek: "Sneaked in." }, 1), 403);
    await rejects(() => autosaveArticle(cora, theirs.id, { dek: "Sneaked in." }, 1), 403);
    assert.deepEqual(await revisionsOf(live.id), before);
    assert.equal((await articleRow(theirs.id)).dek, "The council votes tonight.");
    // The author's own published article: allowed, as a revision only.
    const own = await create({ status: "published" }, penny);
    assert.equal((await autosaveArticle(penny, own.id, { dek: "Pending." }, 1)).applied, false);
  });

  test("restoring and ending preview links are writes to the article: refused on someone else's, nothing changes", async () => {
    const cora = asActor(await f.user({ role: "CONTRIBUTOR", name: `Cora ${f.suffix}` }));
    const penny = asActor(await f.user({ role: "AUTHOR", name: `Penny ${f.suffix}` }));
    const draft = await create({}, alice);
    await updateArticle(alice, draft.id, { dek: "Second thoughts." }, { expectedVersion: 1 });
    const live = await create({ status: "published" }, alice);
    await updateArticle(alice, live.id, { dek: "Second thoughts." }, { expectedVersion: 1 });
    await createPreviewLink(alice, draft.id);
    for (const article of [draft, live]) {
      const first = (await revisionsOf(article.id))[0]!;
      const before = { row: await articleRow(article.id), revisions: await revisionsOf(article.id) };
      // A contributor reaches only their own drafts; an author publishes their own, not a colleague's.
      await rejects(() => restoreRevision(cora, article.id, first.id, 2), 403);
      await rejects(() => restoreRevision(penny, article.id, first.id, 2), 403);
      await rejects(() => revokePreviewLinks(cora, article.id), 403);
      assert.deepEqual(await articleRow(article.id), before.row);
      assert.deepEqual(await revisionsOf(article.id), before.revisions);
    }
    assert.equal(
      await db().articlePreview.count({ where: { articleId: draft.id } }),
      1,
      "the preview link still works",
    );
    // The editor who wrote them may.
    await restoreRevision(alice, draft.id, (await revisionsOf(draft.id))[0]!.id, 2);
    assert.equal((await articleRow(draft.id)).dek, "The council votes tonight.");
    assert.equal(await revokePreviewLinks(alice, draft.id), 1);
  });
});

describe("the history shows what happened outside the editor", () => {
  test("the scheduler's publication, a correction note and a take-down are listed, and move no version", async () => {
    const created = await create({ status: "scheduled", publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(created.status, "scheduled");
    const scheduled = await articleRow(created.id);
    // Its time comes (moved into the past behind the editor's back, as the clock would).
    await db().article.update({ where: { id: created.id }, data: { publishedAt: new Date(Date.now() - 1_000) } });
    assert.ok((await publishDueArticles()).includes(created.id));
    await addArticleNote(bob, created.id, { kind: "correction", text: "The vote is on Tuesday, not Monday." });
    await takeDownArticle(alice, created.id, "A court order.");

    const history = await listRevisions(alice, created.id);
    assert.deepEqual(
      history.slice(0, 3).map((r) => [r.kind, r.by, r.version, r.fields]),
      [
        ["take_down", alice.name, scheduled.version, ["status"]],
        ["note", bob.name, scheduled.version, ["correction"]],
        ["scheduled_publish", null, scheduled.version, ["status"]],
      ],
    );
    assert.equal((await articleRow(created.id)).version, scheduled.version, "no open editor is turned stale");
    const takeDown = await revisionDiff(alice, created.id, history[0]!.id);
    assert.deepEqual([takeDown.headline.every((p) => p.op === "same"), takeDown.otherFields], [true, ["status"]]);
    // The article had a revision from its creation: the events are added to it, no baseline is made.
    const revs = await revisionsOf(created.id);
    assert.equal(revs.filter((r) => r.changedFields.length === 0).length, 0, "no baseline");
  });

  test("a failed take-down or note leaves no history entry", async () => {
    const draft = await create();
    const before = await revisionsOf(draft.id);
    await rejects(() => takeDownArticle(alice, draft.id, "A court order."), 409);
    await rejects(() => addArticleNote(alice, draft.id, { kind: "update", text: "Later." }), 409);
    assert.deepEqual(await revisionsOf(draft.id), before);
  });
});
