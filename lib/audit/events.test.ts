import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { listAuditEvents } from "../auth/audit-log";
import { hashPassword } from "../auth/passwords";
import { createSessionForCredentials, deleteSessionByToken } from "../auth/sessions";
import { changeOwnPassword, resetPassword } from "../auth/account";
import { createApiToken, revokeApiToken } from "../auth/tokens";
import { inviteUser } from "../auth/users";
import { takeDownArticle } from "../articles/takedown";
import { createArticle, updateArticle } from "../articles/mutations";
import { publishDueArticles } from "../articles/scheduler";
import { Factory } from "../testing/factories";
import { recordAudit } from "./events";

const f = new Factory();
let editor: Actor;
let admin: Actor;
let section: { id: number; slug: string };
let author: { id: number; slug: string };
/** Articles of this file, whose audit rows it deletes afterwards (the factory deletes the articles). */
const articleIds: number[] = [];

const rowsFor = (articleId: number) => (articleIds.push(articleId), auditRows(articleId));
const auditRows = (articleId: number) =>
  db().auditEvent.findMany({ where: { subjectType: "article", subjectId: articleId }, orderBy: { id: "asc" } });

const asActor = (u: { id: number; email: string; name: string; role: Actor["role"] }): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
});

before(async () => {
  await f.ensurePublication();
  editor = asActor(await f.user({ role: "EDITOR", name: "Erin Editor" }));
  admin = asActor(await f.user({ role: "ADMIN", name: "Anna Reed" }));
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await db().auditEvent.deleteMany({
    where: {
      OR: [
        { actorId: { in: [editor.id, admin.id] } },
        { subjectType: "article", subjectId: { in: articleIds } },
        { detail: { path: ["email"], string_contains: f.suffix } },
      ],
    },
  });
  await f.cleanup();
  await disconnectDb();
});

const body = {
  doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The council votes." }] }] },
};

describe("audit rows of article changes", () => {
  test("a publish writes exactly one row, with the actor, the article and its headline, read back as a sentence", async () => {
    const draft = await createArticle(admin, {
      headline: `Council votes ${f.suffix}`,
      section: section.slug,
      authors: [author.slug],
      body,
    });
    f.track("articles", draft.id);
    assert.equal((await rowsFor(draft.id)).length, 0, "saving a draft is not a staff action of the log");

    await updateArticle(admin, draft.id, { status: "published" });
    const rows = await rowsFor(draft.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, "article_publish");
    assert.equal(rows[0]!.actorId, admin.id);
    assert.equal((rows[0]!.detail as { headline?: string }).headline, `Council votes ${f.suffix}`);

    const log = await listAuditEvents(admin, { action: "article_publish", actorId: admin.id });
    assert.equal(log.lines[0]?.sentence, `Anna Reed published “Council votes ${f.suffix}” (#${draft.id})`);

    await updateArticle(admin, draft.id, { status: "unpublished" });
    assert.deepEqual(
      (await rowsFor(draft.id)).map((r) => r.action),
      ["article_publish", "article_unpublish"],
    );
  });

  test("a publish that fails writes no row", async () => {
    const draft = await f.article({ status: "DRAFT", sectionId: section.id, authorIds: [author.id] });
    await assert.rejects(
      () => updateArticle(admin, draft.id, { status: "published", related: [2_000_000_000] }),
      (error: unknown) => error instanceof DomainError && error.status === 422,
    );
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: draft.id } })).status, "DRAFT");
    assert.equal((await rowsFor(draft.id)).length, 0);
  });

  test("an audit row written in a transaction that rolls back is gone with it", async () => {
    const draft = await f.article({ status: "DRAFT", sectionId: section.id, authorIds: [author.id] });
    await assert.rejects(
      () =>
        db().$transaction(async (tx) => {
          await tx.article.update({ where: { id: draft.id }, data: { status: "PUBLISHED" } });
          await recordAudit(tx, {
            actorId: admin.id,
            action: "article_publish",
            subject: { type: "article", id: draft.id },
          });
          throw new Error("the change fails after its audit row was written");
        }),
      /the change fails/,
    );
    assert.equal((await rowsFor(draft.id)).length, 0);
  });

  test("the scheduler's publication is recorded with no actor", async () => {
    const due = await f.article({
      status: "SCHEDULED",
      headline: `Due ${f.suffix}`,
      publishedAt: new Date(Date.now() - 60_000),
      sectionId: section.id,
      authorIds: [author.id],
    });
    assert.ok((await publishDueArticles()).includes(due.id));
    const rows = await rowsFor(due.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, "article_publish_scheduled");
    assert.equal(rows[0]!.actorId, null);
    const log = await listAuditEvents(admin, { action: "article_publish_scheduled" });
    assert.ok(log.lines.some((l) => l.sentence === `The scheduler published “Due ${f.suffix}” (#${due.id})`));
  });
});

describe("reading the log", () => {
  test("editors cannot list it (403); nobody signed in gets 401", async () => {
    await assert.rejects(
      () => listAuditEvents(editor),
      (error: unknown) => error instanceof DomainError && error.status === 403,
    );
    await assert.rejects(
      () => listAuditEvents(null),
      (error: unknown) => error instanceof DomainError && error.status === 401,
    );
  });

  test("a page number that is not one is a 422 with a readable message, not a 500", async () => {
    await assert.rejects(
      () => listAuditEvents(admin, { page: "two" }),
      (error: unknown) =>
        error instanceof DomainError &&
        error.status === 422 &&
        error.fields?.page === "The page must be a whole number from 1.",
    );
  });
});

describe("sign-ins", () => {
  test("a success and a failure are recorded with the address; the failure keeps the email tried, not the password", async () => {
    const email = `signin-${f.suffix}@example.test`;
    const user = await f.user({ email, name: "Sam Signer", passwordHash: await hashPassword("correct horse battery") });
    const ok = await createSessionForCredentials(email, "correct horse battery", { ip: "203.0.113.7" });
    assert.equal(ok.ok, true);
    const wrong = await createSessionForCredentials(email, "wrong-password-here", { ip: "198.51.100.9" });
    assert.equal(wrong.ok, false);

    const rows = await db().auditEvent.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((r) => [r.action, r.ip]),
      [
        ["sign_in", "203.0.113.7"],
        ["sign_in_failed", "198.51.100.9"],
      ],
    );
    assert.equal((rows[1]!.detail as { email?: string }).email, email);
    assert.ok(!JSON.stringify(rows[1]!.detail).includes("wrong-password-here"), "the password tried is never stored");

    assert.ok(ok.ok);
    await changeOwnPassword(
      asActor(user),
      { current: "correct horse battery", next: "a brand new passphrase", repeat: "a brand new passphrase" },
      ok.token,
      "203.0.113.7",
    );
    await deleteSessionByToken(ok.token, "203.0.113.7");
    await deleteSessionByToken(ok.token, "203.0.113.7");

    const log = await listAuditEvents(admin, { actorId: user.id });
    assert.deepEqual(
      log.lines.map((l) => l.sentence),
      [
        "Sam Signer signed out",
        "Sam Signer changed their password",
        `Failed sign-in as ${email} (wrong password)`,
        "Sam Signer signed in",
      ],
    );
    await db().auditEvent.deleteMany({ where: { actorId: user.id } });
  });
});

describe("other staff actions", () => {
  test("take-down, token creation and revocation, user creation and password reset read back as sentences", async () => {
    const live = await f.article({
      headline: `Leaked memo ${f.suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
    });
    await takeDownArticle(admin, live.id, "Court order 2026/113");

    const email = `new-${f.suffix}@example.test`;
    const { user } = await inviteUser(admin, { email, name: "Nia New", role: "editor" });
    f.track("users", user.id);
    const token = await createApiToken({ email, name: "wire importer" });
    await revokeApiToken(admin, token.id);
    await revokeApiToken(admin, token.id);
    await resetPassword(admin, email, undefined, "192.0.2.44");

    const mine = await listAuditEvents(admin, { actorId: admin.id });
    assert.deepEqual(
      mine.lines.slice(0, 4).map((l) => l.sentence),
      [
        `Anna Reed reset the password of ${email}`,
        `Anna Reed revoked the API token “wire importer” (${token.prefix}…)`,
        `Anna Reed added Nia New <${email}> as editor`,
        `Anna Reed took down “Leaked memo ${f.suffix}” (#${live.id}): Court order 2026/113`,
      ],
    );
    assert.equal(mine.lines[0]!.ip, "192.0.2.44");
    const made = await listAuditEvents(admin, { action: "token_create" });
    assert.equal(
      made.lines[0]?.sentence,
      `The system created the API token “wire importer” (${token.prefix}…) for ${email}`,
    );
    assert.equal(made.lines[0]?.actorId, null);
    articleIds.push(live.id);
    await db().auditEvent.deleteMany({ where: { subjectType: "token", subjectId: token.id } });
  });
});
