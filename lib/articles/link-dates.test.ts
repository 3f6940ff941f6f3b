import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import type { Actor } from "../auth/permissions";
import { loadAuthorPage } from "../authors/public";
import { Factory } from "../testing/factories";
import { loadTagPage } from "../tags/public";
import { createArticle, updateArticle } from "./mutations";
import { publishDueArticles } from "./scheduler";
import { takeDownArticle } from "./takedown";

/**
 * Author and tag pages read the article's publication date from its links (ArticleAuthor.publicAt,
 * ArticleTag.publicAt: migration h13_link_dates), kept by triggers. Every path that changes whether or when an
 * article is public must leave the links equal to the article: saves, scheduling, the scheduler, take-downs,
 * author and tag changes, and plain SQL.
 */

const f = new Factory();
let editor: Actor;
let section: { id: number; slug: string };
let author: { id: number; slug: string };
let coAuthor: { id: number; slug: string };

const HOUR = 3_600_000;

before(async () => {
  await f.ensurePublication();
  const user = await f.user({ role: "EDITOR" });
  editor = { id: user.id, email: user.email, name: user.name, role: user.role };
  section = await f.section();
  author = await f.author();
  coAuthor = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

/** What every link of the article says, next to what it should say. */
async function linkDates(id: number) {
  const [article] = await db().$queryRaw<{ expected: Date | null; sectionId: number }[]>`
    SELECT CASE WHEN status = 'PUBLISHED' THEN "publishedAt" END AS expected, "sectionId"
    FROM "Article" WHERE id = ${id}`;
  const links = await db().$queryRaw<{ kind: string; at: Date | null; sectionId: number | null }[]>`
    SELECT 'author' AS kind, "publicAt" AS at, "sectionId" FROM "ArticleAuthor" WHERE "articleId" = ${id}
    UNION ALL SELECT 'tag', "publicAt", NULL FROM "ArticleTag" WHERE "articleId" = ${id}`;
  return {
    expected: article!.expected?.toISOString() ?? null,
    links: links.map((l) => l.at?.toISOString() ?? null),
    sectionId: article!.sectionId,
    linkSections: links.filter((l) => l.kind === "author").map((l) => l.sectionId),
  };
}

async function assertInStep(id: number, what: string, expectPublic: boolean) {
  const { expected, links, sectionId, linkSections } = await linkDates(id);
  assert.ok(links.length > 0, `${what}: the article has links`);
  assert.equal(expected !== null, expectPublic, `${what}: the article is ${expectPublic ? "" : "not "}public`);
  assert.deepEqual(
    links,
    links.map(() => expected),
    `${what}: every link carries the article's public date`,
  );
  assert.deepEqual(
    linkSections,
    linkSections.map(() => sectionId),
    `${what}: author links carry its section`,
  );
}

async function create(over: Record<string, unknown>) {
  const result = await createArticle(editor, {
    headline: `Harbour dues ${f.suffix}`,
    section: section.slug,
    authors: [author.slug],
    tags: [`Harbour ${f.suffix}`],
    body: { doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Dues rise." }] }] } },
    ...over,
  });
  f.track("articles", result.id);
  return result;
}

describe("link dates follow the article", () => {
  test("saves: draft, publish, new date, new authors and tags, unpublish, republish", async () => {
    const draft = await create({ status: "draft" });
    await assertInStep(draft.id, "a draft", false);
    await updateArticle(editor, draft.id, { status: "published" });
    await assertInStep(draft.id, "published", true);
    await updateArticle(editor, draft.id, { publishedAt: new Date(Date.now() - 48 * HOUR).toISOString() });
    await assertInStep(draft.id, "back-dated", true);
    await updateArticle(editor, draft.id, {
      authors: [author.slug, coAuthor.slug],
      tags: [`Harbour ${f.suffix}`, `Quays ${f.suffix}`],
    });
    await assertInStep(draft.id, "with a co-author and a second tag", true);
    const moved = await f.section();
    await updateArticle(editor, draft.id, { section: moved.slug });
    await assertInStep(draft.id, "moved to another section", true);
    await updateArticle(editor, draft.id, { status: "unpublished" });
    await assertInStep(draft.id, "unpublished", false);
    await updateArticle(editor, draft.id, { status: "published" });
    await assertInStep(draft.id, "republished", true);
  });

  test("scheduling and the scheduler", async () => {
    const scheduled = await create({ status: "published", publishedAt: new Date(Date.now() + HOUR).toISOString() });
    assert.equal(scheduled.status, "scheduled");
    await assertInStep(scheduled.id, "scheduled", false);
    // Due now: the scheduler publishes it in its own transaction.
    await db().article.update({ where: { id: scheduled.id }, data: { publishedAt: new Date(Date.now() - 1_000) } });
    await assertInStep(scheduled.id, "due, still scheduled", false);
    assert.ok((await publishDueArticles()).includes(scheduled.id));
    await assertInStep(scheduled.id, "published by the scheduler", true);
  });

  test("a take-down takes the article off its author's and tag's pages", async () => {
    const tag = await f.tag();
    const writer = await f.author({ bio: "" });
    const keep = await f.article({ sectionId: section.id, authorIds: [writer.id], tagIds: [tag.id] });
    const gone = await f.article({ sectionId: section.id, authorIds: [writer.id], tagIds: [tag.id] });
    await assertInStep(gone.id, "published by the factory", true);
    await takeDownArticle(editor, gone.id, "A court order.");
    await assertInStep(gone.id, "taken down", false);
    const ids = (page: { articles: { items: { id: number }[] } } | null) => page?.articles.items.map((c) => c.id);
    assert.deepEqual(ids(await loadAuthorPage(writer.slug, 1, "UTC")), [keep.id]);
    assert.deepEqual(ids(await loadTagPage(tag.slug, 1, "UTC")), [keep.id]);
  });

  test("plain SQL, and a link moved to another article", async () => {
    const a = await f.article({ sectionId: section.id, authorIds: [author.id] });
    const b = await f.article({ sectionId: section.id, authorIds: [author.id], status: "DRAFT" });
    await db().$executeRaw`UPDATE "Article" SET "publishedAt" = "publishedAt" - interval '1 day' WHERE id = ${a.id}`;
    await assertInStep(a.id, "re-dated by SQL", true);
    // A link cannot be given a date by hand: it is recomputed from its article.
    await db().$executeRaw`UPDATE "ArticleAuthor" SET "publicAt" = now() WHERE "articleId" = ${b.id}`;
    await assertInStep(b.id, "a draft's link written by hand", false);
    await db().$executeRaw`UPDATE "ArticleAuthor" SET "articleId" = ${b.id}, "authorId" = ${coAuthor.id}
                           WHERE "articleId" = ${a.id}`;
    await assertInStep(b.id, "a draft that received a link", false);
  });

  test("author and tag pages list newest first by the article's date, not the order of writing", async () => {
    const tag = await f.tag();
    const writer = await f.author({ bio: "" });
    const day = (n: number) => new Date(Date.UTC(2025, 0, n));
    const old = await f.article({
      sectionId: section.id,
      authorIds: [writer.id],
      tagIds: [tag.id],
      publishedAt: day(1),
    });
    const mid = await f.article({
      sectionId: section.id,
      authorIds: [writer.id],
      tagIds: [tag.id],
      publishedAt: day(9),
    });
    const late = await f.article({
      sectionId: section.id,
      authorIds: [writer.id],
      tagIds: [tag.id],
      publishedAt: day(5),
    });
    const ids = (page: { articles: { items: { id: number }[] } } | null) => page?.articles.items.map((c) => c.id);
    assert.deepEqual(ids(await loadAuthorPage(writer.slug, 1, "UTC")), [mid.id, late.id, old.id]);
    await db().article.update({ where: { id: old.id }, data: { publishedAt: day(20) } });
    assert.deepEqual(ids(await loadTagPage(tag.slug, 1, "UTC")), [old.id, mid.id, late.id]);
    const page = await loadAuthorPage(writer.slug, 1, "UTC");
    assert.equal(page?.articles.total, 3);
  });
});
