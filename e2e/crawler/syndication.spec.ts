import type { APIRequestContext } from "@playwright/test";
import { test, expect, expectedArticlePath } from "../fixtures";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";

/**
 * What crawlers and feed readers get over HTTP: sitemaps, the news sitemap, feeds and robots.txt with the right
 * status codes and content types, published articles only; one-hop 301s for untidy URLs; 410 for taken-down
 * articles; and clean 404/400 answers to malformed input.
 */

test.use({ javaScriptEnabled: false });

async function timeZone(): Promise<string> {
  // Read directly: lib/settings imports next/cache, which Playwright's ESM loader cannot resolve.
  return (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
}

/**
 * Changes an article through the admin API, as the newsroom would: that path expires the cached lists, sitemaps and
 * feeds (rows written straight by the factory are invisible to them until something else expires the cache).
 */
async function patchArticle(request: APIRequestContext, factory: Factory, id: number, patch: Record<string, unknown>) {
  const user = await factory.user({ role: "EDITOR" });
  const { token } = await createApiToken({ email: user.email, name: `e2e ${factory.suffix}` });
  const headers = { authorization: `Bearer ${token}` };
  const read = await request.get(`/api/admin/v1/articles/${id}`, { headers });
  expect(read.status(), await read.text()).toBe(200);
  const response = await request.patch(`/api/admin/v1/articles/${id}`, {
    data: patch,
    headers: { ...headers, "if-match": read.headers()["etag"]! },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * A story with a hero, published through the API, and a draft, an unpublished and a taken-down article, all in one
 * section, author and tag.
 */
async function makeScene(factory: Factory, request: APIRequestContext) {
  const s = factory.suffix;
  const section = await factory.section({ name: `Wharf ${s}` });
  const author = await factory.author({ name: `Cora Feed ${s}` });
  const tag = await factory.tag(`Ferries ${s}`);
  const hero = await factory.media({ alt: "A ferry at the wharf" });
  const common = { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] };
  const story = await factory.article({
    ...common,
    status: "DRAFT",
    headline: `Ferry timetable restored ${s}`,
    heroMediaId: hero.id,
    publishedAt: new Date(Date.now() - 2 * 3_600_000),
  });
  const draft = await factory.article({ ...common, headline: `Draft ferry story ${s}`, status: "DRAFT" });
  const unpublished = await factory.article({
    ...common,
    headline: `Unpublished ferry story ${s}`,
    status: "UNPUBLISHED",
    publishedAt: new Date(Date.now() - 3_600_000),
  });
  const takenDown = await factory.article({
    ...common,
    headline: `Taken-down ferry story ${s}`,
    status: "TAKEN_DOWN",
    publishedAt: new Date(Date.now() - 3_600_000),
  });
  await patchArticle(request, factory, story.id, { status: "published" });
  const published = await db().article.findUniqueOrThrow({ where: { id: story.id } });
  const tz = await timeZone();
  return {
    section,
    author,
    tag,
    hero,
    published,
    draft,
    unpublished,
    takenDown,
    path: (a: { id: number; slug: string; publishedAt: Date | null }) => expectedArticlePath(a, tz),
  };
}

test("sitemap index, monthly sitemaps and the news sitemap list the published story and nothing hidden", async ({
  request,
  factory,
}) => {
  const scene = await makeScene(factory, request);
  const index = await request.get("/sitemap.xml");
  expect(index.status()).toBe(200);
  expect(index.headers()["content-type"]).toMatch(/^application\/xml/);
  const indexXml = await index.text();
  expect(indexXml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');

  // Every sitemap the index names answers 200 with XML; together they hold the story, never the hidden ones.
  const locs = [...indexXml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(locs).toEqual(
    expect.arrayContaining(["/sitemaps/sections.xml", "/sitemaps/authors.xml", "/sitemaps/tags.xml"]),
  );
  let all = "";
  for (const loc of locs) {
    const response = await request.get(loc);
    expect(response.status(), loc).toBe(200);
    expect(response.headers()["content-type"], loc).toMatch(/^application\/xml/);
    all += await response.text();
  }
  expect(all).toContain(`${scene.path(scene.published)}</loc>`);
  expect(all).toContain(`/media/${scene.hero.storageKey}</image:loc>`);
  expect(all).toContain(`/${scene.section.slug}</loc>`);
  expect(all).toContain(`/authors/${scene.author.slug}</loc>`);
  expect(all).toContain(`/tags/${scene.tag.slug}</loc>`);
  for (const hidden of [scene.draft, scene.unpublished, scene.takenDown]) expect(all).not.toContain(`-a${hidden.id}<`);

  const news = await request.get("/news-sitemap.xml");
  expect(news.status()).toBe(200);
  expect(news.headers()["content-type"]).toMatch(/^application\/xml/);
  const newsXml = await news.text();
  expect(newsXml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  expect(newsXml).toContain(`${scene.path(scene.published)}</loc>`);
  expect(newsXml).toContain(`<news:title>${scene.published.headline}</news:title>`);
  expect(newsXml).toContain(
    `<news:publication_date>${scene.published.publishedAt!.toISOString()}</news:publication_date>`,
  );
  for (const hidden of [scene.draft, scene.unpublished, scene.takenDown])
    expect(newsXml).not.toContain(hidden.headline);
});

test("RSS and Atom feeds for the site, section, author and tag; unknown scopes are 404", async ({
  request,
  factory,
}) => {
  const scene = await makeScene(factory, request);
  const scopes = ["", `/${scene.section.slug}`, `/authors/${scene.author.slug}`, `/tags/${scene.tag.slug}`];
  for (const scope of scopes) {
    for (const [file, type] of [
      ["feed.xml", "application/rss+xml"],
      ["atom.xml", "application/atom+xml"],
    ] as const) {
      const response = await request.get(`${scope}/${file}`);
      expect(response.status(), `${scope}/${file}`).toBe(200);
      expect(response.headers()["content-type"]).toContain(type);
      const xml = await response.text();
      expect(xml, `${scope}/${file}`).toContain(scene.published.headline);
      expect(xml).toContain(`/media/${scene.hero.storageKey}`);
      for (const hidden of [scene.draft, scene.unpublished, scene.takenDown])
        expect(xml).not.toContain(hidden.headline);
    }
  }
  for (const path of [
    `/no-such-section-${factory.suffix}/feed.xml`,
    `/authors/nobody-${factory.suffix}/atom.xml`,
    `/tags/nothing-${factory.suffix}/feed.xml`,
    "/sitemaps/articles-1999-13.xml",
    "/sitemaps/whatever.xml",
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("robots.txt allows the site, keeps crawlers out of the newsroom and API, and names both sitemaps", async ({
  request,
}) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/User-Agent: \*/i);
  expect(text).toContain("Allow: /");
  expect(text).toContain("Disallow: /admin");
  expect(text).toContain("Disallow: /api/");
  expect(text).toMatch(/Sitemap: https?:\/\/[^\s]+\/sitemap\.xml/);
  expect(text).toMatch(/Sitemap: https?:\/\/[^\s]+\/news-sitemap\.xml/);
});

test("a taken-down article answers 410 Gone with a short noindex notice, at any slug or date", async ({
  request,
  page,
  factory,
}) => {
  const scene = await makeScene(factory, request);
  // Taking down the live story through the API: 200 before, 410 after, and gone from the feeds at once.
  const livePath = scene.path(scene.published);
  expect((await request.get(livePath, { maxRedirects: 0 })).status()).toBe(200);
  await patchArticle(request, factory, scene.published.id, { status: "taken_down", takenDownReason: "Court order" });
  expect((await request.get(livePath, { maxRedirects: 0 })).status()).toBe(410);
  for (const feed of ["/feed.xml", `/${scene.section.slug}/atom.xml`, "/news-sitemap.xml", "/sitemap.xml"]) {
    expect(await (await request.get(feed)).text(), feed).not.toContain(`-a${scene.published.id}<`);
  }
  expect(await (await request.get("/feed.xml")).text()).not.toContain(scene.published.headline);

  for (const path of [
    scene.path(scene.takenDown),
    `/2001/01/01/other-slug-a${scene.takenDown.id}`,
    `${scene.path(scene.takenDown)}/`,
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(410);
    expect(response.headers()["content-type"]).toMatch(/^text\/html/);
    expect(response.headers()["x-robots-tag"]).toBe("noindex");
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain("This article has been removed");
    expect(html).not.toContain(scene.takenDown.headline);
  }
  const response = await page.goto(scene.path(scene.takenDown));
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This article has been removed");
});

test("untidy URLs reach the canonical one in a single 301", async ({ request, factory }) => {
  const scene = await makeScene(factory, request);
  const canonical = scene.path(scene.published);
  const cases: [string, string][] = [
    [`/${scene.section.slug}/`, `/${scene.section.slug}`],
    [`/${scene.section.slug.toUpperCase()}`, `/${scene.section.slug}`],
    [`/Authors/${scene.author.slug}/`, `/authors/${scene.author.slug}`],
    [`/${scene.section.slug}/?page=1`, `/${scene.section.slug}?page=1`],
    [`${canonical}/`, canonical],
    [`/2001/02/03/wrong-slug-a${scene.published.id}/`, canonical],
    [canonical.toUpperCase(), canonical],
    ["/sitemap.xml/", "/sitemap.xml"],
  ];
  for (const [from, to] of cases) {
    const response = await request.get(from, { maxRedirects: 0 });
    expect(response.status(), from).toBe(301);
    const location = new URL(response.headers()["location"]!, "http://x");
    expect(`${location.pathname}${location.search}`, from).toBe(to);
    const landing = await request.get(to, { maxRedirects: 0 });
    expect([200, 404], `${to} answers without another redirect`).toContain(landing.status());
  }
  expect((await request.get(canonical, { maxRedirects: 0 })).status()).toBe(200);
});

test("malformed input is a clean 404 or 400, never a 500", async ({ request, factory }) => {
  const scene = await makeScene(factory, request);
  const section = `/${scene.section.slug}`;
  const cases: [string, number][] = [
    [`${section}?page=99999999999`, 404],
    [`${section}?page=-1`, 404],
    [`${section}?page=abc`, 404],
    [`${section}?page=0`, 404],
    [`${section}?page=1.5`, 404],
    [`${section}?page=1&page=2`, 404],
    [`/authors/${scene.author.slug}?page=abc`, 404],
    [`/tags/${scene.tag.slug}?page=-1`, 404],
    ["/2026/ab/01/some-slug-a1", 404],
    ["/2026/11/28/some-slug-a0", 404],
    ["/2026/11/28/some-slug-a99999999999", 404],
    ["/2026/11/28/some-slug-a12abc", 404],
    ["/2026/11/28/no-id-at-all", 404],
    ["/9999/99/99/x-a2147483647", 404],
    [`/2026/11/28/x-a${scene.draft.id}`, 404],
    [`/2026/11/28/x-a${scene.unpublished.id}`, 404],
    [`/tags/${scene.tag.slug}/nope.xml`, 404],
    [`${section}?q=${"x".repeat(3000)}`, 400],
    ["/%E0%A4%A", 400],
    [`/${scene.section.slug}/%E0%A4%A`, 400],
    [`${section}?page=%E0%A4%A`, 404],
  ];
  for (const [path, status] of cases) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path.slice(0, 80)).toBe(status);
  }
});

test("an editor takes a story down from the editor with a reason; it is then 410 and cannot be republished", async ({
  page,
  request,
  factory,
  signIn,
}) => {
  const scene = await makeScene(factory, request);
  await signIn("EDITOR");
  await page.goto(`/admin/articles/${scene.published.id}`);
  await page.getByText("Take down this article…").click();
  // No reason, no take-down.
  await page.getByRole("button", { name: "Take down" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Published");
  await page.getByLabel("Reason (kept on record, not shown to readers)").fill("Court order 113/2026");
  await page.getByRole("button", { name: "Take down" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Taken down");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  const row = await db().article.findUniqueOrThrow({ where: { id: scene.published.id } });
  expect(row.status).toBe("TAKEN_DOWN");
  expect(row.takenDownReason).toBe("Court order 113/2026");
  expect((await request.get(scene.path(scene.published), { maxRedirects: 0 })).status()).toBe(410);
});
