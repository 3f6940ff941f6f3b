import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "../fixtures";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db";
import { articlePath } from "../../lib/articles/urls";

/**
 * Draft-leak suite (issue 8): a draft, one in review (issue 9), a scheduled, an unpublished and a taken-down article, made through the admin API as the
 * newsroom makes them, each with its own unique word in the headline, standfirst, body, a tag of its own, and a
 * section and author that nothing public uses. Every public page type, feed, sitemap, image route, RSC request and
 * the API without a token is then searched for those words: 0 hits.
 */

test.use({ javaScriptEnabled: false });

const RSC_VARIANTS = (path: string) => [
  { url: path, headers: {} as Record<string, string> },
  { url: path, headers: { RSC: "1" } },
  { url: `${path}${path.includes("?") ? "&" : "?"}_rsc=leak1`, headers: { RSC: "1" } },
  { url: `${path}${path.includes("?") ? "&" : "?"}_rsc=leak2`, headers: {} },
];

async function api(request: APIRequestContext, token: string, method: "post" | "patch", path: string, data: unknown) {
  const response = await request[method](`/api/admin/v1${path}`, {
    data,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as { id: number; version: number };
}

test("a draft, an in-review, a scheduled, an unpublished and a taken-down article leak nowhere a stranger can look", async ({
  request,
  factory,
}) => {
  test.setTimeout(120_000);
  const s = factory.suffix;
  const words = {
    draft: `zqdraft${s}`,
    inReview: `zqreview${s}`,
    scheduled: `zqsched${s}`,
    unpublished: `zqunpub${s}`,
    takenDown: `zqtaken${s}`,
  };
  const section = await factory.section({ name: `Desk ${words.draft}` });
  const author = await factory.author({ name: `Writer ${words.draft}`, bio: "" });
  const hero = await factory.media({ alt: `Hero ${words.draft}` });
  const user = await factory.user({ role: "EDITOR" });
  const { token } = await createApiToken({ email: user.email, name: `leak ${s}` });

  const made: Record<keyof typeof words, { id: number; tag: string }> = {} as never;
  for (const [kind, word] of Object.entries(words) as [keyof typeof words, string][]) {
    const tag = `Tag ${word}`;
    const { id, version } = await api(request, token, "post", "/articles", {
      headline: `Headline ${word}`,
      dek: `Standfirst ${word}`,
      section: section.slug,
      authors: [author.slug],
      tags: [tag],
      heroImage: { mediaId: hero.id, caption: `Caption ${word}` },
      body: { html: `<p>Body ${word}</p>` },
      status: kind === "draft" || kind === "inReview" ? "draft" : "published",
      // A publication time a year ahead: the article is scheduled, and must stay invisible until then.
      ...(kind === "scheduled" ? { publishedAt: new Date(Date.now() + 365 * 86_400_000).toISOString() } : {}),
    });
    factory.track("articles", id);
    // From the version just created (a PATCH without one is a 428).
    const change = (data: Record<string, unknown>) =>
      api(request, token, "patch", `/articles/${id}`, { ...data, version });
    if (kind === "inReview") await change({ status: "in_review", reviewNote: `Note ${word}` });
    if (kind === "unpublished") await change({ status: "unpublished" });
    if (kind === "takenDown") await change({ status: "taken_down", takenDownReason: "Legal" });
    made[kind] = { id, tag };
  }
  const tagRows = await db().tag.findMany({ where: { name: { in: Object.values(made).map((m) => m.tag) } } });
  for (const t of tagRows) factory.track("tags", t.id);
  expect(tagRows).toHaveLength(5);

  const { timeZone } = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  const rows = await db().article.findMany({ where: { id: { in: Object.values(made).map((m) => m.id) } } });
  const articleUrls = rows.flatMap((a) => [
    articlePath({ ...a, publishedAt: a.publishedAt ?? new Date() }, timeZone),
    `/2026/01/01/x-a${a.id}`,
  ]);
  const scopes = ["", `/${section.slug}`, `/authors/${author.slug}`, ...tagRows.map((t) => `/tags/${t.slug}`)];

  const paths = new Set<string>([
    "/",
    "/?page=2",
    ...scopes.filter(Boolean),
    ...scopes.flatMap((scope) => [`${scope}/feed.xml`, `${scope}/atom.xml`]),
    ...articleUrls,
    "/robots.txt",
    "/news-sitemap.xml",
    // Search (issue 10): its filter lists name no hidden section or writer; a typo of a hidden word suggests nothing
    // that names it (the exact words are searched below: a results page repeats its query).
    "/search",
    ...Object.values(words).map((word) => `/search?q=${word.slice(0, -1)}`),
    `/search?q=Body&section=${section.slug}`,
    `/search?q=Body&author=${author.slug}`,
    ...rows.flatMap((a) => [`/img/og/${a.id}.jpg`]),
    ...["16x9", "4x3", "1x1"].map((crop) => `/img/${hero.id}/${crop}.jpg`),
  ]);
  const index = await (await request.get("/sitemap.xml")).text();
  paths.add("/sitemap.xml");
  for (const m of index.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.add(new URL(m[1]!).pathname);

  const hits: string[] = [];
  let requests = 0;
  const search = (where: string, text: string) => {
    for (const word of Object.values(words))
      if (text.toLowerCase().includes(word)) hits.push(`${where} contains ${word}`);
  };
  for (const path of paths) {
    const variants =
      path.endsWith(".xml") || path.endsWith(".jpg") || path.endsWith(".txt")
        ? [{ url: path, headers: {} }]
        : RSC_VARIANTS(path);
    for (const { url, headers } of variants) {
      const response = await request.get(url, { headers, maxRedirects: 5 });
      requests++;
      expect(response.status(), url).toBeLessThan(500);
      search(
        `${url} ${JSON.stringify(headers)} (${response.status()})`,
        (await response.body()).toString("latin1") + JSON.stringify(response.headers()),
      );
    }
  }
  // Searching for each word, or a phrase of it, finds nothing and suggests nothing.
  for (const word of Object.values(words)) {
    for (const q of [word, `"Body ${word}"`, `Standfirst ${word}`, `Tag ${word}`]) {
      const html = await (await request.get(`/search?q=${encodeURIComponent(q)}`)).text();
      requests++;
      if (
        !html.includes("No articles match your search.") ||
        html.includes(`class="search-result"`) ||
        html.includes("Did you mean")
      )
        hits.push(`/search?q=${q} found or suggested something`);
    }
  }
  // The API without a token, and with a malformed one, says nothing about them.
  for (const path of [
    "/articles",
    ...Object.values(made).map((m) => `/articles/${m.id}`),
    "/sections",
    `/articles?q=${words.draft}`,
  ]) {
    for (const headers of [{}, { authorization: "Bearer nope" }] as Record<string, string>[]) {
      const response = await request.get(`/api/admin/v1${path}`, { headers });
      requests++;
      expect(response.status(), path).toBe(401);
      search(`API ${path}`, await response.text());
    }
  }
  console.log(`draft-leak: ${requests} requests over ${paths.size} public URLs, ${hits.length} hits`);
  expect(hits).toEqual([]);
  // The hidden scopes themselves answer 404, not an empty page.
  for (const scope of scopes.filter(Boolean)) expect((await request.get(scope)).status(), scope).toBe(404);
});
