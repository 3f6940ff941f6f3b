import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import { db } from "../../lib/db";
import { articlePath } from "../../lib/articles/urls";
import type { Factory } from "../../lib/testing/factories";

/**
 * Responsive pictures as a browser gets them: a phone downloads a small card picture, the hero carries its size,
 * srcset and LCP hints, and all of it works without JavaScript. The pictures are real files under the server's
 * MEDIA_DIR (playwright.config.ts gives it .data/test-media), removed with their variants afterwards.
 */

const mediaDir = path.resolve(process.env.MEDIA_DIR ?? ".data/test-media");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

async function writePicture(factory: Factory, keys: string[], alt: string) {
  const storageKey = `2026/11/${randomBytes(16).toString("base64url")}.jpg`;
  const file = path.join(mediaDir, ...storageKey.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  const sun = Buffer.from('<svg width="600" height="400"><circle cx="300" cy="200" r="180" fill="#fc0"/></svg>');
  await writeFile(
    file,
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 40, g: 90, b: 140 } } })
      .composite([{ input: sun, left: 800, top: 300 }])
      .jpeg()
      .toBuffer(),
  );
  keys.push(storageKey);
  return factory.media({ storageKey, width: 1600, height: 900, alt });
}

/** A fresh section (so its front is not cached from an earlier run) with one story whose hero and body figure are real files. */
async function scene(factory: Factory, keys: string[]) {
  const publication = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  const section = await factory.section({ name: `Pictures ${factory.suffix}` });
  const hero = await writePicture(factory, keys, "Sun over the bay");
  const figure = await writePicture(factory, keys, "Sun again");
  const article = await factory.article({
    headline: `Responsive pictures ${factory.suffix}`,
    sectionId: section.id,
    heroMediaId: hero.id,
    publishedAt: new Date(Date.now() - 3_600_000),
    body: {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Above the figure." }] },
        {
          type: "figure",
          attrs: {
            mediaId: figure.id,
            src: `/media/${figure.storageKey}`,
            width: 1600,
            height: 900,
            alt: "The sun, once more",
            caption: "",
            credit: "",
          },
        },
      ],
    },
  });
  // Newer and without a picture: the section front features it, so the pictured story is a card in the list below.
  await factory.article({ headline: `Newer, no picture ${factory.suffix}`, sectionId: section.id });
  return { section, hero, articleUrl: articlePath(article, publication.timeZone) };
}

async function removePictures(keys: string[]) {
  for (const key of keys) {
    await rm(path.join(mediaDir, ...key.split("/")), { force: true });
    await rm(path.join(mediaDir, "variants", ...key.split("/")), { recursive: true, force: true });
  }
}

/**
 * Scrolls an image into view and waits until the browser has decoded whatever candidate it chose. (naturalWidth is
 * in CSS pixels for a srcset candidate — the file's width over its density — so the file itself is measured.)
 */
async function loaded(page: Page, selector: string) {
  const img = page.locator(selector).first();
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  const currentSrc = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
  const response = await page.request.get(currentSrc);
  const { format, width } = await sharp(await response.body()).metadata();
  return { currentSrc, format, width };
}

const widthOf = (url: string) => Number(/\/w(\d+)\.\w+$/.exec(url)?.[1] ?? NaN);

test("on a phone, a story card downloads a small AVIF thumbnail, never more than 480 px wide", async ({
  browser,
  factory,
}) => {
  const keys: string[] = [];
  try {
    const { section, hero } = await scene(factory, keys);
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const downloaded: string[] = [];
    page.on("response", (r) => {
      if (r.url().includes(hero.storageKey)) downloaded.push(new URL(r.url()).pathname);
    });
    await page.goto(`/${section.slug}`);
    const card = await loaded(page, ".fr-stream .fc__image img");
    // A list card on a phone is a 5.5rem thumbnail: 88 px at 3x wants 264 px, so the 320 px variant.
    expect(card.currentSrc).toMatch(/\/w320\.avif$/);
    expect(card.width).toBe(320);
    expect(card.format).toBe("heif"); // AVIF's container, as sharp names it
    expect(downloaded.length).toBeGreaterThan(0);
    for (const url of downloaded) expect(widthOf(url), url).toBeLessThanOrEqual(480);
    await context.close();
  } finally {
    await removePictures(keys);
  }
});

test("the article hero has its size, a srcset per format and the LCP hints; body figures are lazy", async ({
  page,
  factory,
}) => {
  const keys: string[] = [];
  try {
    const { hero, articleUrl } = await scene(factory, keys);
    await page.goto(articleUrl);
    const picture = page.locator("figure.article__hero picture");
    const img = picture.locator("img");
    await expect(img).toHaveAttribute("width", "1600");
    await expect(img).toHaveAttribute("height", "900");
    await expect(img).toHaveAttribute("src", `/media/${hero.storageKey}`);
    await expect(img).toHaveAttribute(
      "srcset",
      new RegExp(`/media/${hero.storageKey}/w320\\.jpg 320w, .*/w1600\\.jpg 1600w$`),
    );
    await expect(img).toHaveAttribute("sizes", /92vw/);
    await expect(img).toHaveAttribute("fetchpriority", "high");
    await expect(img).not.toHaveAttribute("loading", "lazy");
    await expect(picture.locator("source")).toHaveCount(2);
    await expect(picture.locator('source[type="image/avif"]')).toHaveAttribute("srcset", /\/w1600\.avif 1600w$/);
    await expect(picture.locator('source[type="image/webp"]')).toHaveAttribute("srcset", /\/w1600\.webp 1600w$/);
    const shown = await loaded(page, "figure.article__hero img");
    expect(shown.currentSrc).toMatch(/\.avif$/);
    // No layout shift: the box has the picture's ratio before anything is downloaded.
    const box = await img.boundingBox();
    expect(Math.abs(box!.width / box!.height - 16 / 9)).toBeLessThan(0.01);

    const figure = page.locator(".article__body figure.figure img");
    await expect(figure).toHaveAttribute("loading", "lazy");
    await expect(figure).toHaveAttribute("alt", "The sun, once more");
    await expect(figure).toHaveAttribute("srcset", /w1600\.jpg 1600w/);
  } finally {
    await removePictures(keys);
  }
});

test("pictures load without JavaScript", async ({ browser, factory }) => {
  const keys: string[] = [];
  try {
    const { section, articleUrl } = await scene(factory, keys);
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    const images: { url: string; type: string }[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/media/") && r.status() === 200)
        images.push({ url: r.url(), type: r.headers()["content-type"] ?? "" });
    });
    await page.goto(articleUrl);
    expect((await loaded(page, "figure.article__hero img")).currentSrc).toMatch(/\/w1280\.avif$/);
    expect((await loaded(page, ".article__body figure.figure img")).currentSrc).toMatch(/\.avif$/);
    await page.goto(`/${section.slug}`);
    expect((await loaded(page, ".fr-stream .fc__image img")).width).toBe(320);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const { url, type } of images) expect(type, url).toBe("image/avif");
    await context.close();
  } finally {
    await removePictures(keys);
  }
});

test("variants through the server: immutable, typed, and only the widths that exist", async ({ request, factory }) => {
  const keys: string[] = [];
  try {
    const { hero } = await scene(factory, keys);
    const ok = await request.get(`/media/${hero.storageKey}/w640.webp`);
    expect(ok.status()).toBe(200);
    expect(ok.headers()["content-type"]).toBe("image/webp");
    expect(ok.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await sharp(await ok.body()).metadata()).toMatchObject({ format: "webp", width: 640, height: 360 });
    const again = await request.get(`/media/${hero.storageKey}/w640.webp`, {
      headers: { "if-none-match": ok.headers()["etag"]! },
    });
    expect(again.status()).toBe(304);
    for (const name of ["w641.webp", "w2000.avif", "w640.gif", "w640.webp/x"]) {
      expect((await request.get(`/media/${hero.storageKey}/${name}`)).status(), name).toBe(404);
    }
  } finally {
    await removePictures(keys);
  }
});
