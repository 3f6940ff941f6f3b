import type { Page } from "@playwright/test";
import { articlePath } from "../../lib/articles/urls";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";
import { expectNoAxeViolations } from "../axe";
import { test, expect } from "../fixtures";

/**
 * The home page as readers get it: a hierarchy that works without JavaScript, fits a phone (small thumbnails, no
 * sideways scroll, far shorter than the 12,111 px the newest-first grid measured at 390 px), keeps its grid when a
 * story has no picture, and ranks "most read" from views the server counted and flushed (MOST_READ_FLUSH_SECONDS=1
 * in playwright.config.ts).
 *
 * The home page is cached by the server; a query string nobody else uses gives each test a render of its own data
 * (the cache keys on the whole URL, and the page ignores the query).
 */

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * Half the height the old home page measured on a phone (12,111 px): a newspaper's front with six section blocks
 * below the lead, featured tier, opinion and most read. The measured height is printed, so a change that creeps
 * towards the bound shows before it fails.
 */
const PHONE_HEIGHT_BOUND = 6000;

/** A front page's worth of news: six sections of five stories, two in three with a picture, and four columnists. */
async function newsroomDay(factory: Factory) {
  const now = Date.now();
  const minutesAgo = (n: number) => new Date(now - n * 60_000);
  const photo = await factory.media({ alt: "" });
  // One after another: the factory's unique names count what it made so far.
  const pictures = [];
  for (let i = 0; i < 3; i++) pictures.push(await factory.media({ alt: "A street scene" }));
  const stories: { id: number; headline: string; hasImage: boolean }[] = [];
  let n = 0;
  for (let s = 0; s < 6; s++) {
    const section = await factory.section({ name: `Desk ${s} ${factory.suffix}`, position: -100 + s });
    for (let i = 0; i < 5; i++) {
      n += 1;
      const hasImage = n % 3 !== 0;
      const headline = `Story ${n} of the day ${factory.suffix}`;
      const row = await factory.article({
        sectionId: section.id,
        headline,
        dek: "What happened, who it affects, and what comes next in one sentence.",
        heroMediaId: hasImage ? pictures[n % 3]!.id : null,
        publishedAt: minutesAgo(n),
      });
      stories.push({ id: row.id, headline, hasImage });
    }
  }
  const opinionDesk = await factory.section({ name: `Comment ${factory.suffix}`, position: -90 });
  for (let i = 0; i < 4; i++) {
    const author = await factory.author({ name: `Columnist ${i} ${factory.suffix}` });
    if (i % 2 === 0) await db().author.update({ where: { id: author.id }, data: { photoId: photo.id } });
    await factory.article({
      sectionId: opinionDesk.id,
      type: "OPINION",
      authorIds: [author.id],
      headline: `Column ${i} ${factory.suffix}`,
      publishedAt: minutesAgo(40 + i),
    });
  }
  return stories;
}

async function pageHeight(page: Page) {
  return page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
}

test("the home page: hierarchy without JavaScript, a phone layout with thumbnails, a grid without holes", async ({
  browser,
  factory,
}) => {
  const stories = await newsroomDay(factory);
  const url = `/?front=${factory.suffix}`;

  await test.step("without JavaScript: lead, tiers, opinion rail and section blocks, each story linked", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const lead = page.locator(".fr-lead");
    await expect(lead.getByRole("heading", { level: 2, name: stories[0]!.headline })).toBeVisible();
    await expect(lead.locator(".fc__dek")).toBeVisible();
    await expect(page.locator(".fr-featured li")).toHaveCount(4);
    await expect(page.getByRole("heading", { level: 2, name: "Latest" })).toBeVisible();
    const opinion = page.locator(".fr-opinion");
    await expect(opinion.getByText(`Columnist 0 ${factory.suffix}`)).toBeVisible();
    // Columnists with a photo get a headshot; the others an initial, never a broken picture.
    expect(await opinion.locator("picture.fr-opinion__headshot").count()).toBeGreaterThan(0);
    const desk = page
      .locator(".fr-section")
      .filter({ has: page.getByRole("heading", { name: `Desk 3 ${factory.suffix}` }) });
    await expect(desk).toBeVisible();
    // No repeated section label inside its own block.
    await expect(desk.locator(".kicker a")).toHaveCount(0);
    // Nothing shown twice between the tiers and blocks.
    const hrefs = await page
      .locator(".fr-top a, .fr-featured a, .fr-opinion a, .fr-section .fc__headline a")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname).filter((p) => /-a\d+$/.test(p)));
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(await page.locator("script[src]").count()).toBe(0);
    await lead.getByRole("link", { name: stories[0]!.headline }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(stories[0]!.headline);
    await context.close();
  });

  await test.step("on a 390 px phone: small thumbnails, no sideways scroll, far shorter than 12,111 px", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    const { height, overflow } = await pageHeight(page);
    console.log(`home page height at 390 px: ${height} px (was 12,111 px; bound ${PHONE_HEIGHT_BOUND} px)`);
    test.info().annotations.push({ type: "home height at 390 px", description: `${height} px` });
    expect(overflow, "no horizontal scroll").toBeLessThanOrEqual(0);
    expect(height).toBeLessThan(PHONE_HEIGHT_BOUND);
    // Every picture but the lead's is a thumbnail on a phone.
    const widths = await page
      .locator(".fr-featured img, .fr-section img")
      .evaluateAll((imgs) => imgs.map((img) => img.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w).toBeLessThanOrEqual(100);
    // A card without a picture lets its text take the whole card: no empty thumbnail track.
    const textCard = page.locator(".fr-featured li, .fr-section").locator(".fc--text").first();
    await expect(textCard).toBeVisible();
    const [card, text] = await Promise.all([textCard.boundingBox(), textCard.locator(".fc__text").boundingBox()]);
    expect(text!.width).toBeGreaterThan(card!.width - 2);
    await expectNoAxeViolations(page);
    await context.close();
  });

  await test.step("on a desktop: the featured tier is one row of four, with or without pictures", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    const boxes = await page.locator(".fr-featured li").evaluateAll((items) =>
      items.map((li) => {
        const r = li.getBoundingClientRect();
        const text = li.querySelector(".fc__text")!.getBoundingClientRect();
        return { top: Math.round(r.top), width: r.width, textWidth: text.width, image: !!li.querySelector("img") };
      }),
    );
    expect(boxes).toHaveLength(4);
    expect(new Set(boxes.map((b) => b.top)).size, "one row").toBe(1);
    const widths = boxes.map((b) => Math.round(b.width));
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
    // The third story has no picture (n % 3 === 0): it sits in the row like the others.
    expect(boxes.some((b) => !b.image)).toBe(true);
    for (const b of boxes) expect(b.textWidth).toBeGreaterThan(b.width - 2);
    await expectNoAxeViolations(page);
    await context.close();
  });
});

test("most read: views counted by the server reach the home page's ranking without a write per view", async ({
  page,
  factory,
}) => {
  const section = await factory.section({ position: -100 });
  const article = await factory.article({ sectionId: section.id, headline: `Read by everyone ${factory.suffix}` });
  const path = await articleUrl(article.id);
  // The home page as a reader had it before: cached, without the story in "most read".
  const home = `/?most-read=${factory.suffix}`;
  await page.goto(home);
  await expect(page.locator(".fr-most-read").getByRole("link", { name: article.headline })).toHaveCount(0);
  for (let i = 0; i < 8; i++) expect((await page.request.get(path)).status()).toBe(200);
  // The front flushes every second; the ranking changed, so the home page's block was purged.
  await expect
    .poll(async () => db().articleViewCount.aggregate({ _sum: { views: true }, where: { articleId: article.id } }), {
      timeout: 10_000,
    })
    .toEqual({ _sum: { views: 8 } });
  await expect
    .poll(
      async () => {
        await page.goto(home);
        return page.locator(".fr-most-read").getByRole("link", { name: article.headline }).count();
      },
      { timeout: 10_000 },
    )
    .toBe(1);
});

async function articleUrl(id: number): Promise<string> {
  const row = await db().article.findUniqueOrThrow({
    where: { id },
    select: { id: true, slug: true, publishedAt: true },
  });
  const { timeZone } = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  return articlePath({ id: row.id, slug: row.slug, publishedAt: row.publishedAt! }, timeZone);
}
