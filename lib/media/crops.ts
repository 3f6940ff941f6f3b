import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { db } from "../db";
import { env } from "../env";
import { mediaFilePath } from "./storage";
import { logoImage, textCard } from "./cards";

/**
 * Derived images for crawlers: three fixed-ratio crops of a hero (the `image` of article JSON-LD) and the 1200×630
 * social card. Made with sharp on first request and kept under MEDIA_DIR/crops/, so each is computed once.
 *
 * Only images that are the hero of a published article get crops or cards: media ids are sequential, and walking
 * /img/<id>/… must not reveal pictures of drafts (the /media route relies on unguessable keys for the same reason).
 */

export const CROP_SIZES = {
  "16x9": { width: 1200, height: 675 },
  "4x3": { width: 1200, height: 900 },
  "1x1": { width: 1200, height: 1200 },
} as const;
export type CropName = keyof typeof CROP_SIZES;

export const OG_SIZE = { width: 1200, height: 630 } as const;

/** Crops never change for a given stored file (a new upload gets a new key), so they are cached for a year. */
export const CROP_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Social cards follow the headline and hero, which editors can change: cached briefly. */
export const OG_CACHE_CONTROL = "public, max-age=600, stale-while-revalidate=86400";

export function isCropName(value: string): value is CropName {
  return Object.hasOwn(CROP_SIZES, value);
}

const cropsDir = () => path.resolve(env().MEDIA_DIR, "crops");
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Reads a cached derivative, or makes it, writes it atomically (temp file + rename) and returns it. */
async function cached(file: string, make: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    const bytes = await make();
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file);
    return bytes;
  }
}

/** Resize to cover the box, cropping around the most salient region (sharp's attention strategy). */
function cover(source: string, size: { width: number; height: number }): Promise<Buffer> {
  return (
    sharp(source, { limitInputPixels: env().MEDIA_MAX_PIXELS })
      .rotate()
      // No `withoutEnlargement`: small originals are upscaled on purpose, because Google wants article images at
      // least 1200 px wide; a soft image is better than none in a rich result.
      .resize({ width: size.width, height: size.height, fit: "cover", position: sharp.strategy.attention })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer()
  );
}

async function publicHero(mediaId: number): Promise<{ id: number; storageKey: string } | null> {
  const rows = await db().$queryRaw<{ id: number; storageKey: string }[]>`
    SELECT m.id, m."storageKey" FROM "Media" m
    WHERE m.id = ${mediaId} AND EXISTS (
      SELECT 1 FROM "Article" a WHERE (a."heroMediaId" = m.id OR a."seoImageId" = m.id)
        AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL)`;
  return rows[0] ?? null;
}

/** JPEG bytes of a crop, or null when the media is unknown, not the hero or social image of a published article, or its file is missing. */
export async function heroCrop(mediaId: number, name: CropName): Promise<Buffer | null> {
  const media = await publicHero(mediaId);
  if (!media) return null;
  const source = mediaFilePath(media.storageKey);
  const file = path.join(cropsDir(), String(media.id), `${name}-${digest(media.storageKey)}.jpg`);
  try {
    return await cached(file, () => cover(source, CROP_SIZES[name]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || /missing|unsupported image/i.test(String(error)))
      return null;
    throw error;
  }
}

type CardArticle = { id: number; headline: string; heroKey: string | null };

async function publicArticle(articleId: number): Promise<CardArticle | null> {
  const rows = await db().$queryRaw<CardArticle[]>`
    SELECT a.id, a.headline, m."storageKey" AS "heroKey"
    FROM "Article" a LEFT JOIN "Media" m ON m.id = COALESCE(a."seoImageId", a."heroMediaId")
    WHERE a.id = ${articleId} AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL`;
  return rows[0] ?? null;
}

/**
 * The 1200×630 social card of a published article (its social image override, else its hero), or null (unknown,
 * draft, unpublished, taken down).
 */
export async function socialCard(articleId: number, publicationName: string): Promise<Buffer | null> {
  const article = await publicArticle(articleId);
  if (!article) return null;
  // The file name follows everything drawn, so an edited headline or new hero gets a new card.
  const key = digest(`card-v2\n${article.heroKey ?? ""}\n${article.headline}\n${publicationName}`);
  const file = path.join(cropsDir(), "og", `${article.id}-${key}.jpg`);
  if (article.heroKey) {
    try {
      return await cached(file, () => cover(mediaFilePath(article.heroKey as string), OG_SIZE));
    } catch (error) {
      // A hero whose file is gone still gets a card: fall through to the generated one.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !/missing/i.test(String(error))) throw error;
    }
  }
  return cached(file, () => textCard(article.headline, publicationName));
}

/** A square wordmark logo for the publisher in structured data (512×512 PNG), cached per name. */
export async function publicationLogo(publicationName: string): Promise<Buffer> {
  const initials = publicationName
    .replace(/^the\s+/i, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  const file = path.join(cropsDir(), "logo", `${digest(`logo-v2\n${publicationName}`)}.png`);
  return cached(file, () => logoImage(initials || "B"));
}
