import { VARIANT_TYPES, mediaUrl, storageKeyOf, variantFormats, variantUrl, variantWidths } from "./urls";

/**
 * Responsive images: the one place that turns an original into `srcset`s. Pure (no Node APIs), so view models and
 * server components both use it.
 *
 * View models carry a `ResponsiveImage` (the original's URL and size, and which variant widths exist); a component
 * asks `pictureSources` for the `<source>`/`<img>` srcsets, capped at the widest variant its layout can use.
 */

/** An original image and the widths of its variants ([] when it has none, e.g. a GIF). JSON-safe. */
export type ResponsiveImage = {
  src: string;
  width: number;
  height: number;
  widths: number[];
  /** The editor's focal point (fractions), for pictures a layout crops with CSS (`object-position`). */
  focal?: { x: number; y: number };
};

export function responsiveImage(storageKey: string, width: number, height: number): ResponsiveImage {
  return {
    src: mediaUrl(storageKey),
    width,
    height,
    widths: variantFormats(storageKey).length > 0 ? variantWidths(width) : [],
  };
}

export type PictureSources = {
  /** AVIF then WebP, for `<source type srcset>`; the browser takes the first type it supports. */
  sources: { type: string; srcSet: string }[];
  /** The fallback format's srcset for the `<img>`; undefined when the image has no variants (use `src` alone). */
  srcSet: string | undefined;
};

/**
 * Srcsets for a `<picture>`. `maxWidth` leaves out variants wider than a layout ever needs (a card thumbnail
 * never needs 1600 px, whatever the screen's density); the narrowest variant is always kept.
 */
export function pictureSources(image: Pick<ResponsiveImage, "src" | "widths">, maxWidth = Infinity): PictureSources {
  const key = storageKeyOf(image.src);
  const formats = key ? variantFormats(key) : [];
  if (!key || formats.length === 0 || image.widths.length === 0) return { sources: [], srcSet: undefined };
  const capped = image.widths.filter((w) => w <= maxWidth);
  const widths = capped.length > 0 ? capped : image.widths.slice(0, 1);
  const srcSet = (format: (typeof formats)[number]) =>
    widths.map((w) => `${variantUrl(key, w, format)} ${w}w`).join(", ");
  const fallback = formats[formats.length - 1]!;
  return {
    sources: formats.slice(0, -1).map((format) => ({ type: VARIANT_TYPES[format], srcSet: srcSet(format) })),
    srcSet: srcSet(fallback),
  };
}
