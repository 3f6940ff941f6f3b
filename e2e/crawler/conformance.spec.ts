import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { articlePath } from "../../lib/articles/urls";
import { db } from "../../lib/db";
import { test, expect } from "../fixtures";

/**
 * The conformance crawl: what a search engine meets on every public page. Starts from `/` and, when it answers,
 * /sitemap.xml and its child sitemaps; follows internal links (bounded); and checks each page against the rules
 * in lib/seo — one absolute self-canonical, unique title, description, large image previews, JSON-LD per page
 * type (Person authors whose pages answer, dates with a zone, three real crop ratios ≥ 1200 px), alt on every
 * image, and no internal link that redirects or fails. It creates its own story but must pass on any valid content.
 */

const MAX_PAGES = 150;
/** Links not crawled as pages (past the bound, feeds, images) still get a status check, up to this many. */
const MAX_LINK_CHECKS = 300;
/** Crop checks make sharp work on the server: all of this test's articles, plus a sample of the rest. */
const MAX_IMAGE_ARTICLES = 8;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ARTICLE_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+-a\d+$/;
const RATIOS: Record<string, number> = { "16x9": 16 / 9, "4x3": 4 / 3, "1x1": 1 };

type Attrs = Record<string, string>;
type JsonLd = Record<string, unknown>;

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Attributes of every `<tag …>` in the HTML (enough for Next's well-formed output; no browser needed). */
function tagsOf(html: string, tag: string): Attrs[] {
  const out: Attrs[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "gi"))) {
    const attrs: Attrs = {};
    for (const a of m[1]!.matchAll(/([a-zA-Z:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = decode(a[2] ?? "");
    out.push(attrs);
  }
  return out;
}

function jsonLdOf(html: string): JsonLd[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as JsonLd,
  );
}

/**
 * Other specs' factories delete their rows straight from the database, without expiring the server's page cache,
 * so a cached list may still link to them for a while. The app itself never deletes without expiring (see
 * lib/publishing/revalidate.ts), so a 404 for an article, author, section or tag whose row no longer exists is a
 * leftover of test cleanup, not a broken link.
 */
async function isCleanedUpRow(rawPathname: string): Promise<boolean> {
  // A scope's feeds live and die with the scope: /<section>/feed.xml is a ghost exactly when /<section> is.
  const pathname = rawPathname.replace(/(?<=.)\/(feed|atom)\.xml$/, "");
  const article = /-a(\d+)$/.exec(pathname);
  if (ARTICLE_PATH.test(pathname) && article)
    return (await db().article.count({ where: { id: Number(article[1]) } })) === 0;
  const author = /^\/authors\/([^/]+)$/.exec(pathname);
  if (author) return (await db().author.count({ where: { slug: decodeURIComponent(author[1]!) } })) === 0;
  const tag = /^\/tags\/([^/]+)$/.exec(pathname);
  if (tag) return (await db().tag.count({ where: { slug: decodeURIComponent(tag[1]!) } })) === 0;
  const section = /^\/([^/]+)$/.exec(pathname);
  if (section) return (await db().section.count({ where: { slug: decodeURIComponent(section[1]!) } })) === 0;
  return false;
}

const types = (docs: JsonLd[]) => docs.map((d) => String(d["@type"]));

test("every public page a crawler can reach conforms", async ({ request, factory, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  const s = factory.suffix;

  // --- A story of our own: two authors, tags, a small hero (so crops must upscale), an opinion and an analysis.
  const mediaDir = path.resolve(process.env.MEDIA_DIR ?? ".data/test-media");
  const storageKey = `2026/11/${randomBytes(16).toString("base64url")}.jpg`;
  const file = path.join(mediaDir, ...storageKey.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 40, g: 90, b: 140 } } })
      .composite([
        {
          input: Buffer.from('<svg width="300" height="200"><circle cx="150" cy="100" r="90" fill="#fc0"/></svg>'),
          left: 500,
          top: 300,
        },
      ])
      .jpeg()
      .toBuffer(),
  );
  const publication = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  const section = await factory.section({ name: `Conformance ${s}` });
  const ada = await factory.author({ name: `Ada Crawl ${s}` });
  const ben = await factory.author({ name: `Ben Crawl ${s}` });
  const tagA = await factory.tag(`Tramways ${s}`);
  const tagB = await factory.tag(`Budgets ${s}`);
  const hero = await factory.media({ storageKey, width: 900, height: 600, alt: "A yellow sun over a blue field" });
  const news = await factory.article({
    headline: `Crawlers read this ${s} </script><b>`,
    sectionId: section.id,
    authorIds: [ada.id, ben.id],
    tagIds: [tagA.id, tagB.id],
    heroMediaId: hero.id,
    publishedAt: new Date(Date.now() - 3_600_000),
    contentUpdatedAt: new Date(Date.now() - 60_000),
  });
  const opinion = await factory.article({
    headline: `An opinion ${s}`,
    type: "OPINION",
    sectionId: section.id,
    authorIds: [ben.id],
    tagIds: [tagA.id],
  });
  const analysis = await factory.article({
    headline: `An analysis ${s}`,
    type: "ANALYSIS",
    sectionId: section.id,
    authorIds: [ada.id],
  });
  const draft = await factory.article({
    headline: `Secret draft ${s}`,
    status: "DRAFT",
    sectionId: section.id,
    authorIds: [ada.id],
    tagIds: [tagA.id],
    heroMediaId: hero.id,
  });
  const own = [news, opinion, analysis].map((a) =>
    articlePath({ id: a.id, slug: a.slug, publishedAt: a.publishedAt! }, publication.timeZone),
  );

  try {
    const status = new Map<string, number>();
    const fetchPath = async (p: string) => {
      const response = await request.get(p, { maxRedirects: 0 });
      status.set(p, response.status());
      return response;
    };
    /** Same-origin path+query of an href, or null for other sites, anchors and the newsroom. */
    const internal = (href: string, from = "/"): string | null => {
      if (!href || href.startsWith("#") || /^(mailto|tel|javascript):/i.test(href)) return null;
      const url = new URL(href, origin + from);
      if (url.origin !== origin) return null;
      if (url.pathname.startsWith("/admin") || url.pathname.startsWith("/api")) return null;
      return url.pathname + url.search;
    };

    // --- Seeds: our own articles first (so the bound never skips them), then the home page and the sitemaps.
    const queue: string[] = [...own, `/${section.slug}`, `/authors/${ada.slug}`, `/tags/${tagA.slug}`, "/"];
    const sitemap = await request.get("/sitemap.xml", { maxRedirects: 0 });
    if (sitemap.status() === 200) {
      const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decode(m[1]!));
      const index = await sitemap.text();
      const children = index.includes("<sitemapindex") ? locs(index) : [];
      const pageLocs = index.includes("<urlset") ? locs(index) : [];
      for (const child of children) {
        const response = await request.get(internal(child) ?? child, { maxRedirects: 0 });
        expect(response.status(), `sitemap ${child}`).toBe(200);
        pageLocs.push(...locs(await response.text()));
      }
      for (const loc of pageLocs) {
        expect(loc.startsWith(origin), `sitemap URLs are absolute on this site: ${loc}`).toBe(true);
        const p = internal(loc);
        if (p) queue.push(p);
      }
    }

    const visited = new Set<string>();
    const ghosts = new Set<string>();
    const toCheck = new Set<string>();
    const titles = new Map<string, string>();
    const structuredUrls = new Set<string>();
    const imageChecks: { page: string; crops: string[] }[] = [];

    while (queue.length > 0 && visited.size < MAX_PAGES) {
      const p = queue.shift()!;
      if (visited.has(p)) continue;
      visited.add(p);
      const response = await fetchPath(p);
      if (response.status() === 404 && (await isCleanedUpRow(new URL(p, origin).pathname))) {
        ghosts.add(p);
        continue;
      }
      expect(response.status(), `status of ${p}`).toBe(200);
      if (!(response.headers()["content-type"] ?? "").includes("text/html")) continue;
      const html = await response.text();
      const head = html.slice(0, html.indexOf("</head>"));
      const where = `on ${p}`;

      expect(html, `drafts never leak ${where}`).not.toContain(`Secret draft ${s}`);

      const canonicals = tagsOf(head, "link").filter((l) => l.rel === "canonical");
      expect(canonicals, `exactly one canonical ${where}`).toHaveLength(1);
      const canonical = canonicals[0]!.href!;
      expect(canonical, `canonical is absolute ${where}`).toMatch(/^https?:\/\//);
      expect(new URL(canonical).href, `canonical is self-consistent ${where}`).toBe(new URL(p, origin).href);

      const title = /<title>([^<]*)<\/title>/.exec(head)?.[1]?.trim() ?? "";
      expect(title, `title ${where}`).not.toBe("");
      expect(titles.get(title), `title "${title}" is unique (${where})`).toBeUndefined();
      titles.set(title, p);
      const metas = tagsOf(head, "meta");
      const description = metas.find((m) => m.name === "description")?.content ?? "";
      expect(description.trim(), `description ${where}`).not.toBe("");
      const robots = metas.find((m) => m.name === "robots")?.content ?? "";
      expect(robots, `robots ${where}`).toContain("max-image-preview:large");
      expect(robots, `robots ${where}`).not.toContain("noindex");

      for (const img of tagsOf(html, "img")) expect(img.alt, `alt on ${img.src} ${where}`).toBeDefined();

      // Links: anchors and feed autodiscovery.
      const hrefs = [
        ...tagsOf(html, "a").map((a) => a.href ?? ""),
        ...tagsOf(head, "link")
          .filter((l) => l.rel === "alternate")
          .map((l) => l.href ?? ""),
      ];
      for (const href of hrefs) {
        const target = internal(href, p);
        if (!target) continue;
        toCheck.add(target);
        if (!visited.has(target)) queue.push(target);
      }

      // Structured data per page type.
      const docs = jsonLdOf(html);
      const pathname = new URL(p, origin).pathname;
      if (pathname === "/") {
        expect(types(docs), `home JSON-LD`).toEqual(expect.arrayContaining(["WebSite", "NewsMediaOrganization"]));
      } else if (ARTICLE_PATH.test(pathname)) {
        const article = docs.find((d) => /^(News|OpinionNews|AnalysisNews)Article$/.test(String(d["@type"])));
        expect(article, `article JSON-LD ${where}`).toBeDefined();
        expect(types(docs), `breadcrumbs ${where}`).toContain("BreadcrumbList");
        expect(article!.headline, `headline ${where}`).toBeTruthy();
        expect(article!.description, `description ${where}`).toBeTruthy();
        expect(String(article!.datePublished), `datePublished ${where}`).toMatch(ISO_WITH_ZONE);
        expect(String(article!.dateModified), `dateModified ${where}`).toMatch(ISO_WITH_ZONE);
        expect((article!.mainEntityOfPage as JsonLd)["@id"], `mainEntityOfPage ${where}`).toBe(canonical);
        expect(article!.articleSection, `articleSection ${where}`).toBeTruthy();
        expect(Array.isArray(article!.keywords), `keywords ${where}`).toBe(true);
        expect(article!.isAccessibleForFree, `isAccessibleForFree ${where}`).toBe(true);
        const publisher = article!.publisher as JsonLd;
        expect(publisher["@type"]).toBe("NewsMediaOrganization");
        structuredUrls.add(String((publisher.logo as JsonLd).url));
        const authors = article!.author as JsonLd[];
        expect(Array.isArray(authors) && authors.length > 0, `authors ${where}`).toBe(true);
        for (const author of authors) {
          expect(author["@type"], `author type ${where}`).toBe("Person");
          expect(author.name, `author name ${where}`).toBeTruthy();
          expect(String(author.url), `author url ${where}`).toMatch(new RegExp(`^${origin}/authors/`));
          structuredUrls.add(String(author.url));
        }
        const image = article!.image as string[] | undefined;
        if (image !== undefined) {
          expect(image, `three crops ${where}`).toHaveLength(3);
          const ownArticle = own.includes(pathname);
          if (ownArticle || imageChecks.length < MAX_IMAGE_ARTICLES) imageChecks.push({ page: p, crops: image });
        }
        if (pathname === own[0]) {
          expect(article!["@type"]).toBe("NewsArticle");
          expect(authors.map((a) => a.name)).toEqual([ada.name, ben.name]);
          expect(image, "our article's hero crops").toBeDefined();
          expect(article!.keywords).toEqual([tagB.name, tagA.name].sort());
          expect(html).not.toContain("</script><b>");
          const ogImage = metas.find((m) => m.property === "og:image")?.content ?? "";
          const card = await request.get(internal(ogImage)!);
          expect(card.status(), "social card").toBe(200);
          expect(await sharp(await card.body()).metadata()).toMatchObject({ format: "jpeg", width: 1200, height: 630 });
          expect(metas.find((m) => m.property === "og:type")?.content).toBe("article");
          expect(metas.filter((m) => m.property === "article:author").map((m) => m.content)).toEqual([
            `${origin}/authors/${ada.slug}`,
            `${origin}/authors/${ben.slug}`,
          ]);
          expect(html).toContain(`href="/tags/${tagA.slug}"`);
        }
        if (pathname === own[1]) expect(article!["@type"]).toBe("OpinionNewsArticle");
        if (pathname === own[2]) expect(article!["@type"]).toBe("AnalysisNewsArticle");
      } else if (pathname.startsWith("/authors/")) {
        const profile = docs.find((d) => d["@type"] === "ProfilePage");
        expect(profile, `ProfilePage ${where}`).toBeDefined();
        const person = profile!.mainEntity as JsonLd;
        expect(person["@type"], `Person ${where}`).toBe("Person");
        expect(person.url, `Person url ${where}`).toBe(new URL(pathname, origin).href);
      } else if (/^\/[^/]+$/.test(pathname) || pathname.startsWith("/tags/")) {
        expect(types(docs), `breadcrumbs ${where}`).toContain("BreadcrumbList");
      }
    }

    expect(visited.size, "the crawl reached our pages and more").toBeGreaterThan(own.length + 3);
    for (const p of own) expect(visited.has(p), `crawled ${p}`).toBe(true);

    // Author pages and the publisher logo named in structured data answer 200.
    for (const url of structuredUrls) {
      const p = internal(url)!;
      if (!status.has(p)) await fetchPath(p);
      // Same forgiveness as for links: a page cached before another spec deleted its rows may still name them.
      if (status.get(p) === 404 && (await isCleanedUpRow(new URL(p, origin).pathname))) continue;
      expect(status.get(p), `structured-data URL ${url}`).toBe(200);
    }

    // Every internal link answers 200 directly: no redirects, no errors.
    let checked = 0;
    for (const p of toCheck) {
      if (!status.has(p)) {
        if (checked++ >= MAX_LINK_CHECKS) break;
        await fetchPath(p);
      }
      if (status.get(p) === 404 && (ghosts.has(p) || (await isCleanedUpRow(new URL(p, origin).pathname)))) continue;
      expect(status.get(p), `internal link ${p}`).toBe(200);
    }

    // Hero crops: the ratio each URL claims, at least 1200 px wide, really JPEG.
    expect(
      imageChecks.some((c) => c.page === own[0]),
      "our hero's crops were checked",
    ).toBe(true);
    for (const { page, crops } of imageChecks) {
      for (const crop of crops) {
        const variant = /\/(16x9|4x3|1x1)\.jpg$/.exec(crop)?.[1];
        expect(variant, `crop URL shape ${crop} (${page})`).toBeDefined();
        const response = await request.get(internal(crop)!, { maxRedirects: 0 });
        // Same forgiveness again: a cached page of an article another spec deleted names its deleted hero.
        if (response.status() === 404 && (await isCleanedUpRow(new URL(page, origin).pathname))) continue;
        expect(response.status(), `crop ${crop} (${page})`).toBe(200);
        const meta = await sharp(await response.body()).metadata();
        expect(meta.format).toBe("jpeg");
        expect(meta.width!, `crop width ${crop}`).toBeGreaterThanOrEqual(1200);
        expect(Math.abs(meta.width! / meta.height! - RATIOS[variant!]!), `crop ratio ${crop}`).toBeLessThan(0.01);
      }
    }

    console.log(
      `conformance: ${visited.size} pages, ${toCheck.size} internal links, ${imageChecks.length} articles' crops checked, ${ghosts.size} links to rows deleted by other specs`,
    );

    // Drafts get no crops or cards, even when their hero is public elsewhere.
    expect((await request.get(`/img/og/${draft.id}.jpg`)).status()).toBe(404);
  } finally {
    await rm(file, { force: true });
    await rm(path.join(mediaDir, "crops", String(hero.id)), { recursive: true, force: true });
    const cards = path.join(mediaDir, "crops", "og");
    const mine = new Set([news, opinion, analysis].map((a) => `${a.id}-`));
    for (const name of await readdir(cards).catch(() => [] as string[])) {
      if ([...mine].some((prefix) => name.startsWith(prefix))) await rm(path.join(cards, name), { force: true });
    }
  }
});

test("crop and card routes refuse what they must not serve", async ({ request, factory }) => {
  const draftHero = await factory.media({ alt: "Not yet" });
  const draft = await factory.article({ status: "DRAFT", heroMediaId: draftHero.id });
  for (const p of [
    `/img/${draftHero.id}/16x9.jpg`,
    `/img/og/${draft.id}.jpg`,
    "/img/999999999/1x1.jpg",
    "/img/1/2x1.jpg",
    "/img/abc/16x9.jpg",
    "/img/og/0.jpg",
    "/img/og/x.jpg",
  ]) {
    expect((await request.get(p, { maxRedirects: 0 })).status(), p).toBe(404);
  }
  const logo = await request.get("/img/logo.png");
  expect(logo.status()).toBe(200);
  expect(await sharp(await logo.body()).metadata()).toMatchObject({ format: "png", width: 512, height: 512 });
});
