import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { db } from "../db";
import { MEDIA_KEY_PATTERN } from "./urls";
import { mediaFilePath } from "./storage";

/**
 * Serving uploaded images (app/media/[...key]/route.ts). A key must have the exact shape upload.ts generates and
 * be recorded in the media library before any file is opened, so no path (`..`, encoded slashes, absolute paths)
 * can reach outside MEDIA_DIR, and a stray file in the directory is never served.
 *
 * Files never change once written (a new upload gets a new random key), so they are cached for a year.
 */
export const MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable";

export type MediaFile = { mimeType: string; size: number; etag: string; open: () => ReadableStream<Uint8Array> };

export async function findMediaFile(segments: readonly string[]): Promise<MediaFile | null> {
  const key = segments.join("/");
  if (!MEDIA_KEY_PATTERN.test(key)) return null;
  const row = await db().media.findUnique({ where: { storageKey: key }, select: { id: true, mimeType: true } });
  if (!row) return null;
  const file = mediaFilePath(key);
  let info;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  return {
    mimeType: row.mimeType,
    size: info.size,
    etag: `"m${row.id}-${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`,
    open: () => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
  };
}

/** The whole response for GET/HEAD /media/<key>: 200 with the image, 304 for a matching ETag, or 404. */
export async function mediaResponse(request: Request, segments: readonly string[]): Promise<Response> {
  const found = await findMediaFile(segments);
  if (!found) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
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
