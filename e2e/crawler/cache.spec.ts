import type { APIRequestContext } from "@playwright/test";
import { test, expect, expectedArticlePath } from "../fixtures";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";

/**
 * The cache model (docs/caching.md) as readers and crawlers meet it over HTTP: every public response says where it
 * came from (x-cache), a publish elsewhere leaves an article page cached, and each newsroom change is on every
 * affected page, feed and sitemap on the very next request — served from the cache, without a render.
 */

test.use({ javaScriptEnabled: false });

async function api(request: APIRequestContext, factory: Factory) {
  const user = await factory.user({ role: "EDITOR" });
  const { token } = await createApiToken({ email: user.email, name: `e2e cache ${factory.suffix}` });
  const headers = { authorization: `Bearer ${token}` };
  return {
    async create(data: Record<string, unknown>) {
      const response = await request.post("/api/admin/v1/articles", { data, headers });
      expect(response.status(), await response.text()).toBe(201);
      return (await response.json()) as { id: number; url: string; status: string };
    },
    /** As a careful client does: from the version just read (If-Match with its ETag). */
    async patch(id: number, data: Record<string, unknown>) {
      const read = await request.get(`/api/admin/v1/articles/${id}`, { headers });
      expect(read.status(), await read.text()).toBe(200);
      const response = await request.patch(`/api/admin/v1/articles/${id}`, {
        data,
        headers: { ...headers, "if-match": read.headers()["etag"]! },
      });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as { id: number; url: string };
    },
  };
}

async function pathOf(id: number) {
  const tz = (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
  return expectedArticlePath(await db().article.findUniqueOrThrow({ where: { id } }), tz);
}

/** GETs a URL and returns its status, cache state and body. */
async function read(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()["x-cache"], body: await response.text() };
}

async function scene(factory: Factory, request: APIRequestContext, label = "") {
  const s = `${factory.suffix}${label}`;
  const section = await factory.section({ name: `Quay ${s}` });
  const author = await factory.author({ name: `Dora Cache ${s}` });
  // Made by the factory (and so cleaned up by it); the API finds it by name.
  const tag = await factory.tag(`Canals ${s}`);
  const client = await api(request, factory);
  const created = await client.create({
    headline: `Lock gates repaired ${s}`,
    type: "news",
    section: section.slug,
    authors: [author.slug],
    tags: [`Canals ${s}`],
    body: { html: "<p>The gates open again on Monday.</p>" },
    status: "published",
  });
  const path = await pathOf(created.id);
  return { s, section, author, client, id: created.id, path, tagSlug: tag.slug };
}

test("every public response says where it came from: MISS once, then HIT; the newsroom and 404s BYPASS", async ({
  request,
  factory,
}) => {
  const { path, section } = await scene(factory, request);
  // Publishing warmed the article's own page: its first reader does not wait for a render.
  expect((await read(request, path)).cache).toBe("HIT");
  for (const url of [`/${section.slug}?page=1`, "/robots.txt"]) {
    const first = await read(request, url);
    expect(first.status, url).toBe(200);
    expect(["MISS", "HIT"], url).toContain(first.cache);
    expect((await read(request, url)).cache, url).toBe("HIT");
  }
  expect((await read(request, "/admin/sign-in")).cache).toBe("BYPASS");
  const missing = await read(request, `/${section.slug}-no-such-section`);
  expect(missing.status).toBe(404);
  expect(missing.cache).toBe("BYPASS");
});

test("reader pages are served as plain documents: structured data, no client runtime", async ({ request, factory }) => {
  const { path, section } = await scene(factory, request);
  for (const url of [path, "/", `/${section.slug}`]) {
    await read(request, url);
    const page = await read(request, url);
    expect(page.cache, url).toBe("HIT");
    expect(page.body, url).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(page.body, url).not.toContain("__next_f");
    expect(page.body, url).toContain('<script type="application/ld+json">');
  }
});

test("a browser revalidates a cached page with its ETag and gets a 304 while it is unchanged", async ({
  request,
  factory,
}) => {
  const { path } = await scene(factory, request);
  const first = await request.get(path);
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^".+"$/);
  expect(first.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
  const again = await request.get(path, { headers: { "if-none-match": etag! } });
  expect(again.status()).toBe(304);
});

test("publishing another story leaves an article page cached: still a HIT, not rendered again", async ({
  request,
  factory,
}) => {
  const { path, section, author, client, s } = await scene(factory, request);
  await read(request, path);
  expect((await read(request, path)).cache).toBe("HIT");
  // Same section and author: the lists it is on change, the article page does not depend on them.
  await client.create({
    headline: `Towpath reopens ${s}`,
    type: "news",
    section: section.slug,
    authors: [author.slug],
    body: { html: "<p>Walkers welcome.</p>" },
    status: "published",
  });
  expect((await read(request, path)).cache).toBe("HIT");
});

test("a publish is on the home page, fronts, feeds and sitemaps on the very next request, from the cache", async ({
  request,
  factory,
}) => {
  const { section, author, client, s, tagSlug } = await scene(factory, request);
  const lists = [
    "/",
    `/${section.slug}`,
    `/authors/${author.slug}`,
    `/tags/${tagSlug}`,
    "/feed.xml",
    "/atom.xml",
    `/${section.slug}/feed.xml`,
    "/news-sitemap.xml",
  ];
  for (const url of lists) await read(request, url); // readers have these cached
  const headline = `Second lock gate works ${s}`;
  const created = await client.create({
    headline,
    type: "news",
    section: section.slug,
    authors: [author.slug],
    tags: [`Canals ${s}`],
    body: { html: "<p>More news.</p>" },
    status: "published",
  });
  const path = await pathOf(created.id);
  for (const url of lists) {
    const page = await read(request, url);
    expect(page.status, url).toBe(200);
    expect(page.cache, `${url} was refreshed before the publish returned`).toBe("HIT");
    expect(page.body, `${url} shows the new story`).toContain(url.endsWith(".xml") ? path : headline);
  }
  expect((await read(request, path)).cache).toBe("HIT");
});

test("a scheduled story stays off the site until its time, then goes live by itself: article, fronts and feeds, from the cache", async ({
  request,
  factory,
}) => {
  const { section, author, client, s, tagSlug } = await scene(factory, request);
  const lists = [
    "/",
    `/${section.slug}`,
    `/authors/${author.slug}`,
    `/tags/${tagSlug}`,
    "/feed.xml",
    `/${section.slug}/feed.xml`,
    "/news-sitemap.xml",
  ];
  const headline = `Night ferry returns ${s}`;
  const at = new Date(Date.now() + 5_000);
  const created = await client.create({
    headline,
    type: "news",
    section: section.slug,
    authors: [author.slug],
    tags: [`Canals ${s}`],
    body: { html: "<p>From Friday.</p>" },
    status: "published",
    publishedAt: at.toISOString(),
  });
  expect(created.status).toBe("scheduled");
  const path = await pathOf(created.id);
  expect((await read(request, path)).status, "not readable before its time").toBe(404);
  for (const url of lists)
    expect((await read(request, url)).body, `${url} before its time`).not.toContain(
      url.endsWith(".xml") ? path : headline,
    );

  // No request until well after its time: the server's scheduler (polling every 2 s) must publish it by itself.
  await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 3_500));
  const row = await db().article.findUniqueOrThrow({ where: { id: created.id }, select: { status: true } });
  expect(row.status, "published without any request").toBe("PUBLISHED");
  const page = await read(request, path);
  expect(page.status).toBe(200);
  expect(page.cache, "warmed when it went live").toBe("HIT");
  for (const url of lists) {
    const list = await read(request, url);
    expect(list.body, `${url} shows the story once it is live`).toContain(url.endsWith(".xml") ? path : headline);
    expect(list.cache, url).toBe("HIT");
  }
});

test("an edited headline is on the article, the fronts and the feeds on the very next request", async ({
  request,
  factory,
}) => {
  const { id, path, section, client, s } = await scene(factory, request);
  const pages = [path, "/", `/${section.slug}`, "/feed.xml", "/news-sitemap.xml"];
  for (const url of pages) await read(request, url);
  const edited = `Lock gates repaired ahead of schedule ${s}`;
  await client.patch(id, { headline: edited });
  for (const url of pages) {
    const page = await read(request, url);
    expect(page.body, `${url} shows the edited headline`).toContain(edited);
    expect(page.cache, url).toBe("HIT");
  }
});

test("unpublish and take-down leave no page, feed or sitemap showing the article on the very next request", async ({
  request,
  factory,
}) => {
  for (const change of [{ status: "unpublished" }, { status: "taken_down", takenDownReason: "A court order." }]) {
    const { id, path, section, author, client, tagSlug, s } = await scene(
      factory,
      request,
      change.status === "unpublished" ? "u" : "t",
    );
    const month = path.slice(1, 8).replace("/", "-");
    const lists = [
      "/",
      `/${section.slug}`,
      `/authors/${author.slug}`,
      `/tags/${tagSlug}`,
      "/feed.xml",
      "/atom.xml",
      `/${section.slug}/feed.xml`,
      "/sitemap.xml",
      `/sitemaps/articles-${month}.xml`,
      "/news-sitemap.xml",
    ];
    for (const url of [path, ...lists]) await read(request, url);
    await client.patch(id, change);
    expect((await read(request, path)).status).toBe(change.status === "unpublished" ? 404 : 410);
    for (const url of lists) {
      const page = await read(request, url);
      expect(page.body, `${url} no longer lists the article (${change.status})`).not.toContain(path);
      expect(page.body, url).not.toContain(`Lock gates repaired ${s}`);
    }
  }
});

test("a changed slug takes the old URL off every list at once and redirects it", async ({ request, factory }) => {
  const { id, path, section, client, s } = await scene(factory, request);
  for (const url of [path, "/", `/${section.slug}`, "/feed.xml"]) await read(request, url);
  await client.patch(id, { slug: `lock-gates-fixed-${s}` });
  const moved = await pathOf(id);
  expect(moved).not.toBe(path);
  const old = await request.get(path, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  for (const url of ["/", `/${section.slug}`, "/feed.xml"]) {
    const page = await read(request, url);
    expect(page.body, url).not.toContain(`"${path}"`);
    expect(page.body, url).toContain(moved);
  }
});
