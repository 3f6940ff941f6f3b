import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isCrossSiteWrite } from "./same-origin";

const site = "http://localhost:3000";
const write = (over: Partial<Parameters<typeof isCrossSiteWrite>[0]>) =>
  isCrossSiteWrite({
    method: "POST",
    origin: null,
    secFetchSite: null,
    host: "localhost:3000",
    siteUrl: site,
    ...over,
  });

describe("cross-site writes", () => {
  test("a post from another origin is refused", () => {
    assert.equal(write({ origin: "http://evil.example" }), true);
    assert.equal(write({ origin: "http://localhost:3001" }), true, "another port is another origin");
    assert.equal(write({ origin: "null" }), true);
    assert.equal(write({ secFetchSite: "cross-site" }), true);
  });

  test("our own pages, reads and non-browser clients go on", () => {
    assert.equal(write({ origin: "http://localhost:3000", secFetchSite: "same-origin" }), false);
    assert.equal(
      write({ origin: "https://news.example", host: "news.example" }),
      false,
      "the host the browser addressed",
    );
    assert.equal(write({ origin: null }), false, "no Origin: not a browser form (browsers send it on every POST)");
    assert.equal(write({ method: "GET", origin: "http://evil.example", secFetchSite: "cross-site" }), false);
  });
});
