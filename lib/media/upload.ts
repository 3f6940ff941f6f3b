import { mkdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { DomainError, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { mediaFilePath, newStorageKey } from "./storage";
import { MEDIA_TYPES, mediaUrl, type MediaExtension } from "./urls";

/**
 * The upload pipeline. Whatever arrives is decoded by sharp and written out again, so what we serve is always an
 * image we produced: the format is decided by the bytes (never the file name), EXIF orientation is applied and
 * then all metadata (GPS position, camera serials) is dropped, and oversized photos are scaled down.
 */

/** Widest image we keep; wider uploads are scaled down (article columns and hero images never need more). */
export const MAX_STORED_WIDTH = 2400;
const QUALITY = 82;

const textSchema = z.object({
  alt: z.string().trim().max(1000, "Alt text is at most 1000 characters.").default(""),
  caption: z.string().trim().max(2000, "Captions are at most 2000 characters.").default(""),
  credit: z.string().trim().max(300, "Credits are at most 300 characters.").default(""),
});

export type UploadInput = { bytes: Buffer | Uint8Array; alt?: string; caption?: string; credit?: string };
export type UploadResult = {
  id: number;
  url: string;
  width: number;
  height: number;
  storageKey: string;
  mimeType: string;
};

type Detected = { input: "jpeg" | "png" | "webp" | "gif" | "avif"; width: number; height: number; pages: number };

const NOT_AN_IMAGE = "This file is not an image we accept. Upload a JPEG, PNG, WebP, GIF or AVIF.";

const DAMAGED = "This image could not be read; it may be damaged or cut short. Upload the whole file again.";

/** A PNG's last chunk: length 0, type IEND, its fixed CRC. */
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * libpng stops reading after the last pixel row, so a PNG cut off after its image data (the end chunk missing or
 * half there) decodes without a warning and sharp accepts it; a complete PNG always ends with the IEND chunk.
 */
function endsWithIend(bytes: Buffer): boolean {
  return bytes.length > PNG_IEND.length && bytes.subarray(bytes.length - PNG_IEND.length).equals(PNG_IEND);
}

async function detect(bytes: Buffer): Promise<Detected> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new DomainError(422, NOT_AN_IMAGE, { file: NOT_AN_IMAGE });
  }
  let input: Detected["input"] | undefined;
  if (meta.format === "jpeg" || meta.format === "png" || meta.format === "webp" || meta.format === "gif")
    input = meta.format;
  // sharp reports AVIF as the HEIF container; only its AV1 flavour is AVIF (HEIC photos are not accepted).
  else if (meta.format === "heif" && meta.compression === "av1") input = "avif";
  if (!input || !meta.width || !meta.height) throw new DomainError(422, NOT_AN_IMAGE, { file: NOT_AN_IMAGE });
  if (input === "png" && !endsWithIend(bytes)) throw new DomainError(422, DAMAGED, { file: DAMAGED });
  const pages = meta.pages ?? 1;
  const height = meta.pageHeight ?? meta.height;
  return { input, width: meta.width, height, pages };
}

/** Output format: photos stay JPEG, graphics stay PNG, animations keep moving, AVIF becomes WebP (fast to encode). */
function outputFor(input: Detected["input"]): MediaExtension {
  switch (input) {
    case "jpeg":
      return "jpg";
    case "png":
      return "png";
    case "gif":
      return "gif";
    case "webp":
    case "avif":
      return "webp";
  }
}

async function reencode(bytes: Buffer, detected: Detected, ext: MediaExtension) {
  const animated = detected.pages > 1 && (ext === "gif" || ext === "webp");
  let pipeline = sharp(bytes, { animated, limitInputPixels: env().MEDIA_MAX_PIXELS })
    .autoOrient()
    .resize({ width: MAX_STORED_WIDTH, withoutEnlargement: true });
  // No keepMetadata()/withMetadata(): sharp writes none by default (colour is converted to sRGB first).
  if (ext === "jpg") pipeline = pipeline.jpeg({ quality: QUALITY, progressive: true, mozjpeg: true });
  else if (ext === "webp") pipeline = pipeline.webp({ quality: QUALITY });
  else if (ext === "png") pipeline = pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  else pipeline = pipeline.gif();
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.pageHeight ?? info.height };
}

/**
 * Stores an uploaded image and records it in the media library. 413 when the file or its pixel count is over the
 * limits (MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS), 422 when it is not an accepted image. The file is written before the
 * row and removed again if the row cannot be written, so neither exists without the other.
 */
export async function uploadImage(actor: Actor | null, input: UploadInput): Promise<UploadResult> {
  assertCan(actor, "media:upload");
  const texts = textSchema.safeParse({
    alt: input.alt ?? undefined,
    caption: input.caption ?? undefined,
    credit: input.credit ?? undefined,
  });
  if (!texts.success) throw validationError(texts.error.issues);
  const { MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS } = env();
  const bytes = Buffer.isBuffer(input.bytes)
    ? input.bytes
    : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  if (bytes.byteLength === 0) throw new DomainError(422, "The file is empty.", { file: "The file is empty." });
  if (bytes.byteLength > MEDIA_MAX_BYTES) {
    const mb = (MEDIA_MAX_BYTES / 1024 / 1024).toFixed(0);
    throw new DomainError(413, `Images are at most ${mb} MB.`, { file: `Images are at most ${mb} MB.` });
  }
  const detected = await detect(bytes);
  if (detected.width * detected.height * detected.pages > MEDIA_MAX_PIXELS) {
    const message = `This image is too large (${detected.width}×${detected.height}${detected.pages > 1 ? ` × ${detected.pages} frames` : ""}); the limit is ${(MEDIA_MAX_PIXELS / 1e6).toFixed(0)} megapixels.`;
    throw new DomainError(413, message, { file: message });
  }
  const ext = outputFor(detected.input);
  let encoded: Awaited<ReturnType<typeof reencode>>;
  try {
    encoded = await reencode(bytes, detected, ext);
  } catch {
    // Truncated or corrupt files pass the header check and fail here.
    throw new DomainError(422, DAMAGED, { file: DAMAGED });
  }

  const storageKey = newStorageKey(ext);
  const file = mediaFilePath(storageKey);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, encoded.data, { flag: "wx" });
  try {
    const row = await db().media.create({
      data: {
        storageKey,
        mimeType: MEDIA_TYPES[ext],
        width: encoded.width,
        height: encoded.height,
        bytes: encoded.data.byteLength,
        alt: texts.data.alt,
        caption: texts.data.caption,
        credit: texts.data.credit,
        uploadedById: actor.id,
      },
      select: { id: true },
    });
    return {
      id: row.id,
      url: mediaUrl(storageKey),
      width: encoded.width,
      height: encoded.height,
      storageKey,
      mimeType: MEDIA_TYPES[ext],
    };
  } catch (error) {
    await unlink(file).catch(() => {});
    throw error;
  }
}
