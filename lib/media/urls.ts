/**
 * Public addresses of uploaded images and of their responsive variants. Safe to import anywhere (no Node APIs):
 * the editor builds figure previews with it too.
 *
 * Storage keys are made by lib/media/upload.ts only: `YYYY/MM/<22 random url-safe characters>.<ext>`. Anything
 * else under /media is refused before the file system is touched.
 *
 * Variants live one segment below their original: `/media/<key>/w<width>.<format>`, e.g.
 * `/media/2026/11/Ab3….jpg/w640.avif`. Only the widths `variantWidths` lists for that original exist, in the formats
 * `variantFormats` lists; any other name is a 404, so a request can never ask for an arbitrary size.
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

/** Widths of the variants. Each original gets those narrower than itself, then its own width when ≤ the last one. */
export const VARIANT_WIDTHS = [320, 480, 640, 960, 1280, 1600] as const;
const MAX_VARIANT_WIDTH = 1600;

export const VARIANT_TYPES = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
} as const;
export type VariantFormat = keyof typeof VARIANT_TYPES;

/** The widths that exist for an original `originalWidth` pixels wide: never wider than it, never above 1600. */
export function variantWidths(originalWidth: number): number[] {
  if (!Number.isInteger(originalWidth) || originalWidth < 1) return [];
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  if (originalWidth <= MAX_VARIANT_WIDTH) widths.push(originalWidth);
  return widths;
}

/**
 * Formats a stored file has variants in, best first: AVIF, WebP, then the original's own format as the fallback
 * every browser can show. GIFs have none (resizing would stop animations) and neither does a key upload.ts could
 * not have made.
 */
export function variantFormats(storageKey: string): VariantFormat[] {
  const ext = MEDIA_KEY_PATTERN.exec(storageKey)?.[1] as MediaExtension | undefined;
  if (!ext || ext === "gif") return [];
  return ext === "webp" ? ["avif", "webp"] : ["avif", "webp", ext];
}

export function variantUrl(storageKey: string, width: number, format: VariantFormat): string {
  return `${mediaUrl(storageKey)}/w${width}.${format}`;
}

const VARIANT_NAME = /^w([1-9][0-9]{0,4})\.(avif|webp|jpg|png)$/;

/** `w640.avif` → { width: 640, format: "avif" }; null for any other name. Whether it exists is a separate question. */
export function parseVariantName(name: string): { width: number; format: VariantFormat } | null {
  const match = VARIANT_NAME.exec(name);
  return match ? { width: Number(match[1]), format: match[2] as VariantFormat } : null;
}

/** The storage key behind a URL made by `mediaUrl`, or null for any other address. */
export function storageKeyOf(url: string): string | null {
  const key = url.startsWith("/media/") ? url.slice("/media/".length) : "";
  return MEDIA_KEY_PATTERN.test(key) ? key : null;
}
