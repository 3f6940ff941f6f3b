import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";

// env() is read once per process: point MEDIA_DIR at a scratch folder before anything reads it.
const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-crops-"));
process.env.MEDIA_DIR = mediaDir;

const { disconnectDb } = await import("../db");
const { Factory } = await import("../testing/factories");
const { CROP_SIZES, heroCrop, socialCard } = await import("./crops");
const { wrapLines } = await import("./cards");

const factory = new Factory();
let heroId = 0;
let draftHeroId = 0;

async function writeImage(key: string, width: number, height: number) {
  const file = path.join(mediaDir, ...key.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    await sharp({ create: { width, height, channels: 3, background: "#3366aa" } })
      .jpeg()
      .toBuffer(),
  );
}

before(async () => {
  await factory.ensurePublication();
  const hero = await factory.media({ storageKey: `2026/11/crop-test-${factory.suffix}.jpg`, width: 640, height: 480 });
  await writeImage(hero.storageKey, 640, 480);
  heroId = hero.id;
  await factory.article({ heroMediaId: hero.id });
  const draftHero = await factory.media({ storageKey: `2026/11/crop-draft-${factory.suffix}.jpg` });
  await writeImage(draftHero.storageKey, 1600, 900);
  draftHeroId = draftHero.id;
  await factory.article({ heroMediaId: draftHero.id, status: "DRAFT" });
});

after(async () => {
  await factory.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("hero crops", () => {
  test("each ratio is exact and at least 1200 px wide, even from a small original", async () => {
    for (const name of ["16x9", "4x3", "1x1"] as const) {
      const bytes = await heroCrop(heroId, name);
      assert.ok(bytes, name);
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.format, "jpeg");
      assert.deepEqual({ width: meta.width, height: meta.height }, CROP_SIZES[name]);
      // Second request is served from the disk cache: same bytes.
      assert.deepEqual(await heroCrop(heroId, name), bytes);
    }
  });
  test("nothing for drafts' heroes or unknown media", async () => {
    assert.equal(await heroCrop(draftHeroId, "16x9"), null);
    assert.equal(await heroCrop(999_999_999, "16x9"), null);
  });
});

describe("social cards", () => {
  test("1200×630 with a hero and without one; none for drafts", async () => {
    const withHero = await factory.article({ heroMediaId: heroId });
    const plain = await factory.article({ headline: `A headline with <markup> & ampersands ${factory.suffix}` });
    const draft = await factory.article({ status: "DRAFT" });
    for (const id of [withHero.id, plain.id]) {
      const meta = await sharp((await socialCard(id, "The Test Chronicle"))!).metadata();
      assert.deepEqual(
        { format: meta.format, width: meta.width, height: meta.height },
        { format: "jpeg", width: 1200, height: 630 },
      );
    }
    assert.equal(await socialCard(draft.id, "The Test Chronicle"), null);
  });
  test("headlines wrap at words and are cut with an ellipsis", () => {
    assert.deepEqual(wrapLines("one two three four", 9, 3), ["one two", "three", "four"]);
    assert.deepEqual(wrapLines("one two three four five six", 9, 2), ["one two", "three…"]);
  });
});
