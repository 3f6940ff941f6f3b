/**
 * Public addresses of uploaded images. Safe to import anywhere (no Node APIs): the editor builds figure previews
 * with it too.
 *
 * Storage keys are made by lib/media/upload.ts only: `YYYY/MM/<22 random url-safe characters>.<ext>`. Anything
 * else under /media is refused before the file system is touched.
 */
export const MEDIA_KEY_PATTERN = /^\d{4}\/\d{2}\/[A-Za-z0-9_-]{16,64}\.(jpg|png|webp|gif)$/;

export const MEDIA_TYPES = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
} as const;
export type MediaExtension = keyof typeof MEDIA_TYPES;

export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey}`;
}
