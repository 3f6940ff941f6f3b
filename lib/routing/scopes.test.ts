import { after, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { revalidateArticle } from "../publishing/revalidate";
import { Factory } from "../testing/factories";
import { forgetScopes, scopeOfPath, scopePageExists, type ScopeKind } from "./scopes";

const scopeExists = (kind: ScopeKind, slug: string) => scopePageExists(kind, slug, 1);
/** How many pages the proxy lets through: the first page that does not exist, less one. */
const scopePages = async (kind: ScopeKind, slug: string) => {
  let n = 0;
  while (await scopePageExists(kind, slug, n + 1)) n++;
  return n;
};

const factory = new Factory();
after(async () => {
  await factory.cleanup();
  await disconnectDb();
});

test("paths name the scope they show", () => {
  assert.deepEqual(scopeOfPath("/opinion"), { kind: "section", slug: "opinion" });
  assert.equal(scopeOfPath("/corrections"), null, "/corrections is a site page, not a section");
  assert.equal(scopeOfPath("/authors"), null, "/authors is the index of writers, not a section");
  assert.equal(scopeOfPath("/search"), null, "/search is a site page, not a section");
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
  await factory.section({ slug, description: "Stories from the later desk." });
  assert.equal(await scopeExists("section", slug), false, "memoised for a few seconds");
  forgetScopes();
  assert.equal(await scopeExists("section", slug), true);
});

test("pages: 20 published articles a page, at least one page, none for a scope that does not exist", async () => {
  const section = await factory.section();
  const author = await factory.author();
  assert.equal(await scopePages("section", section.slug), 0, "an empty section without a description has no page");
  const described = await factory.section({ description: "Our new desk." });
  assert.equal(await scopePages("section", described.slug), 1, "a described empty section has its first page");
  for (let i = 0; i < 21; i++) await factory.article({ sectionId: section.id, authorIds: [author.id] });
  await factory.article({ sectionId: section.id, authorIds: [author.id], status: "DRAFT" });
  forgetScopes();
  assert.equal(await scopePages("section", section.slug), 2);
  assert.equal(await scopePages("author", author.slug), 2);
  assert.equal(await scopePages("tag", factory.unique("no-tag")), 0);
  assert.equal(await scopePageExists("section", section.slug, 0), false, "there is no page 0");
});

test("an author's and a tag's pages follow their articles' publication, whoever changes it", async () => {
  const section = await factory.section();
  const author = await factory.author({ bio: "" });
  const tag = await factory.tag();
  const ids = [];
  for (let i = 0; i < 21; i++)
    ids.push((await factory.article({ sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] })).id);
  forgetScopes();
  assert.deepEqual([await scopePages("author", author.slug), await scopePages("tag", tag.slug)], [2, 2]);
  // Straight SQL, as a script or another service would: the link dates follow in the same statement.
  await db().$executeRaw`UPDATE "Article" SET status = 'UNPUBLISHED' WHERE id = ${ids[0]!}`;
  forgetScopes();
  assert.deepEqual([await scopePages("author", author.slug), await scopePages("tag", tag.slug)], [1, 1]);
});

test("a section, author or tag with only a draft, an unpublished and a taken-down article does not exist for readers (issue 8, finding 9)", async () => {
  const section = await factory.section();
  const author = await factory.author({ bio: "" });
  const tag = await factory.tag();
  const hidden = { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] };
  await factory.article({ ...hidden, status: "DRAFT" });
  await factory.article({ ...hidden, status: "UNPUBLISHED", publishedAt: new Date(Date.UTC(2026, 0, 2)) });
  await factory.article({ ...hidden, status: "TAKEN_DOWN", publishedAt: new Date(Date.UTC(2026, 0, 3)) });
  forgetScopes();
  assert.deepEqual(
    [
      await scopePages("section", section.slug),
      await scopePages("author", author.slug),
      await scopePages("tag", tag.slug),
    ],
    [0, 0, 0],
  );
  const described = await factory.author({ bio: "Our new science editor." });
  assert.equal(
    await scopePages("author", described.slug),
    1,
    "an author with a bio has a page before their first article",
  );
});

test("a tag page appears when its first article is published and goes when the last is unpublished; the nav follows an undescribed section", async () => {
  const section = await factory.section();
  const author = await factory.author({ bio: "" });
  const tag = await factory.tag();
  const article = await factory.article({
    sectionId: section.id,
    authorIds: [author.id],
    tagIds: [tag.id],
    status: "DRAFT",
  });
  const placement = (visible: boolean) => ({
    slug: "x",
    publishedAt: new Date(Date.UTC(2026, 0, 5)),
    sectionSlug: section.slug,
    authorSlugs: [author.slug],
    tagSlugs: [tag.slug],
    visible,
  });
  assert.equal(await scopePages("tag", tag.slug), 0);

  await db().article.update({
    where: { id: article.id },
    data: { status: "PUBLISHED", publishedAt: new Date(Date.UTC(2026, 0, 5)) },
  });
  const published = await revalidateArticle({
    id: article.id,
    before: placement(false),
    after: placement(true),
    path: `/2026/01/05/x-a${article.id}`,
  });
  assert.deepEqual(
    [
      await scopePages("tag", tag.slug),
      await scopePages("author", author.slug),
      await scopePages("section", section.slug),
    ],
    [1, 1, 1],
  );
  assert.ok(published.soft?.includes("sections"), "the navigation gains the section");

  await db().article.update({ where: { id: article.id }, data: { status: "UNPUBLISHED" } });
  const unpublished = await revalidateArticle({
    id: article.id,
    before: placement(true),
    after: placement(false),
    path: `/2026/01/05/x-a${article.id}`,
  });
  assert.deepEqual(
    [
      await scopePages("tag", tag.slug),
      await scopePages("author", author.slug),
      await scopePages("section", section.slug),
    ],
    [0, 0, 0],
  );
  assert.ok(unpublished.hard?.includes("sections"), "the navigation loses the section at once (hard)");
});
