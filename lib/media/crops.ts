import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
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

/**
 * A crop changes when an editor moves the image's focal point (lib/media/library.ts), and its URL stays the same
 * (JSON-LD names /img/<id>/16x9.jpg), so it is not `immutable`: a day, then revalidated. Crawlers are its readers.
 */
export const CROP_CACHE_CONTROL = "public, max-age=86400";
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

/** A focal point as fractions of the image's width and height (Media.focalX/focalY). */
export type Focal = { x: number; y: number };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Where to cut a `box` out of an image `w`×`h` scaled to cover it, so the focal point is as near the centre as
 * the image's edges allow. Pure, so tests can check the arithmetic; `cover` applies it with sharp.
 */
export function focalWindow(
  w: number,
  h: number,
  box: { width: number; height: number },
  focal: Focal,
): {
  resize: { width: number; height: number };
  extract: { left: number; top: number; width: number; height: number };
} {
  const scale = Math.max(box.width / w, box.height / h);
  const width = Math.max(box.width, Math.round(w * scale));
  const height = Math.max(box.height, Math.round(h * scale));
  const left = clamp(Math.round(focal.x * width - box.width / 2), 0, width - box.width);
  const top = clamp(Math.round(focal.y * height - box.height / 2), 0, height - box.height);
  return { resize: { width, height }, extract: { left, top, width: box.width, height: box.height } };
}

/**
 * Resize to cover the box: around the editor's focal point when there is one, else around the most salient region
 * (sharp's attention strategy).
 */
async function cover(source: string, size: { width: number; height: number }, focal: Focal | null): Promise<Buffer> {
  const input = () => sharp(source, { limitInputPixels: env().MEDIA_MAX_PIXELS }).rotate();
  let pipeline: ReturnType<typeof sharp>;
  if (focal) {
    const meta = await sharp(source, { limitInputPixels: env().MEDIA_MAX_PIXELS }).metadata();
    // EXIF orientations 5–8 swap the axes; uploads are stored upright, but seeded files might not be.
    const turned = (meta.orientation ?? 1) >= 5;
    const w = (turned ? meta.height : meta.width) ?? size.width;
    const h = (turned ? meta.width : (meta.pageHeight ?? meta.height)) ?? size.height;
    const window = focalWindow(w, h, size, focal);
    // resize then extract: sharp applies an extract called after resize to the resized image.
    pipeline = input()
      .resize({ ...window.resize, fit: "fill" })
      .extract(window.extract);
  } else {
    // No `withoutEnlargement`: small originals are upscaled on purpose, because Google wants article images at
    // least 1200 px wide; a soft image is better than none in a rich result.
    pipeline = input().resize({
      width: size.width,
      height: size.height,
      fit: "cover",
      position: sharp.strategy.attention,
    });
  }
  return pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}

const focalOf = (row: { focalX: number | null; focalY: number | null }): Focal | null =>
  row.focalX !== null && row.focalY !== null ? { x: row.focalX, y: row.focalY } : null;
const focalKey = (focal: Focal | null) => (focal ? `${focal.x},${focal.y}` : "attention");

/**
 * After an image's focal point moved: deletes its crops and the social cards of the articles whose hero it is, so
 * the next request makes them around the new point (their file names carry the point too, so a request racing
 * this deletion cannot bring an old one back under the new name).
 */
export async function forgetCrops(mediaId: number, heroOfArticles: readonly number[]): Promise<void> {
  await rm(path.join(cropsDir(), String(mediaId)), { recursive: true, force: true });
  if (heroOfArticles.length === 0) return;
  const og = path.join(cropsDir(), "og");
  const names = await readdir(og).catch(() => [] as string[]);
  const prefixes = heroOfArticles.map((id) => `${id}-`);
  await Promise.all(
    names.filter((n) => prefixes.some((p) => n.startsWith(p))).map((n) => rm(path.join(og, n), { force: true })),
  );
}

type HeroRow = { id: number; storageKey: string; focalX: number | null; focalY: number | null };

async function publicHero(mediaId: number): Promise<HeroRow | null> {
  const rows = await db().$queryRaw<HeroRow[]>`
    SELECT m.id, m."storageKey", m."focalX", m."focalY" FROM "Media" m
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
  const focal = focalOf(media);
  const file = path.join(
    cropsDir(),
    String(media.id),
    `${name}-${digest(`${media.storageKey}\n${focalKey(focal)}`)}.jpg`,
  );
  try {
    return await cached(file, () => cover(source, CROP_SIZES[name], focal));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || /missing|unsupported image/i.test(String(error)))
      return null;
    throw error;
  }
}

type CardArticle = {
  id: number;
  headline: string;
  heroKey: string | null;
  focalX: number | null;
  focalY: number | null;
};

async function publicArticle(articleId: number): Promise<CardArticle | null> {
  const rows = await db().$queryRaw<CardArticle[]>`
    SELECT a.id, a.headline, m."storageKey" AS "heroKey", m."focalX", m."focalY"
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
  const focal = focalOf(article);
  const key = digest(`card-v2\n${article.heroKey ?? ""}\n${focalKey(focal)}\n${article.headline}\n${publicationName}`);
  const file = path.join(cropsDir(), "og", `${article.id}-${key}.jpg`);
  if (article.heroKey) {
    try {
      return await cached(file, () => cover(mediaFilePath(article.heroKey as string), OG_SIZE, focal));
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
