import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { readPublication, type PublicationSettings } from "../settings/publication";
import { Factory } from "../testing/factories";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { xmlVisible, xssCorpus, XML_HOSTILE } from "../testing/hostile";
import { FEED_SIZE, loadFeed, renderFeed, type FeedItem } from "./feeds";

/** What fast-xml-parser makes of our RSS and Atom documents, as far as these tests read them. */
type Title = string | { "#text"?: string };
type ParsedFeed = { rss?: { channel: { item: { title: Title }[] } }; feed?: { entry: { title: Title }[] } };
const itemsOf = (doc: ParsedFeed, format: "rss" | "atom") =>
  (format === "rss" ? doc.rss?.channel.item : doc.feed?.entry) ?? [];
const titleText = (title: Title | undefined) => (typeof title === "object" ? title["#text"] : title);

/** What a feed reader gets for the site, a section, an author and a tag: published articles only, newest first. */

const f = new Factory();
let publication: PublicationSettings;
const at = (day: number) => new Date(Date.UTC(2030, 2, day, 8));
const made = {} as Record<
  "section" | "other" | "author" | "coAuthor" | "tag",
  { id: number; slug: string; name: string }
> &
  Record<"old" | "fresh" | "elsewhere" | "draft" | "unpublished" | "takenDown", { id: number; headline: string }>;

before(async () => {
  await f.ensurePublication();
  publication = await readPublication();
  made.section = await f.section({ name: "Harbour & Docks" });
  made.other = await f.section();
  made.author = await f.author({ name: "Ada Lovelace" });
  made.coAuthor = await f.author({ name: "Grace Hopper" });
  made.tag = await f.tag();
  const hero = await f.media({ storageKey: `2030/03/${f.suffix}feedheroimage01.jpg` });
  made.old = await f.article({
    sectionId: made.section.id,
    authorIds: [made.author.id],
    tagIds: [made.tag.id],
    headline: "Older harbour story",
    publishedAt: at(1),
  });
  made.fresh = await f.article({
    sectionId: made.section.id,
    authorIds: [made.author.id, made.coAuthor.id],
    tagIds: [made.tag.id],
    headline: "Cranes <return> & stay",
    dek: "The standfirst of the fresh story.",
    publishedAt: at(5),
    heroMediaId: hero.id,
  });
  made.elsewhere = await f.article({
    sectionId: made.other.id,
    authorIds: [made.coAuthor.id],
    headline: "Elsewhere story",
    publishedAt: at(3),
  });
  const hidden = { sectionId: made.section.id, authorIds: [made.author.id], tagIds: [made.tag.id] };
  made.draft = await f.article({ ...hidden, status: "DRAFT", headline: "Draft harbour story" });
  made.unpublished = await f.article({
    ...hidden,
    status: "UNPUBLISHED",
    headline: "Unpublished harbour story",
    publishedAt: at(6),
  });
  made.takenDown = await f.article({
    ...hidden,
    status: "TAKEN_DOWN",
    headline: "Taken-down harbour story",
    publishedAt: at(7),
  });
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

const titles = (data: { items: { title: string }[] } | null) => (data?.items ?? []).map((i) => i.title);
const hiddenTitles = ["Draft harbour story", "Unpublished harbour story", "Taken-down harbour story"];

describe("feed scopes", () => {
  test("a section feed lists its published articles newest first, nothing hidden, nothing from other sections", async () => {
    const data = await loadFeed({ kind: "section", slug: made.section.slug }, publication);
    assert.deepEqual(titles(data), ["Cranes <return> & stay", "Older harbour story"]);
    assert.match(data!.title, /Harbour & Docks/);
  });

  test("an author feed lists every article they (co-)wrote", async () => {
    assert.deepEqual(titles(await loadFeed({ kind: "author", slug: made.coAuthor.slug }, publication)), [
      "Cranes <return> & stay",
      "Elsewhere story",
    ]);
    assert.deepEqual(titles(await loadFeed({ kind: "author", slug: made.author.slug }, publication)), [
      "Cranes <return> & stay",
      "Older harbour story",
    ]);
  });

  test("a tag feed lists the tagged articles", async () => {
    assert.deepEqual(titles(await loadFeed({ kind: "tag", slug: made.tag.slug }, publication)), [
      "Cranes <return> & stay",
      "Older harbour story",
    ]);
  });

  test("the site feed holds the newest 50 and never a hidden article", async () => {
    const data = await loadFeed({ kind: "site" }, publication);
    assert.ok(data!.items.length <= FEED_SIZE);
    for (const hidden of hiddenTitles) assert.ok(!titles(data).includes(hidden), hidden);
  });

  test("unknown or malformed scopes name nothing", async () => {
    for (const scope of [
      { kind: "section", slug: `nope-${f.suffix}` },
      { kind: "author", slug: `nope-${f.suffix}` },
      { kind: "tag", slug: `nope-${f.suffix}` },
      { kind: "tag", slug: "../../etc" },
      { kind: "section", slug: "UPPER" },
    ] as const) {
      assert.equal(await loadFeed(scope, publication), null, JSON.stringify(scope));
    }
  });
});

describe("feed documents", () => {
  test("RSS 2.0 carries summary, authors, categories and the hero as an enclosure, escaped", async () => {
    const data = (await loadFeed({ kind: "section", slug: made.section.slug }, publication))!;
    const rss = renderFeed(data, "rss", publication);
    assert.match(rss, /<rss version="2.0"/);
    assert.ok(
      rss.includes("Cranes &lt;return&gt; &amp; stay") || rss.includes("<![CDATA[Cranes <return> & stay]]>"),
      "title escaped",
    );
    assert.ok(rss.includes("The standfirst of the fresh story."));
    assert.ok(rss.includes("Ada Lovelace") && rss.includes("Grace Hopper"), "both authors");
    assert.ok(
      (rss.includes(made.tag.name) && rss.includes("Harbour &amp; Docks")) ||
        rss.includes("<![CDATA[Harbour & Docks]]>"),
      "section and tag as categories",
    );
    const enclosure = /<enclosure [^>]*>/.exec(rss)?.[0] ?? "";
    assert.match(enclosure, new RegExp(`url="[^"]*/media/2030/03/${f.suffix}feedheroimage01.jpg"`));
    assert.match(enclosure, /length="1000"/);
    assert.match(enclosure, /type="image\/jpeg"/);
    for (const hidden of hiddenTitles) assert.ok(!rss.includes(hidden));
  });

  test("Atom carries the same items with authors and an enclosure link", async () => {
    const data = (await loadFeed({ kind: "author", slug: made.coAuthor.slug }, publication))!;
    const atom = renderFeed(data, "atom", publication);
    assert.match(atom, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.equal((atom.match(/<entry>/g) ?? []).length, 2);
    assert.match(atom, /<author>\s*<name>Grace Hopper<\/name>/);
    assert.match(atom, /rel="enclosure"/);
    assert.ok(atom.includes("<published>2030-03-05T08:00:00.000Z</published>"));
  });
});

describe("hostile text (issue 8, finding 4)", () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    isArray: (name) => ["item", "entry", "category", "author", "link"].includes(name),
  });
  const item = (i: number, text: string): FeedItem => ({
    id: i,
    url: `https://news.example/2030/03/05/story-a${i}`,
    title: text,
    summary: text,
    publishedAt: at(5),
    updatedAt: at(5),
    authors: [{ name: text, url: "https://news.example/authors/a?x=1&y=2" }],
    categories: [text, `Tag ${text}`],
    image: null,
  });

  test("every RSS and Atom feed of hostile headlines, names and tags is well-formed XML with exactly its items", () => {
    const corpus = [...XML_HOSTILE, ...xssCorpus().map((p) => p.text)];
    let checked = 0;
    for (const [i, text] of corpus.entries()) {
      const data = {
        title: text,
        description: text,
        path: "/tags/x",
        items: [item(i + 1, text), item(i + 1000, "Plain")],
      };
      for (const format of ["rss", "atom"] as const) {
        const xml = renderFeed(data, format, publication);
        const valid = XMLValidator.validate(xml);
        assert.equal(valid, true, `${format} for ${JSON.stringify(text)}: ${JSON.stringify(valid)}`);
        const items = itemsOf(parser.parse(xml) as ParsedFeed, format);
        assert.equal(items.length, 2, `${format}: no item may be injected by ${JSON.stringify(text)}`);
        const title = titleText(items[0]?.title);
        // XML parsers read CR LF as LF (XML 1.0 §2.11); everything else must read exactly as written.
        assert.equal(String(title), xmlVisible(text).replace(/\r\n?/g, "\n").trim(), `${format} title round-trips`);
        checked++;
      }
    }
    assert.ok(checked >= 2 * 150, `checked ${checked} feeds`);
  });

  test("a stored headline with two CDATA ends and a tag and section with '<' keep the site, section, author and tag feeds well-formed", async () => {
    const section = await f.section({ name: "Opinion <& Letters>" });
    const author = await f.author({ name: 'Eve "</name><name>Mallory"' });
    const tag = await f.tag(`Tag <b> ]]> ${f.suffix}`);
    const headline = "Budget ]]> passes ]]><item><title>Free money</title><link>https://evil.example/</link></item>";
    await f.article({
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      headline,
      publishedAt: new Date(Date.UTC(2031, 0, 1)),
    });
    const scopes = [
      { kind: "site" },
      { kind: "section", slug: section.slug },
      { kind: "author", slug: author.slug },
      { kind: "tag", slug: tag.slug },
    ] as const;
    for (const scope of scopes) {
      const data = await loadFeed(scope, publication);
      for (const format of ["rss", "atom"] as const) {
        const xml = renderFeed(data!, format, publication);
        assert.equal(XMLValidator.validate(xml), true, `${scope.kind} ${format}`);
        assert.ok(!xml.includes("<title>Free money</title>"), `${scope.kind} ${format}: no injected item`);
        const items = itemsOf(parser.parse(xml) as ParsedFeed, format);
        const first = titleText(items[0]?.title);
        assert.equal(first, headline, `${scope.kind} ${format}: the headline reads as written`);
      }
    }
  });
});
