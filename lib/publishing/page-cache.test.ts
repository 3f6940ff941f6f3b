import { test } from "node:test";
import assert from "node:assert/strict";
import { PageCache } from "./page-cache";

const html = (cacheControl: string, extra: Record<string, string> = {}) => ({
  status: 200,
  headers: new Headers({ "content-type": "text/html; charset=utf-8", "cache-control": cacheControl, ...extra }),
  body: Buffer.from("<html><body>The tram line</body></html>"),
});

test("stores only what Next marks publicly cacheable", () => {
  const cache = new PageCache();
  assert.equal(cache.store("/a", html("s-maxage=31536000"), cache.generation), true);
  assert.equal(cache.store("/home", html("private, no-cache, no-store, max-age=0, must-revalidate"), cache.generation), false);
  assert.equal(cache.store("/feed", html("public, max-age=0, must-revalidate"), cache.generation), false);
  assert.equal(cache.store("/cookie", html("s-maxage=60", { "set-cookie": "bs_session=x" }), cache.generation), false);
  assert.equal(cache.store("/missing", { ...html("s-maxage=60"), status: 404 }, cache.generation), false);
  const hit = cache.get("/a");
  assert.ok(hit);
  assert.match(hit.body.toString(), /The tram line/);
  assert.ok(hit.gzip.length > 0);
});

test("a purge empties the cache, and a render that began before it is not stored after it", () => {
  const cache = new PageCache();
  cache.store("/a", html("s-maxage=60"), cache.generation);
  const before = cache.generation;
  cache.purge();
  assert.equal(cache.get("/a"), undefined);
  assert.equal(cache.store("/a", html("s-maxage=60"), before), false, "a stale render must not be cached");
  assert.equal(cache.store("/a", html("s-maxage=60"), cache.generation), true);
});

test("entries expire after s-maxage (capped at five minutes) and the least recently used go first", () => {
  const cache = new PageCache({ maxBytes: 10_000_000, maxEntries: 2 });
  const t0 = 1_000_000;
  cache.store("/short", html("s-maxage=10"), cache.generation, t0);
  assert.ok(cache.get("/short", t0 + 9_000));
  assert.equal(cache.get("/short", t0 + 10_000), undefined);
  cache.store("/long", html("s-maxage=31536000"), cache.generation, t0);
  assert.equal(cache.get("/long", t0 + 5 * 60 * 1000), undefined, "capped at five minutes");

  cache.store("/1", html("s-maxage=60"), cache.generation, t0);
  cache.store("/2", html("s-maxage=60"), cache.generation, t0);
  cache.get("/1", t0);
  cache.store("/3", html("s-maxage=60"), cache.generation, t0);
  assert.ok(cache.get("/1", t0), "recently read entry survives");
  assert.equal(cache.get("/2", t0), undefined, "least recently used entry is evicted");
});
