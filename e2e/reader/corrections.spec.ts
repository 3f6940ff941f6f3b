import type { APIRequestContext } from "@playwright/test";
import { test, expect, expectedArticlePath } from "../fixtures";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db";

/**
 * Corrections and updates as readers and crawlers meet them: added through the admin API, they are on the article
 * page on the very next request (served from the cache: purged and re-rendered before the API answered), in its
 * JSON-LD, and on /corrections; a minor edit leaves the "Updated" line off.
 */

test.use({ javaScriptEnabled: false });

async function read(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()["x-cache"], body: await response.text() };
}

type Ld = {
  "@type": string;
  dateModified?: string;
  correction?: { "@type": string; text: string; datePublished: string }[];
};

function articleLd(html: string): Ld {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const parsed = JSON.parse(m[1]!) as Ld | Ld[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });
  const article = blocks.find((b) => b["@type"] === "NewsArticle");
  expect(article, "the page carries a NewsArticle").toBeTruthy();
  return article!;
}

test("a correction added through the API shows at the top of the article, in JSON-LD and on /corrections", async ({
  request,
  factory,
}) => {
  const s = factory.suffix;
  const section = await factory.section({ name: `Harbour ${s}` });
  const author = await factory.author({ name: `Rhea Fixit ${s}` });
  const user = await factory.user({ role: "EDITOR" });
  const { token } = await createApiToken({ email: user.email, name: `e2e corrections ${s}` });
  const headers = { authorization: `Bearer ${token}` };

  const created = await request.post("/api/admin/v1/articles", {
    headers,
    data: {
      headline: `Ferry fares rise ${s}`,
      type: "news",
      section: section.slug,
      authors: [author.slug],
      body: { html: "<p>Fares rise by 12% in January.</p>" },
      status: "published",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: number; version: number };
  const tz = (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
  const path = expectedArticlePath(await db().article.findUniqueOrThrow({ where: { id } }), tz);

  // A typo fix (minor edit) is saved without an "Updated" line.
  const typo = await request.patch(`/api/admin/v1/articles/${id}`, {
    headers,
    data: { body: { html: "<p>Fares rise by 12 per cent in January.</p>" }, minorEdit: true, version },
  });
  expect(typo.status(), await typo.text()).toBe(200);
  const afterTypo = await read(request, path);
  expect(afterTypo.body).toContain("12 per cent");
  expect(afterTypo.body).not.toContain("Updated");

  const bad = await request.post(`/api/admin/v1/articles/${id}/notes`, { headers, data: { kind: "correction" } });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { fields: Record<string, string> }).fields.text).toBe("Write the text of the note.");

  const added = await request.post(`/api/admin/v1/articles/${id}/notes`, {
    headers,
    data: { kind: "correction", text: `An earlier version said fares rise by 15%. ${s}` },
  });
  expect(added.status(), await added.text()).toBe(201);
  const note = (await added.json()) as { kind: string; text: string; createdAt: string };
  expect(note.kind).toBe("correction");

  // Purged and re-rendered before the API answered: the next reader gets the corrected page from the cache.
  const page = await read(request, path);
  expect(page.status).toBe(200);
  expect(page.cache).toBe("HIT");
  const html = page.body.replace(/<!-- -->/g, "");
  expect(html).toMatch(
    new RegExp(
      `Correction, <time dateTime="${note.createdAt}">[^<]+</time>:</strong> An earlier version said fares rise by 15%\\. ${s}`,
    ),
  );
  // Corrections sit above the body; the "Updated" line now shows the correction's time.
  // (The body's words are in the head's description too, so the order is checked within the article.)
  const article = html.slice(html.indexOf("<article"));
  expect(article.indexOf("An earlier version said")).toBeGreaterThan(0);
  expect(article.indexOf("An earlier version said")).toBeLessThan(article.indexOf('class="article__body"'));
  expect(html).toMatch(new RegExp(`Updated <time dateTime="${note.createdAt}">`));

  const ld = articleLd(page.body);
  expect(ld.correction).toHaveLength(1);
  expect(ld.correction![0]!["@type"]).toBe("CorrectionComment");
  expect(ld.correction![0]!.text).toBe(`An earlier version said fares rise by 15%. ${s}`);
  expect(Math.abs(Date.parse(ld.correction![0]!.datePublished) - Date.parse(note.createdAt))).toBeLessThan(1000);
  expect(ld.dateModified).toBe(ld.correction![0]!.datePublished);

  const list = await read(request, "/corrections");
  expect(list.status).toBe(200);
  expect(list.body).toContain(`An earlier version said fares rise by 15%. ${s}`);
  expect(list.body).toContain(`<a href="${path}">Ferry fares rise ${s}</a>`);
  expect((await read(request, "/corrections")).cache).toBe("HIT");
});
