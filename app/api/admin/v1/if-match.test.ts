import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/auth/tokens";
import { Factory } from "@/lib/testing/factories";
import * as articlesRoute from "./articles/route";
import * as articleRoute from "./articles/[id]/route";

/**
 * Optimistic concurrency through the admin API's route handlers (real Requests, real database): the ETag on GET,
 * If-Match or a `version` field on PATCH, the 409 with the other person's changes, a 400 for a malformed header, and
 * a 428 for a PATCH that names no version at all.
 */

type Handler = (request: Request, context: never) => Promise<Response>;
const f = new Factory();
const BASE = "http://localhost:3000/api/admin/v1";
let aliceToken: string;
let bobToken: string;
let section: { slug: string };
let author: { slug: string };
let bobName: string;

const withId = (id: number) => ({ params: Promise.resolve({ id: String(id) }) }) as never;

async function call(
  handler: Handler,
  method: string,
  url: string,
  token: string,
  json?: unknown,
  headers: Record<string, string> = {},
) {
  const h = new Headers(headers);
  h.set("authorization", `Bearer ${token}`);
  if (json !== undefined) h.set("content-type", "application/json");
  const context = (/\/articles\/(\d+)$/.exec(url) ? withId(Number(/(\d+)$/.exec(url)![1])) : {}) as never;
  const response = await handler(
    new Request(url, { method, headers: h, body: json === undefined ? undefined : JSON.stringify(json) }),
    context,
  );
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: (text ? JSON.parse(text) : null) as Record<string, unknown> & {
      conflict?: { version: number; savedBy: string; savedAt: string; current: Record<string, unknown> };
    },
  };
}

async function newArticle() {
  const res = await call(articlesRoute.POST as Handler, "POST", `${BASE}/articles`, aliceToken, {
    headline: `Ferry timetable ${f.suffix} ${Math.random().toString(36).slice(2, 7)}`,
    section: section.slug,
    authors: [author.slug],
    body: { html: "<p>Boats leave hourly.</p>" },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  f.track("articles", res.body.id as number);
  return res.body.id as number;
}

before(async () => {
  await f.ensurePublication();
  const alice = await f.user({ role: "EDITOR" });
  const bob = await f.user({ role: "EDITOR", name: `Bob ${f.suffix}` });
  bobName = bob.name;
  aliceToken = (await createApiToken({ email: alice.email, name: "if-match test" })).token;
  bobToken = (await createApiToken({ email: bob.email, name: "if-match test" })).token;
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("PATCH /articles/:id with If-Match", () => {
  test("GET sends the version as ETag; a PATCH from that version succeeds and answers the next ETag", async () => {
    const id = await newArticle();
    const got = await call(articleRoute.GET as Handler, "GET", `${BASE}/articles/${id}`, aliceToken);
    assert.equal(got.etag, '"1"');
    assert.equal(got.body.version, 1);
    const patched = await call(
      articleRoute.PATCH as Handler,
      "PATCH",
      `${BASE}/articles/${id}`,
      aliceToken,
      { dek: "Hourly, from six." },
      { "If-Match": got.etag! },
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.etag, '"2"');
    assert.equal(patched.body.version, 2);
  });

  test("a stale If-Match is a 409 with who saved, when and their values; nothing changes", async () => {
    const id = await newArticle();
    const bobs = await call(articleRoute.PATCH as Handler, "PATCH", `${BASE}/articles/${id}`, bobToken, {
      headline: `Bob's headline ${f.suffix}`,
      version: 1,
    });
    assert.equal(bobs.status, 200, JSON.stringify(bobs.body));
    const stale = await call(
      articleRoute.PATCH as Handler,
      "PATCH",
      `${BASE}/articles/${id}`,
      aliceToken,
      { headline: `Alice's headline ${f.suffix}` },
      { "If-Match": '"1"' },
    );
    assert.equal(stale.status, 409);
    assert.match(String(stale.body.error), new RegExp(bobName));
    assert.equal(stale.etag, '"2"');
    assert.equal(stale.body.conflict!.version, 2);
    assert.equal(stale.body.conflict!.savedBy, bobName);
    assert.ok(!Number.isNaN(Date.parse(stale.body.conflict!.savedAt)));
    assert.equal(stale.body.conflict!.current.headline, `Bob's headline ${f.suffix}`);
    const row = await db().article.findUniqueOrThrow({ where: { id } });
    assert.equal(row.headline, `Bob's headline ${f.suffix}`);
    assert.equal(row.version, 2);
    // The same stale version in the body is refused the same way.
    const staleBody = await call(articleRoute.PATCH as Handler, "PATCH", `${BASE}/articles/${id}`, aliceToken, {
      dek: "x",
      version: 1,
    });
    assert.equal(staleBody.status, 409);
  });

  test("malformed or contradictory preconditions are 400/422; none is 428; If-Match: * overwrites knowingly", async () => {
    const id = await newArticle();
    for (const header of ["1", '"abc"', '"1", "2"', '"0"']) {
      const res = await call(
        articleRoute.PATCH as Handler,
        "PATCH",
        `${BASE}/articles/${id}`,
        aliceToken,
        { dek: "x" },
        { "If-Match": header },
      );
      assert.equal(res.status, 400, header);
      assert.match(String(res.body.error), /If-Match/);
    }
    const disagree = await call(
      articleRoute.PATCH as Handler,
      "PATCH",
      `${BASE}/articles/${id}`,
      aliceToken,
      { dek: "x", version: 2 },
      { "If-Match": '"1"' },
    );
    assert.equal(disagree.status, 400);
    const badField = await call(articleRoute.PATCH as Handler, "PATCH", `${BASE}/articles/${id}`, aliceToken, {
      dek: "x",
      version: "one",
    });
    assert.equal(badField.status, 422);
    assert.ok((badField.body.fields as Record<string, string>).version);
    const none = await call(articleRoute.PATCH as Handler, "PATCH", `${BASE}/articles/${id}`, aliceToken, {
      dek: "No precondition.",
    });
    assert.equal(none.status, 428);
    assert.match(String(none.body.error), /If-Match with the ETag of your GET/);
    assert.match(String(none.body.error), /If-Match: \*/);
    const row = await db().article.findUniqueOrThrow({ where: { id } });
    assert.equal(row.version, 1, "a 428 changes nothing");
    assert.notEqual(row.dek, "No precondition.");
    const emptyHeader = await call(
      articleRoute.PATCH as Handler,
      "PATCH",
      `${BASE}/articles/${id}`,
      aliceToken,
      { dek: "x" },
      { "If-Match": " " },
    );
    assert.equal(emptyHeader.status, 428);
    const star = await call(
      articleRoute.PATCH as Handler,
      "PATCH",
      `${BASE}/articles/${id}`,
      aliceToken,
      { dek: "Any version." },
      { "If-Match": "*" },
    );
    assert.equal(star.status, 200);
    assert.equal(star.etag, '"2"');
  });
});
