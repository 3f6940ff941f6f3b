import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { createApiToken } from "../auth/tokens";
import { Factory } from "../testing/factories";
import * as articlesRoute from "../../app/api/admin/v1/articles/route";
import * as authorsRoute from "../../app/api/admin/v1/authors/route";

/**
 * `Idempotency-Key` on the admin API's POSTs, through the route handlers with real Requests and PostgreSQL: a
 * retried create answers with the first result and writes nothing new.
 */

const f = new Factory();
const BASE = "http://localhost:3000/api/admin/v1";
let token = "";
let otherToken = "";
let section: { slug: string };
let author: { slug: string };

type Handler = (request: Request, context: never) => Promise<Response>;

function post(handler: Handler, path: string, json: unknown, headers: Record<string, string>) {
  const request = new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(json),
  });
  return handler(request, {} as never).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    body: JSON.parse(await response.text()) as Record<string, unknown>,
  }));
}

const postArticle = async (json: unknown, key: string | null, bearer = token) => {
  const res = await post(articlesRoute.POST as Handler, "/articles", json, {
    authorization: `Bearer ${bearer}`,
    ...(key === null ? {} : { "idempotency-key": key }),
  });
  if (res.status === 201 && !res.headers.get("idempotent-replayed")) f.track("articles", res.body.id as number);
  return res;
};

const articleJson = (headline: string, over: Record<string, unknown> = {}) => ({
  headline,
  section: section.slug,
  authors: [author.slug],
  body: { html: "<p>From the wire.</p>" },
  ...over,
});

const countHeadline = (headline: string) => db().article.count({ where: { headline } });
const newKey = () => `key-${f.suffix}-${Math.random().toString(36).slice(2)}`;

before(async () => {
  await f.ensurePublication();
  const editor = await f.user({ role: "EDITOR" });
  token = (await createApiToken({ email: editor.email, name: "idempotency test" })).token;
  otherToken = (await createApiToken({ email: editor.email, name: "idempotency test 2" })).token;
  section = await f.section();
  author = await f.author();
});

after(async () => {
  // Deleting the user deletes its tokens and, with them, their idempotency keys.
  await f.cleanup();
  await disconnectDb();
});

test("a retried create with the same key answers the first result and writes no duplicate", async () => {
  const headline = `Retried story ${f.suffix}`;
  const key = newKey();
  const first = await postArticle(articleJson(headline), key);
  assert.equal(first.status, 201);
  const retry = await postArticle(articleJson(headline), key);
  assert.equal(retry.status, 201);
  assert.equal(retry.body.id, first.body.id);
  assert.equal(retry.headers.get("location"), `/api/admin/v1/articles/${String(first.body.id)}`);
  assert.equal(retry.headers.get("idempotent-replayed"), "true");
  assert.equal(await countHeadline(headline), 1);
});

test("without a key, a repeated POST creates twice (the header is what makes retries safe)", async () => {
  const headline = `Unkeyed story ${f.suffix}`;
  assert.equal((await postArticle(articleJson(headline), null)).status, 201);
  assert.equal((await postArticle(articleJson(headline), null)).status, 201);
  assert.equal(await countHeadline(headline), 2);
});

test("the same key with a different body is refused with 422 and writes nothing", async () => {
  const key = newKey();
  const headline = `Keyed once ${f.suffix}`;
  assert.equal((await postArticle(articleJson(headline), key)).status, 201);
  const other = await postArticle(articleJson(`${headline} (edited)`), key);
  assert.equal(other.status, 422);
  assert.equal(
    other.body.error,
    "This Idempotency-Key was already used for a different request (another method, path or body). Use a new key for a new request.",
  );
  assert.equal(await countHeadline(`${headline} (edited)`), 0);
});

test("keys are scoped to the token: another token's same key is a new request", async () => {
  const key = newKey();
  const headline = `Two tokens ${f.suffix}`;
  const mine = await postArticle(articleJson(headline), key);
  const theirs = await postArticle(articleJson(headline), key, otherToken);
  assert.equal(mine.status, 201);
  assert.equal(theirs.status, 201);
  assert.notEqual(theirs.body.id, mine.body.id);
  assert.equal(await countHeadline(headline), 2);
});

test("concurrent requests with one key write once; the loser waits (409) or gets the first answer", async () => {
  const key = newKey();
  const headline = `Concurrent story ${f.suffix}`;
  const results = await Promise.all([1, 2, 3, 4].map(() => postArticle(articleJson(headline), key)));
  const created = results.filter((r) => r.status === 201);
  assert.ok(created.length >= 1);
  assert.equal(new Set(created.map((r) => r.body.id)).size, 1);
  for (const r of results.filter((r) => r.status !== 201)) {
    assert.equal(r.status, 409);
    assert.equal(
      r.body.error,
      "A request with this Idempotency-Key is still being processed. Retry in a few seconds to get its answer.",
    );
  }
  assert.equal(await countHeadline(headline), 1);
});

test("a failed request keeps no answer: the same key and body succeed once the cause is fixed", async () => {
  const key = newKey();
  const slug = f.unique("later-author");
  const json = articleJson(`After a fix ${f.suffix}`, { authors: [slug] });
  const failed = await postArticle(json, key);
  assert.equal(failed.status, 422);
  await f.author({ slug });
  const retried = await postArticle(json, key);
  assert.equal(retried.status, 201);
  assert.equal(retried.headers.get("idempotent-replayed"), null);
});

test("an expired key is forgotten: the request runs again", async () => {
  const key = newKey();
  const headline = `Expired key ${f.suffix}`;
  const first = await postArticle(articleJson(headline), key);
  await db().idempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const later = await postArticle(articleJson(headline), key);
  assert.equal(later.status, 201);
  assert.notEqual(later.body.id, first.body.id);
});

test("other POSTs take the key too (authors)", async () => {
  const key = newKey();
  const name = `Keyed Author ${f.suffix}`;
  const headers = { authorization: `Bearer ${token}`, "idempotency-key": key };
  const first = await post(authorsRoute.POST as Handler, "/authors", { name }, headers);
  const retry = await post(authorsRoute.POST as Handler, "/authors", { name }, headers);
  assert.equal(first.status, 201);
  f.track("authors", first.body.id as number);
  assert.equal(retry.body.id, first.body.id);
  assert.equal(await db().author.count({ where: { name } }), 1);
});

test("a malformed key is a 400 with a reason", async () => {
  const res = await postArticle(articleJson(`Bad key ${f.suffix}`), "x".repeat(300));
  assert.equal(res.status, 400);
  assert.equal(
    res.body.error,
    "The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).",
  );
});
