import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { db } from "../db";
import { env } from "../env";
import { mediaFilePath } from "./storage";

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

/** Text placed in generated SVG: escaped so a headline cannot inject markup. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);
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
      SELECT 1 FROM "Article" a WHERE a."heroMediaId" = m.id AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL)`;
  return rows[0] ?? null;
}

/** JPEG bytes of a crop, or null when the media is unknown, not a published hero, or its file is missing. */
export async function heroCrop(mediaId: number, name: CropName): Promise<Buffer | null> {
  const media = await publicHero(mediaId);
  if (!media) return null;
  const source = mediaFilePath(media.storageKey);
  const file = path.join(cropsDir(), String(media.id), `${name}-${digest(media.storageKey)}.jpg`);
  try {
    return await cached(file, () => cover(source, CROP_SIZES[name]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || /missing|unsupported image/i.test(String(error))) return null;
    throw error;
  }
}

type CardArticle = { id: number; headline: string; heroKey: string | null };

async function publicArticle(articleId: number): Promise<CardArticle | null> {
  const rows = await db().$queryRaw<CardArticle[]>`
    SELECT a.id, a.headline, m."storageKey" AS "heroKey"
    FROM "Article" a LEFT JOIN "Media" m ON m.id = a."heroMediaId"
    WHERE a.id = ${articleId} AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL`;
  return rows[0] ?? null;
}

/** Greedy word wrap for the generated card; long words are cut rather than overflowing. */
export function wrapLines(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (const raw of words) {
    const word = raw.length > maxChars ? `${raw.slice(0, maxChars - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s.,;:]+$/, "")}…`;
    return kept;
  }
  return lines;
}

/**
 * A card for articles without a hero: headline and publication name, drawn from SVG by sharp (librsvg with the
 * system's fonts through fontconfig — DejaVu/Liberation on Debian; "serif" falls back to whatever is installed).
 */
function textCard(headline: string, publicationName: string): Promise<Buffer> {
  const lines = wrapLines(headline, 30, 4);
  const lineHeight = 78;
  const top = 315 - (lines.length * lineHeight) / 2 + 40;
  const text = lines
    .map((l, i) => `<text x="80" y="${top + i * lineHeight}" font-family="Source Serif 4, DejaVu Serif, Liberation Serif, serif" font-size="64" font-weight="700" fill="#111">${escapeXml(l)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_SIZE.width}" height="${OG_SIZE.height}">
<rect width="100%" height="100%" fill="#f7f4ee"/>
<rect x="0" y="0" width="100%" height="14" fill="#8b1a1a"/>
<text x="80" y="95" font-family="Inter, DejaVu Sans, Liberation Sans, sans-serif" font-size="34" font-weight="700" fill="#8b1a1a" letter-spacing="1">${escapeXml(publicationName.toUpperCase())}</text>
${text}
<rect x="80" y="560" width="120" height="6" fill="#111"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The 1200×630 social card of a published article, or null (unknown, draft, unpublished, taken down). */
export async function socialCard(articleId: number, publicationName: string): Promise<Buffer | null> {
  const article = await publicArticle(articleId);
  if (!article) return null;
  // The file name follows everything drawn, so an edited headline or new hero gets a new card.
  const key = digest(`${article.heroKey ?? ""}\n${article.headline}\n${publicationName}`);
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
  const file = path.join(cropsDir(), "logo", `${digest(publicationName)}.png`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
<rect width="100%" height="100%" fill="#111"/>
<text x="256" y="318" text-anchor="middle" font-family="Source Serif 4, DejaVu Serif, Liberation Serif, serif" font-size="200" font-weight="700" fill="#f7f4ee">${escapeXml(initials || "B")}</text>
</svg>`;
  return cached(file, () => sharp(Buffer.from(svg)).png().toBuffer());
}
