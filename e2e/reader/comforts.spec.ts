import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import { db } from "../../lib/db";
import { articlePath } from "../../lib/articles/urls";
import { createApiToken } from "../../lib/auth/tokens";
import type { Factory } from "../../lib/testing/factories";

/**
 * Reader comforts (issue 10, item 6) as a reader and a crawler meet them: dates in the publication's locale with the
 * time of day, reading time, the "more than N years old" notice, share links, the breadcrumb and its JSON-LD, dark
 * mode, a navigation that fits a phone and works without JavaScript, and no sideways scrolling with hostile words.
 * The test publication is en-GB in UTC (lib/testing/factories.ts), like the demo paper's language.
 */

test.use({ javaScriptEnabled: false });

const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

async function timeZone(): Promise<string> {
  // Read directly: lib/settings imports next/cache, which Playwright's ESM loader cannot resolve.
  return (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
}

async function story(factory: Factory, over: Parameters<Factory["article"]>[0] = {}) {
  const s = factory.suffix;
  const section = await factory.section({ name: `Quays ${s}` });
  const author = await factory.author({ name: `Nell Comfort ${s}` });
  const words = Array.from({ length: 700 }, (_, i) => `word${i}`).join(" ");
  const article = await factory.article({
    headline: `Ferry timetable changes ${s}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date("2026-11-28T14:05:00Z"),
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: words }] }] },
    ...over,
  });
  return { section, author, article, url: articlePath(article, await timeZone()) };
}

test("dates read the British way with the time of day, and the article says how long it takes to read", async ({
  page,
  factory,
}) => {
  const { url } = await story(factory);
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  const dateline = page.locator("article .dateline");
  // 14:05 UTC in the test publication's zone (UTC), en-GB: day before month, 24-hour clock.
  await expect(dateline.locator("time").first()).toHaveText("28 November 2026, 14:05 UTC");
  // 700 words at 238 a minute.
  await expect(dateline).toContainText("3 min read");
});

test("an old piece says how old it is at the top; a recent one does not", async ({ page, factory }) => {
  const published = new Date("2017-06-15T09:00:00Z");
  const { url, article } = await story(factory, {
    publishedAt: published,
    headline: `Summit in Helsinki ${factory.suffix}`,
  });
  await page.goto(url);
  const now = new Date();
  const years = now.getUTCFullYear() - 2017 - (now < new Date(Date.UTC(now.getUTCFullYear(), 5, 15, 9)) ? 1 : 0);
  const notice = page.getByRole("note").filter({ hasText: "This article is more than" });
  await expect(notice).toHaveText(`This article is more than ${years} years old`);
  // Above the headline, where a reader arriving from a search sees it first.
  const [noticeTop, headlineTop] = await Promise.all([
    notice.evaluate((el) => el.getBoundingClientRect().top),
    page.getByRole("heading", { level: 1, name: article.headline }).evaluate((el) => el.getBoundingClientRect().top),
  ]);
  expect(noticeTop).toBeLessThan(headlineTop);

  const recent = await story(factory, {
    publishedAt: new Date(Date.now() - 30 * DAY),
    headline: `Fresh ${factory.suffix}`,
  });
  await page.goto(recent.url);
  await expect(page.getByText(/This article is more than/)).toHaveCount(0);
});

test("share links are plain links carrying the canonical URL, with no third-party script", async ({
  page,
  factory,
}) => {
  const { url, article } = await story(factory);
  await page.goto(url);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
  expect(canonical).toMatch(new RegExp(`^https?://[^/]+${url}$`));
  const share = page.getByRole("navigation", { name: "Share this article" });
  const expected: Record<string, RegExp> = {
    Email: /^mailto:\?subject=/,
    X: /^https:\/\/x\.com\/intent\/post\?/,
    Facebook: /^https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?/,
    LinkedIn: /^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?/,
    WhatsApp: /^https:\/\/wa\.me\/\?/,
  };
  for (const [name, shape] of Object.entries(expected)) {
    const link = share.getByRole("link", { name: `Share on ${name}` });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href, name).toMatch(shape);
    expect(href, name).toContain(encodeURIComponent(canonical!));
  }
  expect(decodeURIComponent((await share.getByRole("link", { name: "Share on X" }).getAttribute("href"))!)).toContain(
    article.headline,
  );
  // Nothing loads from elsewhere: no script at all, no iframe.
  await expect(page.locator("script[src], iframe")).toHaveCount(0);

  // On a 390 px phone: one row of targets at least 24 px each way, inside the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  const boxes = await share.getByRole("link").evaluateAll((links) =>
    links.map((l) => {
      const r = l.getBoundingClientRect();
      return { name: l.textContent, top: Math.round(r.top), right: r.right, width: r.width, height: r.height };
    }),
  );
  expect(boxes).toHaveLength(5);
  for (const box of boxes) {
    expect(box.top, `${box.name} is on the first row`).toBe(boxes[0]!.top);
    expect(Math.min(box.width, box.height), `${box.name} is a 24 px target`).toBeGreaterThanOrEqual(24);
    expect(box.right, `${box.name} is inside the screen`).toBeLessThanOrEqual(390);
  }
});

type Ld = { "@type"?: string; itemListElement?: { position: number; name: string; item: string }[] };

async function breadcrumbLd(page: Page): Promise<Ld> {
  const blocks = await page
    .locator('script[type="application/ld+json"]')
    .evaluateAll((els) => els.map((e) => JSON.parse(e.textContent ?? "null") as unknown));
  const docs = blocks.flatMap((b): Ld[] => (Array.isArray(b) ? (b as Ld[]) : [b as Ld]));
  const list = docs.find((d) => d["@type"] === "BreadcrumbList");
  expect(list, "a BreadcrumbList in the JSON-LD").toBeTruthy();
  return list!;
}

test("the breadcrumb is visible and says what the BreadcrumbList JSON-LD says", async ({ page, factory }) => {
  const { url, section, article, author } = await story(factory);
  const tag = await factory.tag(`Timetables ${factory.suffix}`);
  await db().articleTag.create({ data: { articleId: article.id, tagId: tag.id } });
  const pages: [string, string[]][] = [
    [url, ["/", `/${section.slug}`, url]],
    [`/${section.slug}`, ["/", `/${section.slug}`]],
    [`/authors/${author.slug}`, ["/", "/authors", `/authors/${author.slug}`]],
    [`/tags/${tag.slug}`, ["/", `/tags/${tag.slug}`]],
    ["/authors", ["/", "/authors"]],
  ];
  for (const [path, trail] of pages) {
    await page.goto(path);
    const crumb = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumb, path).toBeVisible();
    const links = await crumb
      .getByRole("link")
      .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
    // Every step but the page itself is a link; the page is the last, current item.
    expect(
      links.map((l) => l.href),
      path,
    ).toEqual(trail.slice(0, -1));
    expect(links[0]?.text).toBe("Home");
    const ld = await breadcrumbLd(page);
    const items = ld.itemListElement ?? [];
    expect(
      items.map((i) => new URL(i.item).pathname),
      path,
    ).toEqual(trail);
    // The visible names are the JSON-LD's (the home page is called "Home" on screen).
    const current = await crumb.locator('[aria-current="page"]').textContent();
    expect(current, path).toBe(items.at(-1)?.name);
    for (const [i, l] of links.entries()) if (i > 0) expect(l.text, path).toBe(items[i]?.name);
  }
});

test("dark mode follows the reader's system setting", async ({ page, factory }) => {
  const { url } = await story(factory);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const luminance = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(url);
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await background();
  expect(dark).not.toBe(light);
  expect(luminance(light)).toBeGreaterThan(200);
  expect(luminance(dark)).toBeLessThan(50);
  // Text turns light too.
  const ink = await page.evaluate(() => getComputedStyle(document.querySelector("h1")!).color);
  expect(luminance(ink)).toBeGreaterThan(180);
});

/** Sections made through the admin API, as the newsroom would: that purges the navigation everywhere. */
async function makeSections(request: APIRequestContext, factory: Factory, count: number) {
  const admin = await factory.user({ role: "ADMIN" });
  const { token } = await createApiToken({ email: admin.email, name: `e2e nav ${factory.suffix}` });
  const names = ["Environment", "Business", "Culture", "Education", "Transport", "Technology", "Health", "Science"];
  const made: { slug: string; name: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${names[i % names.length]} ${i + 1} ${factory.suffix}`;
    const response = await request.post("/api/admin/v1/sections", {
      data: { name, description: `Stories about ${name}.`, position: 1000 + i },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status(), await response.text()).toBe(201);
    const { id, slug } = (await response.json()) as { id: number; slug: string };
    factory.track("sections", id);
    made.push({ slug, name });
  }
  return made;
}

test("with 16 sections the navigation takes at most two rows on a phone, and its menu works without JavaScript", async ({
  page,
  request,
  factory,
}) => {
  const sections = await makeSections(request, factory, 16);
  const last = sections.at(-1)!;
  await page.setViewportSize(PHONE);
  await page.goto(`/${sections[0]!.slug}`);
  const nav = page.getByRole("navigation", { name: "Sections", exact: true });
  const rows = await nav.evaluate((el) => {
    const tops = new Set<number>();
    for (const li of el.querySelectorAll(".site-nav__list > li, .site-nav__more > summary"))
      tops.add(Math.round(li.getBoundingClientRect().top));
    return { rows: tops.size, height: el.getBoundingClientRect().height };
  });
  expect(rows.rows).toBeLessThanOrEqual(2);
  expect(rows.height).toBeLessThanOrEqual(2 * 48);
  // The page itself does not scroll sideways; only the section row does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // The menu, with JavaScript off (this file's setting): a <details> opens natively.
  const menu = nav.locator(".site-nav__menu");
  await expect(menu).toBeHidden();
  await nav.getByText("All sections").click();
  await expect(menu.getByRole("link", { name: last.name })).toBeVisible();
  await menu.getByRole("link", { name: last.name }).click();
  await expect(page).toHaveURL(new RegExp(`/${last.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(last.name);
});

test("hostile long words never make a 320 px page scroll sideways", async ({ page, factory }) => {
  const s = factory.suffix;
  const long = (seed: string, n: number) => (seed.repeat(Math.ceil(n / seed.length)) + s).slice(0, n);
  const tag = await factory.tag(long("Donaudampfschifffahrt", 59));
  const section = await factory.section({ name: long("Wirtschaftsnachrichten", 70), description: long("x", 300) });
  const author = await factory.author({ name: long("Wolfeschlegelsteinhausen", 80), bio: long("Bio", 300) });
  const article = await factory.article({
    headline: long("Rindfleischetikettierungsüberwachungsaufgaben", 200),
    dek: long("https://example.org/a/very/long/path/without/spaces/", 300),
    sectionId: section.id,
    authorIds: [author.id],
    tagIds: [tag.id],
    publishedAt: new Date(Date.now() - 60_000),
    body: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: long("Pneumonoultramicroscopicsilicovolcanoconiosis", 400) }],
        },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: long("linktext", 200),
              marks: [{ type: "link", attrs: { href: `https://example.org/${long("p", 300)}` } }],
            },
          ],
        },
      ],
    },
  });
  await page.setViewportSize({ width: 320, height: 700 });
  // The home page with a query no earlier test used: a fresh render that lists the new story.
  for (const path of [
    articlePath(article, await timeZone()),
    `/?v=${s}`,
    `/${section.slug}`,
    `/tags/${tag.slug}`,
    `/authors/${author.slug}`,
    // Also a fresh render: factory rows purge nothing, and an earlier test may have left /authors cached.
    `/authors?v=${s}`,
  ]) {
    await page.goto(path);
    // The hostile words are on the page (the tag chip, the card, the headline): the test measures them.
    await expect(
      page.getByText(tag.name).or(page.getByText(article.headline)).or(page.getByText(author.name)).first(),
      path,
    ).toBeAttached();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide on a 320 px screen`).toBeLessThanOrEqual(320);
  }
});

test("/authors shows a few writers a desk and links to the whole desk, which pages; an unknown desk is a 404", async ({
  page,
  factory,
}) => {
  const s = factory.suffix;
  const desk = await factory.section({ name: `Wharves ${s}`, position: -50 });
  const names: string[] = [];
  for (let i = 0; i < 14; i++) {
    const writer = await factory.author({ name: `Desk Writer ${String(i).padStart(2, "0")} ${s}`, bio: "" });
    names.push(writer.name);
    await factory.article({ sectionId: desk.id, authorIds: [writer.id] });
  }
  // A query no earlier test used: a fresh render (factory rows purge nothing).
  await page.goto(`/authors?v=${s}`);
  const block = page.locator("section.authors-desk", { has: page.getByRole("heading", { name: desk.name }) });
  await expect(block.getByRole("listitem")).toHaveCount(12);
  await block.getByRole("link", { name: `All 14 ${desk.name} writers` }).click();
  await expect(page).toHaveURL(new RegExp(`/authors\\?desk=${desk.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Authors: ${desk.name}`);
  for (const name of names) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  const missing = await page.goto(`/authors?desk=no-such-desk-${s}`);
  expect(missing?.status()).toBe(404);
});
