import { randomBytes } from "node:crypto";
import { mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { env } from "../env";
import { mediaFilePath } from "./storage";
import type { VariantFormat } from "./urls";

/**
 * Responsive variants of uploaded images (the URL shape and which widths exist are in urls.ts). Each variant is made
 * from the original on its first request and kept under MEDIA_DIR/variants/<storage key>/w<width>.<format>, so it
 * is encoded once and then served from disk like an original. Callers must have checked that the key is in the
 * library and that the width and format exist for it (serve.ts does).
 *
 * Work is bounded: one encode per variant however many requests ask for it at once (in this process), at most
 * ENCODE_SLOTS encodes at a time, and sharp reads the original from disk and writes the variant to disk, so no
 * image passes through a JavaScript buffer.
 *
 * Encoder settings were measured on the seed pictures and on photographs (docs/architecture.md, "Images"): AVIF at
 * quality 50 and effort 2 was 35–65 % smaller than the JPEG fallback and 5–45 % smaller than WebP, in a fifth of
 * the time effort 4 takes for files at most 14 % smaller.
 */

const ENCODERS: Record<VariantFormat, (pipeline: Sharp) => Sharp> = {
  avif: (p) => p.avif({ quality: 50, effort: 2 }),
  webp: (p) => p.webp({ quality: 75, effort: 4 }),
  jpg: (p) => p.jpeg({ quality: 78, progressive: true, mozjpeg: true }),
  png: (p) => p.png({ compressionLevel: 9, adaptiveFiltering: true }),
};

/** Two cores on the machines this runs on: more parallel encodes would only queue inside libvips. */
const ENCODE_SLOTS = 2;

export function variantFilePath(storageKey: string, width: number, format: VariantFormat): string {
  return path.resolve(env().MEDIA_DIR, "variants", ...storageKey.split("/"), `w${width}.${format}`);
}

const inflight = new Map<string, Promise<void>>();
const queue: (() => void)[] = [];
let encoding = 0;
let encoded = 0;

/**
 * How many variants this process has encoded; tests use it to see that concurrent first requests encode once.
 * @internal
 */
export function variantsEncoded(): number {
  return encoded;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (encoding >= ENCODE_SLOTS) await new Promise<void>((resolve) => queue.push(resolve));
  encoding++;
  try {
    return await work();
  } finally {
    encoding--;
    queue.shift()?.();
  }
}

async function encode(storageKey: string, width: number, format: VariantFormat, file: string): Promise<void> {
  // A job that finished just before this one was registered has already written the file.
  if (await isFile(file)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await inSlot(() =>
      ENCODERS[format](
        sharp(mediaFilePath(storageKey), { limitInputPixels: env().MEDIA_MAX_PIXELS }).resize({
          width,
          withoutEnlargement: true,
        }),
      ).toFile(temp),
    );
    // Atomic: a reader (or another server process making the same variant) sees the whole file or none.
    await rename(temp, file);
    encoded++;
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** Path of the variant on disk, encoding it from the original first when it does not exist yet. */
export async function ensureVariant(storageKey: string, width: number, format: VariantFormat): Promise<string> {
  const file = variantFilePath(storageKey, width, format);
  if (await isFile(file)) return file;
  let job = inflight.get(file);
  if (!job) {
    job = encode(storageKey, width, format, file).finally(() => inflight.delete(file));
    inflight.set(file, job);
  }
  await job;
  return file;
}
