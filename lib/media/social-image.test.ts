import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";

// env() is read once per process: point MEDIA_DIR at a scratch folder before anything reads it.
const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-social-"));
process.env.MEDIA_DIR = mediaDir;

const { db, disconnectDb } = await import("../db");
const { Factory } = await import("../testing/factories");
const { heroCrop, socialCard } = await import("./crops");

/** An article's social image override (Article.seoImageId) is what its social card and JSON-LD crops show. */

const factory = new Factory();

async function solidImage(colour: string) {
  const media = await factory.media({
    storageKey: `2026/11/social-${factory.unique("img")}.jpg`,
    width: 800,
    height: 600,
  });
  const file = path.join(mediaDir, ...media.storageKey.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
      .jpeg()
      .toBuffer(),
  );
  return media;
}

/** The colour in the middle of a JPEG, as [r, g, b]. */
async function middle(bytes: Buffer): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

before(async () => {
  await factory.ensurePublication();
});

after(async () => {
  await factory.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

test("the social card shows the override when set, the hero otherwise; crops of an override are public only once published", async () => {
  const hero = await solidImage("#cc0000");
  const social = await solidImage("#00aa00");
  const article = await factory.article({ heroMediaId: hero.id });

  const [r] = await middle((await socialCard(article.id, "The Test Daily"))!);
  assert.ok(r! > 150, "the hero (red) is the card");
  assert.equal(await heroCrop(social.id, "16x9"), null, "an image no published article uses has no public crops");

  await db().article.update({ where: { id: article.id }, data: { seoImageId: social.id } });
  const [, g] = await middle((await socialCard(article.id, "The Test Daily"))!);
  assert.ok(g! > 120, "the social image (green) is the card");
  assert.ok(await heroCrop(social.id, "16x9"), "the social image's crops are served for structured data");

  await db().article.update({ where: { id: article.id }, data: { status: "DRAFT" } });
  assert.equal(await socialCard(article.id, "The Test Daily"), null);
  assert.equal(await heroCrop(social.id, "16x9"), null);
});
