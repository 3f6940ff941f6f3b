import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { articleJsonLd, authorJsonLd, homeJsonLd, serializeJsonLd } from "./json-ld";
import { isoWithOffset } from "../time/zones";
import { articleMetadata, notFoundMetadata, sectionMetadata, summarize, tagMetadata } from "./metadata";

/** Pure rules of lib/seo: what crawlers are told, checked without a server. */

const SITE = "https://news.example";
/** What a crawler reads: the serialised documents parsed back. */
type Doc = Record<string, unknown>;
const plain = (docs: unknown): Doc[] => JSON.parse(serializeJsonLd(docs)) as Doc[];
const site = { name: "The Test Chronicle", tagline: "Daily", language: "en", timeZone: "Europe/Berlin" };

const article = {
  id: 7,
  url: "/2026/11/28/hello-a7",
  headline: "Hello </script><script>alert(1)</script>",
  description: "A dek",
  type: "OPINION" as const,
  publishedAt: "2026-11-28T09:30:00.000Z",
  modifiedAt: "2026-11-28T10:00:00.000Z",
  section: { name: "Opinion", url: "/opinion" },
  authors: [
    { name: "Ann", url: "/authors/ann" },
    { name: "Bob", url: "/authors/bob" },
  ],
  tags: [{ name: "Trams" }],
  heroMediaId: 12,
  imageAlt: "",
};

describe("serializeJsonLd", () => {
  test("cannot close the script element and round-trips", () => {
    const data = { headline: "a </script><!-- & \u2028 \u2029 >" };
    const out = serializeJsonLd(data);
    assert.doesNotMatch(out, /<|>|&|\u2028|\u2029/);
    assert.deepEqual(JSON.parse(out), data);
  });
});

describe("isoWithOffset", () => {
  test("gives the publication's offset for the same instant", () => {
    assert.equal(isoWithOffset("2026-11-28T09:30:00.000Z", "Europe/Berlin"), "2026-11-28T10:30:00+01:00");
    assert.equal(isoWithOffset("2026-07-01T09:30:00.000Z", "Europe/Berlin"), "2026-07-01T11:30:00+02:00");
    assert.equal(isoWithOffset("2026-11-28T09:30:00.000Z", "UTC"), "2026-11-28T09:30:00+00:00");
    assert.equal(
      Date.parse(isoWithOffset("2026-11-28T09:30:00.000Z", "Asia/Kolkata")),
      Date.parse("2026-11-28T09:30:00.000Z"),
    );
  });
});

describe("article structured data", () => {
  const [main, crumbs] = plain(articleJsonLd(site, article, SITE)) as [Doc, Doc];
  test("opinion type, separate Person authors with absolute urls, three crops", () => {
    assert.equal(main["@type"], "OpinionNewsArticle");
    assert.deepEqual(main.author, [
      { "@type": "Person", name: "Ann", url: `${SITE}/authors/ann` },
      { "@type": "Person", name: "Bob", url: `${SITE}/authors/bob` },
    ]);
    assert.deepEqual(main.image, [`${SITE}/img/12/16x9.jpg`, `${SITE}/img/12/4x3.jpg`, `${SITE}/img/12/1x1.jpg`]);
    assert.equal(main.datePublished, "2026-11-28T10:30:00+01:00");
    assert.equal(main.isAccessibleForFree, true);
    assert.deepEqual(main.keywords, ["Trams"]);
    assert.equal(crumbs["@type"], "BreadcrumbList");
  });
  test("analysis and news types; no image without a hero", () => {
    const [analysis] = plain(articleJsonLd(site, { ...article, type: "ANALYSIS", heroMediaId: null }, SITE));
    assert.equal(analysis!["@type"], "AnalysisNewsArticle");
    assert.equal(analysis!.image, undefined);
    const [news] = plain(articleJsonLd(site, { ...article, type: "FEATURE" }, SITE));
    assert.equal(news!["@type"], "NewsArticle");
  });
  test("corrections are CorrectionComment items with text and a dated datePublished; none, no property", () => {
    const corrected = {
      ...article,
      modifiedAt: "2026-11-30T08:15:00.000Z",
      corrections: [{ text: "The vote was 7–2, not 6–3.", at: "2026-11-30T08:15:00.000Z" }],
    };
    const [main] = plain(articleJsonLd(site, corrected, SITE));
    assert.deepEqual(main!.correction, [
      { "@type": "CorrectionComment", text: "The vote was 7–2, not 6–3.", datePublished: "2026-11-30T09:15:00+01:00" },
    ]);
    assert.equal(main!.dateModified, "2026-11-30T09:15:00+01:00");
    const [plainArticle] = plain(articleJsonLd(site, article, SITE));
    assert.equal(plainArticle!.correction, undefined);
  });
  test("home and author documents", () => {
    assert.deepEqual(
      plain(homeJsonLd(site, SITE)).map((d) => d["@type"]),
      ["WebSite", "NewsMediaOrganization"],
    );
    const [profile] = plain(
      authorJsonLd(
        site,
        { name: "Ann", url: "/authors/ann", jobTitle: "", bio: "", photoUrl: null, links: [{ url: "javascript:x" }] },
        SITE,
      ),
    );
    assert.equal(profile!["@type"], "ProfilePage");
    assert.deepEqual((profile!.mainEntity as Record<string, unknown>).url, `${SITE}/authors/ann`);
    assert.equal((profile!.mainEntity as Record<string, unknown>).sameAs, undefined);
  });
});

describe("metadata", () => {
  test("article: absolute canonical, article OpenGraph, social card, large previews", () => {
    const m = articleMetadata(site, article, SITE);
    assert.deepEqual(m.title, { absolute: `${article.headline} — ${site.name}` });
    assert.equal(m.alternates?.canonical, `${SITE}${article.url}`);
    const og = m.openGraph as Record<string, unknown>;
    assert.equal(og.type, "article");
    assert.deepEqual(og.authors, [`${SITE}/authors/ann`, `${SITE}/authors/bob`]);
    assert.equal(og.section, "Opinion");
    assert.equal((og.images as { url: string }[])[0]!.url, `${SITE}/img/og/7.jpg`);
    assert.equal((m.twitter as { card: string }).card, "summary_large_image");
    assert.equal((m.robots as Record<string, unknown>)["max-image-preview"], "large");
  });
  test("pagination pages are self-canonical with distinct titles; feeds are advertised", () => {
    const one = sectionMetadata(site, { name: "City", description: "", url: "/city", page: 1 }, SITE);
    const two = sectionMetadata(site, { name: "City", description: "", url: "/city", page: 2 }, SITE);
    assert.equal(one.alternates?.canonical, `${SITE}/city`);
    assert.equal(two.alternates?.canonical, `${SITE}/city?page=2`);
    assert.notDeepEqual(one.title, two.title);
    const rss = (one.alternates?.types as Record<string, { url: string }[]>)["application/rss+xml"]!.map((l) => l.url);
    assert.deepEqual(rss, [`${SITE}/feed.xml`, `${SITE}/city/feed.xml`]);
    const atom = (
      tagMetadata(site, { name: "Trams", slug: "trams", page: 1 }, SITE).alternates?.types as Record<
        string,
        { url: string }[]
      >
    )["application/atom+xml"]!;
    assert.deepEqual(
      atom.map((l) => l.url),
      [`${SITE}/atom.xml`, `${SITE}/tags/trams/atom.xml`],
    );
  });
  test("error pages claim no canonical and drop the indexable default (Next adds noindex to every 404)", () => {
    const m = notFoundMetadata(site);
    assert.equal(m.robots, null);
    assert.equal(m.alternates, undefined);
  });
  test("summaries are cut at a word", () => {
    assert.equal(summarize("word ".repeat(100), 20), "word word word…");
    assert.equal(summarize("abcdefghij ".repeat(3), 16), "abcdefghij…");
    assert.equal(summarize("  short  text "), "short text");
  });
});
