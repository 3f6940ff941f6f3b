import { randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "../env";
import type { MediaExtension } from "./urls";

/** Where files live under MEDIA_DIR. Keys are `YYYY/MM/<random>.<ext>` (see MEDIA_KEY_PATTERN in urls.ts). */

export function newStorageKey(ext: MediaExtension, now = new Date()): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, "0");
  // 16 random bytes: unguessable, so unpublished images cannot be found by walking keys.
  return `${yyyy}/${mm}/${randomBytes(16).toString("base64url")}.${ext}`;
}

/** Absolute path of a storage key. Callers pass only keys matching MEDIA_KEY_PATTERN, so it stays inside MEDIA_DIR. */
export function mediaFilePath(storageKey: string): string {
  return path.resolve(env().MEDIA_DIR, ...storageKey.split("/"));
}
