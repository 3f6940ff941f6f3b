import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { loadFeed } from "../feeds/feeds";
import { loadArticleSitemap, loadAuthorsSitemap, loadNewsSitemap, loadTagsSitemap } from "../sitemaps/sitemaps";
import { readPublication } from "../settings/publication";
import { Factory } from "../testing/factories";
import { loadArticlePage } from "./public";
import { loadHomeFront } from "../fronts/home";
import { updateArticle } from "./mutations";
import { takeDownArticle } from "./takedown";
import { forgetArticleRoute } from "../routing/article-routes";
import { goneNoticeHtml } from "./gone";
import { resolveArticleRequest } from "./routing";
import { articlePath } from "./urls";
import { datePartsInZone } from "../time/zones";

/**
 * Take-down: a legal or ethical removal, distinct from unpublishing. The article leaves every page, list, sitemap
 * and feed, and its URL — under any slug or date — answers 410 (proxy.ts acts on `resolveArticleRequest`).
 */

const f = new Factory();
let editor: Actor;
let timeZone = "UTC";

before(async () => {
  await f.ensurePublication();
  timeZone = (await readPublication()).timeZone;
  const u = await f.user({ role: "EDITOR" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

async function rejects(fn: () => Promise<unknown>, status: number): Promise<DomainError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.status, status, `${error.message} ${JSON.stringify(error.fields)}`);
    return error;
  }
  assert.fail(`expected a ${status} DomainError`);
}

describe("takeDownArticle", () => {
  test("removes a published article from everything and answers gone at any of its URLs", async () => {
    const section = await f.section();
    const author = await f.author();
    const tag = await f.tag();
    const publishedAt = new Date(Date.now() - 3_600_000);
    const article = await f.article({
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      headline: `Defamatory claim ${f.suffix}`,
      publishedAt,
    });
    const path = articlePath(article, timeZone);
    const month = (() => {
      const p = datePartsInZone(publishedAt, timeZone);
      return `${p.year}-${p.month}`;
    })();
    forgetArticleRoute(article.id);
    assert.deepEqual(await resolveArticleRequest(path), { kind: "canonical" });

    const result = await takeDownArticle(editor, article.id, "  Court order 2026/113  ");
    assert.equal(result.status, "taken_down");
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    assert.equal(row.status, "TAKEN_DOWN");
    assert.equal(row.takenDownReason, "Court order 2026/113");

    for (const asked of [path, `/1999/01/01/another-slug-a${article.id}`]) {
      const answer = await resolveArticleRequest(asked);
      assert.equal(answer?.kind, "gone", asked);
    }
    assert.equal(await loadArticlePage(article.id, timeZone), null);
    const home = await loadHomeFront(timeZone);
    const onHome = [home.lead, ...home.featured, ...home.latest, ...home.sections.flatMap((s) => [s.lead, ...s.list])];
    assert.ok(!onHome.some((c) => c?.id === article.id));
    const publication = await readPublication();
    for (const scope of [
      { kind: "site" },
      { kind: "section", slug: section.slug },
      { kind: "author", slug: author.slug },
      { kind: "tag", slug: tag.slug },
    ] as const) {
      const feed = await loadFeed(scope, publication);
      assert.ok(!(feed?.items ?? []).some((i) => i.id === article.id), `feed ${scope.kind}`);
    }
    assert.ok(!((await loadArticleSitemap(month, 1, timeZone)) ?? []).some((e) => e.loc.endsWith(`-a${article.id}`)));
    assert.ok(!(await loadNewsSitemap(new Date(), timeZone)).some((e) => e.loc.endsWith(`-a${article.id}`)));
    assert.ok(!(await loadAuthorsSitemap()).some((e) => e.loc.endsWith(`/authors/${author.slug}`)));
    assert.ok(!(await loadTagsSitemap()).some((e) => e.loc.endsWith(`/tags/${tag.slug}`)));
  });

  test("needs a reason, the publish permission and a once-public article; cannot be republished", async () => {
    const article = await f.article({ headline: `Privacy breach ${f.suffix}` });
    await rejects(() => takeDownArticle(null, article.id, "reason"), 401);
    const noReason = await rejects(() => takeDownArticle(editor, article.id, "   "), 422);
    assert.ok(noReason.fields?.takenDownReason);
    await rejects(() => takeDownArticle(editor, 2_000_000_000, "reason"), 404);
    const draft = await f.article({ status: "DRAFT" });
    await rejects(() => takeDownArticle(editor, draft.id, "reason"), 409);

    await takeDownArticle(editor, article.id, "Privacy complaint upheld");
    await rejects(() => updateArticle(editor, article.id, { status: "published" }), 409);
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: article.id } })).status, "TAKEN_DOWN");
  });

  test("the API's PATCH takes status taken_down with a reason, and nothing else with it", async () => {
    const article = await f.article({ headline: `Ethics ruling ${f.suffix}` });
    await rejects(() => updateArticle(editor, article.id, { status: "taken_down", headline: "Changed" }), 422);
    await rejects(() => updateArticle(editor, article.id, { takenDownReason: "stray" }), 422);
    const result = await updateArticle(editor, article.id, {
      status: "taken_down",
      takenDownReason: "Ethics panel ruling",
    });
    assert.equal(result.status, "taken_down");
    assert.equal(
      (await db().article.findUniqueOrThrow({ where: { id: article.id } })).takenDownReason,
      "Ethics panel ruling",
    );
  });
});

describe("the 410 notice", () => {
  test("escapes the publication's name and language as HTML", () => {
    const html = goneNoticeHtml({ publicationName: `Tom & "Jerry" <Daily>`, language: `en"><script>` });
    assert.ok(html.includes(`<title>Article removed | Tom &amp; &quot;Jerry&quot; &lt;Daily&gt;</title>`), html);
    assert.ok(html.includes(`<html lang="en&quot;&gt;&lt;script&gt;">`), html);
    assert.ok(!html.includes("<script>"));
  });
});
