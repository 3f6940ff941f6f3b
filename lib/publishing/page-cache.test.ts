import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { PageCache, type Rendered, type Served } from "./page-cache";

/**
 * The cache's own rules, with a stand-in for Next: a "site" whose pages and tags the test edits, and renders that
 * the test can hold open to interleave them with purges. The real server path is covered by the e2e suites.
 */
type Page = { body: string; tags: string[]; status?: number; freshFor?: number; staticDocument?: boolean };

function site(initial: Record<string, Page>) {
  const pages = new Map(Object.entries(initial));
  const gates = new Map<string, { open: () => void; promise: Promise<void>; once: boolean }>();
  let renders = 0;
  const render = async (key: string): Promise<Rendered> => {
    renders += 1;
    // Read the content when the render starts, like a real render reads the database.
    const page = pages.get(key);
    const gate = gates.get(key);
    if (gate?.once) gates.delete(key);
    await gate?.promise;
    if (!page)
      return {
        status: 404,
        headers: [["content-type", "text/html"]],
        body: Buffer.from("missing"),
        dependencies: null,
      };
    return {
      status: page.status ?? 200,
      headers: [["content-type", "text/html; charset=utf-8"]],
      body: Buffer.from(page.body),
      dependencies: {
        tags: new Set(page.tags),
        freshFor: page.freshFor ?? Infinity,
        staticDocument: page.staticDocument,
      },
    };
  };
  return {
    render,
    pages,
    get renders() {
      return renders;
    },
    /** Holds the renders of `key` (only the next one with `once`) until the returned function is called. */
    hold(key: string, once = false) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gates.set(key, { open, promise, once });
      return () => {
        if (gates.get(key)?.promise === promise) gates.delete(key);
        open();
      };
    },
  };
}

const text = (served: Served) =>
  "page" in served ? gunzipSync(served.page.gzip).toString() : served.rendered.body.toString();
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("page cache", () => {
  test("stores a 200 that declared its dependencies and serves it as a HIT; a 404 or an undeclared page is BYPASS", async () => {
    const s = site({ "/a": { body: "A1", tags: ["article:1"] }, "/plain": { body: "no tags", tags: [] } });
    const cache = new PageCache({ render: s.render });
    assert.equal((await cache.get("/a")).state, "MISS");
    const hit = await cache.get("/a");
    assert.equal(hit.state, "HIT");
    assert.equal(text(hit), "A1");
    assert.equal((await cache.get("/missing")).state, "BYPASS");
    assert.equal((await cache.get("/missing")).state, "BYPASS", "a 404 is never stored");
    assert.equal((await cache.get("/plain")).state, "BYPASS");
    assert.equal(s.renders, 4);
  });

  test("a soft purge serves the old copy as STALE only until the refresh it starts has finished", async () => {
    const s = site({ "/a": { body: "A1", tags: ["article:1"] } });
    const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
    await cache.get("/a");
    s.pages.set("/a", { body: "A2", tags: ["article:1"] });
    const release = s.hold("/a");
    await cache.revalidate({ soft: ["article:1"] });
    const stale = await cache.get("/a");
    assert.equal(stale.state, "STALE");
    assert.equal(text(stale), "A1");
    release();
    await settle();
    const fresh = await cache.get("/a");
    assert.equal(fresh.state, "HIT");
    assert.equal(text(fresh), "A2");
  });

  test("a refresh re-renders in the background and serves the current copy as a HIT meanwhile, never STALE", async () => {
    const s = site({ "/": { body: "ranking 1", tags: ["list:most-read"] } });
    const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
    await cache.get("/");
    s.pages.set("/", { body: "ranking 2", tags: ["list:most-read"] });
    const release = s.hold("/");
    await cache.revalidate({ refresh: ["list:most-read"] });
    const during = await cache.get("/");
    assert.equal(during.state, "HIT");
    assert.equal(text(during), "ranking 1");
    release();
    await settle();
    const after = await cache.get("/");
    assert.equal(after.state, "HIT");
    assert.equal(text(after), "ranking 2");
  });

  test("revalidate returns only after the pages it touched are fresh, so the next request is a HIT with the change", async () => {
    const s = site({
      "/": { body: "home v1", tags: ["list:latest", "article:1"] },
      "/a": { body: "A1", tags: ["article:1"] },
    });
    const cache = new PageCache({ render: s.render });
    await cache.get("/");
    await cache.get("/a");
    s.pages.set("/", { body: "home v2", tags: ["list:latest", "article:1", "article:2"] });
    s.pages.set("/b", { body: "B1", tags: ["article:2"] });
    await cache.revalidate({ soft: ["list:latest", "article:2"], warm: ["/b"] });
    const home = await cache.get("/");
    assert.equal(home.state, "HIT");
    assert.equal(text(home), "home v2");
    assert.equal((await cache.get("/b")).state, "HIT", "the warmed page is cached before anyone asked");
    assert.equal(text(await cache.get("/a")), "A1");
  });

  test("an unrelated purge leaves a page fresh (HIT) and does not render it again", async () => {
    const s = site({ "/a": { body: "A1", tags: ["article:1", "section:news"] } });
    const cache = new PageCache({ render: s.render });
    await cache.get("/a");
    const before = s.renders;
    await cache.revalidate({ soft: ["list:latest", "list:section:news", "article:2"] });
    assert.equal((await cache.get("/a")).state, "HIT");
    assert.equal(s.renders, before);
  });

  test("a hard purge deletes: nobody is served the old copy again", async () => {
    const s = site({
      "/a": { body: "A1", tags: ["article:1"] },
      "/": { body: "home with A", tags: ["article:1", "list:latest"] },
    });
    const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
    await cache.get("/a");
    await cache.get("/");
    s.pages.delete("/a");
    s.pages.set("/", { body: "home without A", tags: ["list:latest"] });
    const release = s.hold("/");
    await cache.revalidate({ hard: ["article:1", "list:latest"] });
    assert.equal(cache.peek("/a"), undefined);
    assert.equal(cache.peek("/"), undefined);
    const pending = cache.get("/");
    release();
    const home = await pending;
    assert.equal(text(home), "home without A", "the reader waited for the new render instead of getting the old page");
    assert.equal((await cache.get("/a")).state, "BYPASS");
  });

  test("purge race: a render that started before a purge is never stored, and later readers do not join it", async () => {
    const s = site({ "/a": { body: "A1", tags: ["article:1"] } });
    const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
    const release = s.hold("/a");
    const early = cache.get("/a"); // starts rendering A1
    await settle();
    s.pages.set("/a", { body: "A2", tags: ["article:1"] }); // the edit commits…
    const purged = cache.revalidate({ soft: ["article:1"] }); // …and purges while A1 is still rendering
    const late = cache.get("/a"); // a reader after the purge
    release();
    await purged;
    assert.equal(text(await early), "A1", "the reader who came before the change may get the old page");
    assert.equal(text(await late), "A2", "a reader after the change never gets the old render");
    await settle();
    const now = await cache.get("/a");
    assert.equal(text(now), "A2", "the old render was not stored over the new one");
  });

  test("purge race, the other order: an old render finishing last never replaces the newer page", async () => {
    for (const kind of ["soft", "hard"] as const) {
      const s = site({ "/a": { body: "A1", tags: ["article:1"] } });
      const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
      const release = s.hold("/a", true); // only the first render is held
      const early = cache.get("/a");
      await settle();
      s.pages.set("/a", { body: "A2", tags: ["article:1"] });
      await cache.revalidate({ [kind]: ["article:1"] });
      assert.equal(text(await cache.get("/a")), "A2", `${kind}: a reader after the change waits for the new render`);
      release();
      assert.equal(text(await early), "A1");
      await settle();
      const now = await cache.get("/a");
      assert.equal(text(now), "A2", `${kind}: the early render did not overwrite the newer page`);
      assert.equal(now.state, "HIT");
    }
  });

  test("a render that a soft purge overtook is kept as stale (readers get it at once) and re-rendered", async () => {
    const s = site({ "/a": { body: "A1", tags: ["article:1"] } });
    const cache = new PageCache({ render: s.render, refreshBeforeReturn: 0 });
    const release = s.hold("/a", true);
    const early = cache.get("/a");
    await settle();
    s.pages.set("/a", { body: "A2", tags: ["article:1"] });
    await cache.revalidate({ soft: ["article:1"] });
    release();
    await early;
    await settle();
    const now = await cache.get("/a");
    assert.equal(text(now), "A2", "the stale copy was replaced by a render queued when it was stored");
  });

  test("entries expire after the shortest lifetime their render asked for, then refresh in the background", async () => {
    let clock = 1_000_000;
    const s = site({ "/news-sitemap.xml": { body: "v1", tags: ["list:latest"], freshFor: 600 } });
    const cache = new PageCache({ render: s.render, now: () => clock });
    await cache.get("/news-sitemap.xml");
    clock += 599_000;
    assert.equal((await cache.get("/news-sitemap.xml")).state, "HIT");
    clock += 2_000;
    s.pages.set("/news-sitemap.xml", { body: "v2", tags: ["list:latest"], freshFor: 600 });
    assert.equal((await cache.get("/news-sitemap.xml")).state, "STALE");
    await settle();
    assert.equal(text(await cache.get("/news-sitemap.xml")), "v2");
  });

  test("a page that declared it needs no JavaScript is stored without Next's scripts; others keep theirs", async () => {
    const html = `<html><head><script src="/_next/static/chunks/app.js" async=""></script></head><body><p>Story</p><script>self.__next_f.push([1,"x"])</script></body></html>`;
    const s = site({
      "/reader": { body: html, tags: ["article:1"], staticDocument: true },
      "/other": { body: html, tags: ["article:2"] },
    });
    const cache = new PageCache({ render: s.render });
    assert.equal(text(await cache.get("/reader")), "<html><head></head><body><p>Story</p></body></html>");
    assert.equal(text(await cache.get("/other")), html);
  });

  test("memory is bounded by bytes: old entries are evicted, never the budget exceeded", async () => {
    const pages: Record<string, Page> = {};
    // Incompressible bodies, so the gzipped size is close to the raw size.
    for (let i = 0; i < 200; i++)
      pages[`/p${i}`] = {
        body: Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 256))).toString("base64"),
        tags: [`article:${i}`],
      };
    const s = site(pages);
    const maxBytes = 1024 * 1024;
    const cache = new PageCache({ render: s.render, maxBytes });
    for (let i = 0; i < 200; i++) await cache.get(`/p${i}`);
    assert.ok(cache.size.bytes <= maxBytes, `${cache.size.bytes} bytes held`);
    assert.ok(cache.size.entries < 200 && cache.size.entries > 10);
    assert.equal((await cache.get("/p199")).state, "HIT", "the most recent page is kept");
    assert.equal((await cache.get("/p0")).state, "MISS", "the oldest was evicted");
    // Evicted entries leave the tag index too: purging their tags touches nothing.
    const result = await cache.revalidate({ soft: ["article:1"] });
    assert.equal(result.soft, 0);
  });
});
