import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-api-test-"));
process.env.MEDIA_DIR = mediaDir;
process.env.MEDIA_MAX_BYTES = String(1024 * 1024);

import { db, disconnectDb } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/permissions";
import { Factory } from "@/lib/testing/factories";
import * as articlesRoute from "./articles/route";
import * as articleRoute from "./articles/[id]/route";
import * as notesRoute from "./articles/[id]/notes/route";
import * as authorsRoute from "./authors/route";
import * as mediaRoute from "./media/route";
import * as mediaItemRoute from "./media/[id]/route";
import * as sectionsRoute from "./sections/route";

/**
 * The admin API, exercised through the route handler functions themselves with real `Request` objects (they run
 * outside Next: bearer auth, JSON parsing, size limits, status codes and bodies are all ours).
 */

const f = new Factory();
const BASE = "http://localhost:3000/api/admin/v1";
let editorToken = "";
let adminToken = "";
let section: { slug: string };
let author: { slug: string };

type Handler = (request: Request, context: never) => Promise<Response>;
const noParams = {} as never;
const withId = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) }) as never;

function req(
  method: string,
  url: string,
  options: { token?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("content-type", "application/json");
  }
  return new Request(url, { method, headers, body });
}

async function call(handler: Handler, request: Request, context: never = noParams) {
  const response = await handler(request, context);
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: response.status, body, headers: response.headers };
}

const articleJson = (over: Record<string, unknown> = {}) => ({
  headline: `API story ${f.suffix} ${Math.random().toString(36).slice(2, 7)}`,
  type: "news",
  section: section.slug,
  authors: [author.slug],
  body: { html: "<p>From the wire.</p>" },
  status: "draft",
  ...over,
});

async function postArticle(json: unknown, token = editorToken) {
  const res = await call(articlesRoute.POST as Handler, req("POST", `${BASE}/articles`, { token, json }));
  if (res.status === 201) f.track("articles", res.body!.id as number);
  return res;
}

before(async () => {
  await f.ensurePublication();
  const editor = await f.user({ role: "EDITOR" });
  const admin = await f.user({ role: "ADMIN" });
  editorToken = (await createApiToken({ email: editor.email, name: "api test" })).token;
  adminToken = (await createApiToken({ email: admin.email, name: "api test admin" })).token;
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("authentication", () => {
  test("no token, a malformed one, an unknown one and a revoked one are 401 JSON with a Bearer challenge", async () => {
    const revoked = await createApiToken({ email: (await f.user()).email, name: "revoked" });
    const adminActor: Actor = { id: 0, email: "", name: "", role: "ADMIN" };
    await revokeApiToken(adminActor, revoked.id);
    for (const token of [null, "not-a-token", "bst_unknownunknownunknownunknownunknown000000", revoked.token]) {
      const res = await call(
        articlesRoute.POST as Handler,
        req("POST", `${BASE}/articles`, { token, json: articleJson() }),
      );
      assert.equal(res.status, 401, String(token));
      assert.equal(typeof res.body?.error, "string");
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
      assert.equal(res.headers.get("content-type"), "application/json");
    }
  });
});

describe("POST /articles", () => {
  test("201 with id, absolute url, status and version; the article exists", async () => {
    const res = await postArticle(articleJson({ status: "published", tags: [`Wire ${f.suffix}`] }));
    const tag = await db().tag.findFirst({ where: { name: `Wire ${f.suffix}` } });
    if (tag) f.track("tags", tag.id);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body!).sort(), ["id", "status", "url", "version"]);
    assert.equal(res.body!.status, "published");
    assert.equal(res.body!.version, 1);
    assert.equal(res.headers.get("etag"), '"1"');
    const id = res.body!.id as number;
    assert.match(
      res.body!.url as string,
      new RegExp(`^http://localhost:3000/\\d{4}/\\d{2}/\\d{2}/api-story-.*-a${id}$`),
    );
    assert.equal(res.headers.get("location"), `/api/admin/v1/articles/${id}`);
    assert.ok(await db().article.findUnique({ where: { id } }));
  });

  test("400 for malformed JSON, a non-object body, or the wrong content type", async () => {
    const bad = [
      req("POST", `${BASE}/articles`, {
        token: editorToken,
        body: "{headline:",
        headers: { "content-type": "application/json" },
      }),
      req("POST", `${BASE}/articles`, { token: editorToken, json: [1, 2] }),
      req("POST", `${BASE}/articles`, {
        token: editorToken,
        body: "",
        headers: { "content-type": "application/json" },
      }),
      req("POST", `${BASE}/articles`, {
        token: editorToken,
        body: "headline=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    ];
    for (const request of bad) {
      const res = await call(articlesRoute.POST as Handler, request);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(typeof res.body?.error, "string");
    }
  });

  test("422 with fields for invalid values and unknown section/author; nothing is written", async () => {
    const count = await db().article.count();
    const invalid = await postArticle({
      headline: "",
      type: "rumour",
      section: section.slug,
      authors: [author.slug],
      body: {},
    });
    assert.equal(invalid.status, 422);
    const fields = invalid.body!.fields as Record<string, string>;
    assert.equal(fields.headline, "Enter a headline.");
    assert.ok(fields.type && fields.body);
    const unknownAuthor = await postArticle(
      articleJson({ authors: [author.slug, "no-such-person"], tags: [`Never ${f.suffix}`] }),
    );
    assert.equal(unknownAuthor.status, 422);
    assert.match((unknownAuthor.body!.fields as Record<string, string>).authors!, /no-such-person/);
    const unknownSection = await postArticle(articleJson({ section: "nowhere" }));
    assert.equal(unknownSection.status, 422);
    assert.ok((unknownSection.body!.fields as Record<string, string>).section);
    assert.equal(await db().article.count(), count);
    assert.equal(await db().tag.count({ where: { name: `Never ${f.suffix}` } }), 0);
  });

  test("409 when an explicit slug is taken", async () => {
    const slug = `fixed-slug-${f.suffix}`;
    assert.equal((await postArticle(articleJson({ slug }))).status, 201);
    const clash = await postArticle(articleJson({ slug }));
    assert.equal(clash.status, 409);
    assert.ok((clash.body!.fields as Record<string, string>).slug);
  });

  test("413 when Content-Length or the actual body is over the limit, before parsing", async () => {
    // A declared length over the limit is refused without reading: the stream holds only "{}".
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("{}")), c.close()) });
    const lying = new Request(`${BASE}/articles`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${editorToken}`,
        "content-type": "application/json",
        "content-length": String(50 * 1024 * 1024),
      },
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal((await call(articlesRoute.POST as Handler, lying)).status, 413);
    const huge = JSON.stringify(articleJson({ body: { html: `<p>${"x".repeat(3 * 1024 * 1024)}</p>` } }));
    const res = await call(
      articlesRoute.POST as Handler,
      req("POST", `${BASE}/articles`, {
        token: editorToken,
        body: huge,
        headers: { "content-type": "application/json" },
      }),
    );
    assert.equal(res.status, 413);
  });
});

describe("GET and PATCH /articles/:id", () => {
  test("GET returns the input shape plus id, url, status and timestamps; bad ids are 404 JSON", async () => {
    const created = await postArticle(articleJson({ dek: "Standfirst", tags: [] }));
    const id = created.body!.id as number;
    const res = await call(
      articleRoute.GET as Handler,
      req("GET", `${BASE}/articles/${id}`, { token: editorToken }),
      withId(id),
    );
    assert.equal(res.status, 200);
    const a = res.body!;
    assert.equal(a.id, id);
    assert.equal(a.dek, "Standfirst");
    assert.equal(a.type, "news");
    assert.equal(a.status, "draft");
    assert.equal(a.section, section.slug);
    assert.deepEqual(a.authors, [author.slug]);
    assert.deepEqual(a.body, {
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "From the wire." }] }] },
    });
    assert.equal(typeof a.createdAt, "string");
    assert.equal(a.publishedAt, null);
    assert.ok(!("refs" in a));
    for (const bad of ["abc", "0", "-1", "99999999999", "2147483000"]) {
      const r = await call(
        articleRoute.GET as Handler,
        req("GET", `${BASE}/articles/${bad}`, { token: editorToken }),
        withId(bad),
      );
      assert.equal(r.status, 404, bad);
      assert.equal(typeof r.body?.error, "string");
    }
  });

  test("PATCH changes only what is sent and publishes via status", async () => {
    const created = await postArticle(articleJson({ dek: "Keep me" }));
    const id = created.body!.id as number;
    const res = await call(
      articleRoute.PATCH as Handler,
      req("PATCH", `${BASE}/articles/${id}`, {
        token: editorToken,
        json: { headline: `Renamed ${f.suffix}`, status: "published", version: created.body!.version },
      }),
      withId(id),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body!.headline, `Renamed ${f.suffix}`);
    assert.equal(res.body!.dek, "Keep me");
    assert.equal(res.body!.status, "published");
    assert.equal(typeof res.body!.publishedAt, "string");
    const invalid = await call(
      articleRoute.PATCH as Handler,
      req("PATCH", `${BASE}/articles/${id}`, {
        token: editorToken,
        json: { authors: ["ghost"], version: res.body!.version },
      }),
      withId(id),
    );
    assert.equal(invalid.status, 422);
    const missing = await call(
      articleRoute.PATCH as Handler,
      req("PATCH", `${BASE}/articles/999999999`, { token: editorToken, json: { dek: "x", version: 1 } }),
      withId(999999999),
    );
    assert.equal(missing.status, 404);
  });
});

describe("POST /authors", () => {
  test("201 {id, slug, url}; 409 on a slug clash; 422 on invalid input", async () => {
    const name = `Wire Reporter ${f.suffix}`;
    const res = await call(
      authorsRoute.POST as Handler,
      req("POST", `${BASE}/authors`, {
        token: editorToken,
        json: { name, title: "Correspondent", bio: "Covers the wires." },
      }),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    f.track("authors", res.body!.id as number);
    assert.equal(res.body!.slug, `wire-reporter-${f.suffix}`);
    assert.equal(res.body!.url, `http://localhost:3000/authors/wire-reporter-${f.suffix}`);
    const clash = await call(
      authorsRoute.POST as Handler,
      req("POST", `${BASE}/authors`, { token: editorToken, json: { name } }),
    );
    assert.equal(clash.status, 409);
    const invalid = await call(
      authorsRoute.POST as Handler,
      req("POST", `${BASE}/authors`, { token: editorToken, json: { name: "", slug: "Bad Slug" } }),
    );
    assert.equal(invalid.status, 422);
    assert.ok((invalid.body!.fields as Record<string, string>).name);
  });
});

describe("GET, PATCH, DELETE /media/:id and GET /media (the library)", () => {
  test("search by caption, edit the credit, see where used, delete refused while used (409), then 204", async () => {
    const word = `osprey${f.suffix}`;
    const png = await sharp({ create: { width: 90, height: 60, channels: 3, background: "#06a" } })
      .png()
      .toBuffer();
    const data = new FormData();
    data.set("file", new Blob([png]), "osprey.png");
    data.set("alt", "An osprey");
    data.set("caption", `The ${word} over the lake`);
    const up = await call(mediaRoute.POST as Handler, req("POST", `${BASE}/media`, { token: editorToken, body: data }));
    assert.equal(up.status, 201);
    const id = up.body!.id as number;
    f.track("media", id);

    const found = await call(mediaRoute.GET as Handler, req("GET", `${BASE}/media?q=${word}`, { token: editorToken }));
    assert.equal(found.status, 200);
    assert.deepEqual(
      (found.body!.items as { id: number }[]).map((i) => i.id),
      [id],
    );
    const badDate = await call(
      mediaRoute.GET as Handler,
      req("GET", `${BASE}/media?from=yesterday`, { token: editorToken }),
    );
    assert.equal(badDate.status, 422);
    assert.ok((badDate.body!.fields as Record<string, string>).from);

    const patched = await call(
      mediaItemRoute.PATCH as Handler,
      req("PATCH", `${BASE}/media/${id}`, {
        token: editorToken,
        json: { credit: "Kim Field", focal: { x: 0.2, y: 0.3 } },
      }),
      withId(id),
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual([patched.body!.alt, patched.body!.credit], ["An osprey", "Kim Field"]);
    assert.deepEqual(patched.body!.focal, { x: 0.2, y: 0.3 });
    const noAlt = await call(
      mediaItemRoute.PATCH as Handler,
      req("PATCH", `${BASE}/media/${id}`, { token: editorToken, json: { alt: "" } }),
      withId(id),
    );
    assert.equal(noAlt.status, 422);

    const article = await f.article({ headline: `Lake story ${f.suffix}`, heroMediaId: id });
    const one = await call(
      mediaItemRoute.GET as Handler,
      req("GET", `${BASE}/media/${id}`, { token: editorToken }),
      withId(id),
    );
    assert.deepEqual((one.body!.usage as { articles: unknown[] }).articles, [
      { id: article.id, headline: article.headline, status: "published", asHero: true, inBody: false },
    ]);
    const refused = await call(
      mediaItemRoute.DELETE as Handler,
      req("DELETE", `${BASE}/media/${id}`, { token: editorToken }),
      withId(id),
    );
    assert.equal(refused.status, 409);
    assert.match(refused.body!.error as string, new RegExp(`“Lake story ${f.suffix}” \\(published, hero\\)`));

    await db().article.update({ where: { id: article.id }, data: { heroMediaId: null } });
    const gone = await call(
      mediaItemRoute.DELETE as Handler,
      req("DELETE", `${BASE}/media/${id}`, { token: editorToken }),
      withId(id),
    );
    assert.equal(gone.status, 204);
    const anonymous = await call(mediaRoute.GET as Handler, req("GET", `${BASE}/media`));
    assert.equal(anonymous.status, 401);
  });
});

describe("POST /media", () => {
  const form = (file: Blob, extra: Record<string, string> = {}) => {
    const data = new FormData();
    data.set("file", file, "upload.jpg");
    for (const [k, v] of Object.entries(extra)) data.set(k, v);
    return data;
  };

  test("201 {id, url, width, height} for an image; its alt text is stored", async () => {
    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#0a0" } })
      .png()
      .toBuffer();
    const res = await call(
      mediaRoute.POST as Handler,
      req("POST", `${BASE}/media`, {
        token: editorToken,
        body: form(new Blob([png]), { alt: "Green", credit: "Staff" }),
      }),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    f.track("media", res.body!.id as number);
    assert.deepEqual([res.body!.width, res.body!.height], [120, 80]);
    assert.match(res.body!.url as string, /^http:\/\/localhost:3000\/media\/\d{4}\/\d{2}\/[\w-]+\.png$/);
    const row = await db().media.findUniqueOrThrow({ where: { id: res.body!.id as number } });
    assert.deepEqual([row.alt, row.credit], ["Green", "Staff"]);
  });

  test("a text file named .jpg is 422; a missing file 400; an oversized upload 413", async () => {
    const text = await call(
      mediaRoute.POST as Handler,
      req("POST", `${BASE}/media`, {
        token: editorToken,
        body: form(new Blob(["hello, I am not a JPEG"], { type: "image/jpeg" })),
      }),
    );
    assert.equal(text.status, 422);
    const none = new FormData();
    none.set("alt", "no file");
    assert.equal(
      (await call(mediaRoute.POST as Handler, req("POST", `${BASE}/media`, { token: editorToken, body: none }))).status,
      400,
    );
    const big = await call(
      mediaRoute.POST as Handler,
      req("POST", `${BASE}/media`, { token: editorToken, body: form(new Blob([new Uint8Array(1024 * 1024 + 10)])) }),
    );
    assert.equal(big.status, 413);
    const json = await call(
      mediaRoute.POST as Handler,
      req("POST", `${BASE}/media`, { token: editorToken, json: { file: "x" } }),
    );
    assert.equal(json.status, 400);
  });
});

describe("roles", () => {
  test("an admin token can do what an editor token can", async () => {
    const res = await postArticle(articleJson(), adminToken);
    assert.equal(res.status, 201);
  });
});

describe("sections (editors and admins)", () => {
  test("an author token is 403 JSON and nothing is created; an editor token creates", async () => {
    const slug = `api-section-${f.suffix}`;
    const author = await f.user({ role: "AUTHOR" });
    const authorToken = (await createApiToken({ email: author.email, name: "api test author" })).token;
    const denied = await call(
      sectionsRoute.POST as Handler,
      req("POST", `${BASE}/sections`, { token: authorToken, json: { name: "Desk", slug } }),
    );
    assert.equal(denied.status, 403);
    assert.match(denied.body!.error as string, /author/);
    assert.equal(await db().section.count({ where: { slug } }), 0);
    const created = await call(
      sectionsRoute.POST as Handler,
      req("POST", `${BASE}/sections`, { token: editorToken, json: { name: "Desk", slug } }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    f.track("sections", created.body!.id as number);
    const listed = await call(sectionsRoute.GET as Handler, req("GET", `${BASE}/sections`, { token: editorToken }));
    assert.ok((listed.body!.items as { slug: string }[]).some((s) => s.slug === slug));
  });
});

describe("input hygiene (issue 8, finding 7)", () => {
  const fieldsOf = (res: { body: Record<string, unknown> | null }) =>
    (res.body?.fields ?? {}) as Record<string, string>;

  test("a NUL byte or a lone surrogate in any text field is a 422 naming the field, not a 500", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ headline: "Budget\u0000vote" }, "headline"],
      [{ dek: "half \ud800 a pair" }, "dek"],
      [{ tags: ["fine", "bad\udc00"] }, "tags.1"],
      [{ body: { html: "<p>nul\u0000</p>" } }, "body.html"],
      [
        {
          body: {
            doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x\u0000" }] }] },
          },
        },
        "body.doc.content.0.content.0.text",
      ],
      [{ "head\u0000line": "key with a NUL" }, "head\u0000line"],
    ];
    for (const [over, field] of cases) {
      const res = await postArticle(articleJson(over));
      assert.equal(res.status, 422, `${field}: ${JSON.stringify(res.body)}`);
      assert.match(fieldsOf(res)[field] ?? "", /cannot be stored/, field);
    }
    const author = await call(
      authorsRoute.POST as Handler,
      req("POST", `${BASE}/authors`, { token: editorToken, json: { name: "Nul\u0000Person" } }),
    );
    assert.equal(author.status, 422);
    assert.ok(fieldsOf(author).name);
  });

  test("?q= with a NUL or a lone surrogate searches for the rest instead of failing", async () => {
    // As a client sends them: a NUL, a NUL inside a word, and the UTF-8 bytes of a lone surrogate (U+D800).
    for (const q of ["%00", "budget%00", "%ED%A0%80", "%C0%80"]) {
      const res = await call(
        articlesRoute.GET as Handler,
        req("GET", `${BASE}/articles?q=${q}`, { token: editorToken }),
      );
      assert.equal(res.status, 200, `${JSON.stringify(q)}: ${JSON.stringify(res.body)}`);
    }
  });

  test("publishedAt outside 1800–2199 and ids past PostgreSQL's integer range are 422 with the field", async () => {
    for (const publishedAt of [
      "0000-01-01T00:00:00Z",
      "1799-12-31T23:59:59Z",
      "2200-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
    ]) {
      const res = await postArticle(articleJson({ publishedAt }));
      assert.equal(res.status, 422, publishedAt);
      assert.equal(fieldsOf(res).publishedAt, "publishedAt must be between the years 1800 and 2199.");
    }
    const photo = await call(
      authorsRoute.POST as Handler,
      req("POST", `${BASE}/authors`, { token: editorToken, json: { name: `Photo ${f.suffix}`, photoId: 2147483648 } }),
    );
    assert.equal(photo.status, 422, JSON.stringify(photo.body));
    assert.equal(fieldsOf(photo).photoId, "photoId is a media id (a positive whole number).");
    const hero = await postArticle(articleJson({ heroImage: { mediaId: 2147483648 } }));
    assert.equal(hero.status, 422);
    assert.ok(fieldsOf(hero)["heroImage.mediaId"]);
  });

  test("methods a route does not serve are 405 JSON with Allow", async () => {
    const res = await call(
      articlesRoute.PUT as Handler,
      req("PUT", `${BASE}/articles`, { token: editorToken, json: {} }),
    );
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, POST");
    assert.equal(res.body!.error, "PUT is not supported here; use GET, POST.");
  });
});

describe("POST and GET /articles/:id/notes", () => {
  test("201 with the note; GET lists it; 422, 404, 409, 401 and 405 with readable messages", async () => {
    const article = await f.article();
    const url = `${BASE}/articles/${article.id}/notes`;
    const added = await call(
      notesRoute.POST as Handler,
      req("POST", url, { token: editorToken, json: { kind: "correction", text: "The bridge opened in 1932." } }),
      withId(article.id),
    );
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body?.kind, "correction");
    assert.equal(added.body?.text, "The bridge opened in 1932.");

    const listed = await call(notesRoute.GET as Handler, req("GET", url, { token: editorToken }), withId(article.id));
    assert.equal(listed.status, 200);
    assert.deepEqual(
      (listed.body?.items as { kind: string; text: string }[]).map((n) => [n.kind, n.text]),
      [["correction", "The bridge opened in 1932."]],
    );

    const bad = await call(
      notesRoute.POST as Handler,
      req("POST", url, { token: editorToken, json: { kind: "erratum", text: "" } }),
      withId(article.id),
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body?.fields, {
      kind: 'The kind is "correction" or "update".',
      text: "Write the text of the note.",
    });

    const draft = await f.article({ status: "DRAFT" });
    const conflict = await call(
      notesRoute.POST as Handler,
      req("POST", `${BASE}/articles/${draft.id}/notes`, { token: editorToken, json: { kind: "update", text: "x" } }),
      withId(draft.id),
    );
    assert.equal(conflict.status, 409);

    const missing = await call(
      notesRoute.POST as Handler,
      req("POST", `${BASE}/articles/999999999/notes`, { token: editorToken, json: { kind: "update", text: "x" } }),
      withId(999999999),
    );
    assert.equal(missing.status, 404);

    const anonymous = await call(
      notesRoute.POST as Handler,
      req("POST", url, { json: { kind: "update", text: "x" } }),
      withId(article.id),
    );
    assert.equal(anonymous.status, 401);

    const remove = await call(
      notesRoute.DELETE as Handler,
      req("DELETE", url, { token: editorToken }),
      withId(article.id),
    );
    assert.equal(remove.status, 405);
    assert.equal(await db().articleNote.count({ where: { articleId: article.id } }), 1);
  });
});
