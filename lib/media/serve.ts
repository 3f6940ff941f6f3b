import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { db } from "../db";
import { MEDIA_KEY_PATTERN, VARIANT_TYPES, parseVariantName, variantFormats, variantWidths } from "./urls";
import { mediaFilePath } from "./storage";
import { goneResponse } from "./removal";
import { ensureVariant } from "./variants";

/**
 * Serving uploaded images (app/media/[...key]/route.ts). A key must have the exact shape upload.ts generates and
 * be recorded in the media library before any file is opened, so no path (`..`, encoded slashes, absolute paths)
 * can reach outside MEDIA_DIR, and a stray file in the directory is never served.
 *
 * The same holds for responsive variants (`<key>/w640.avif`, see urls.ts): the key must be in the library, and the
 * width and format must be ones urls.ts lists for that original, before variants.ts makes or opens anything.
 *
 * Files never change once written (a new upload gets a new random key), so they are cached for a year.
 */
export const MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable";

export type MediaFile = { mimeType: string; size: number; etag: string; open: () => ReadableStream<Uint8Array> };

async function fileInfo(file: string) {
  try {
    const info = await stat(file);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

const etagOf = (tag: string, info: { size: number; mtimeMs: number }) =>
  `"${tag}-${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;

const stream = (file: string) => () => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;

/** The original (`YYYY/MM/<name>.<ext>`, three segments) or one of its variants (a fourth segment, `w640.avif`). */
export async function findMediaFile(segments: readonly string[]): Promise<MediaFile | "removed" | null> {
  if (segments.length !== 3 && segments.length !== 4) return null;
  const variant = segments.length === 4 ? parseVariantName(segments[3]!) : null;
  if (segments.length === 4 && !variant) return null;
  const key = segments.slice(0, 3).join("/");
  if (!MEDIA_KEY_PATTERN.test(key)) return null;
  const row = await db().media.findUnique({
    where: { storageKey: key },
    select: { id: true, mimeType: true, width: true, removedAt: true },
  });
  if (!row) return null;
  // Removed with its article (lib/media/removal.ts): every variant too, whether or not it was ever made.
  if (row.removedAt) return "removed";
  const original = mediaFilePath(key);
  const info = await fileInfo(original);
  if (!info) return null;
  if (!variant)
    return { mimeType: row.mimeType, size: info.size, etag: etagOf(`m${row.id}`, info), open: stream(original) };

  const { width, format } = variant;
  if (!variantWidths(row.width).includes(width) || !variantFormats(key).includes(format)) return null;
  const file = await ensureVariant(key, width, format);
  const made = await fileInfo(file);
  if (!made) return null;
  return {
    mimeType: VARIANT_TYPES[format],
    size: made.size,
    etag: etagOf(`m${row.id}w${width}${format}`, made),
    open: stream(file),
  };
}

/** The whole response for GET/HEAD /media/<key>: 200 with the image, 304 for a matching ETag, 410 if removed, or 404. */
export async function mediaResponse(request: Request, segments: readonly string[]): Promise<Response> {
  const found = await findMediaFile(segments);
  if (found === "removed") return goneResponse();
  if (!found) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const headers = new Headers({
    "Content-Type": found.mimeType,
    "Cache-Control": MEDIA_CACHE_CONTROL,
    ETag: found.etag,
    "X-Content-Type-Options": "nosniff",
    // An image opened directly must not be able to run anything, whatever a browser thinks it is.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === found.etag || tag.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(found.size));
  return new Response(request.method === "HEAD" ? null : found.open(), { status: 200, headers });
}
