import type { ResponsiveImage } from "@/lib/media/responsive";
import { pictureSources } from "@/lib/media/responsive";

/**
 * `sizes` for each place a picture appears, mirroring app/(site)/site.css; the widths were checked in Chromium at
 * 360–1440 px. Main column: `.site-main` is at most 72rem with a gutter of clamp(1rem, 4vw, 2rem) each side, so it
 * is 92vw wide up to 800 px (100vw − 2rem below 400 px, close enough), then 100vw − 4rem up to 68rem.
 * They are kept short on purpose: each is repeated in every <source> and again in the RSC payload.
 */
export const SIZES = {
  /** `.article` (hero, body figures): 65ch of the body serif (619 px), else the whole column. */
  articleColumn: "(min-width: 42rem) 39rem, 92vw",
  /** `.story--lead`: the column; from 48rem the first of two grid tracks 3fr 2fr with a 1.5rem gap. */
  lead: "(min-width: 72rem) 40rem, (min-width: 48rem) calc(60vw - 53px), 92vw",
  /** `.grid` cards: one column, two from 40rem, four from 64rem (gaps 1.5rem); ≤ 16rem at four. */
  gridCard: "(min-width: 64rem) 16rem, (min-width: 40rem) 46vw, 92vw",
  /** `.story-list` cards: the listing column (48rem at most), or a 12rem track beside the text from 40rem. */
  listCard: "(min-width: 40rem) 12rem, 92vw",
  /** `.author-profile__photo`: an 8rem circle. */
  authorPhoto: "8rem",
} as const;

const pct = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** Card thumbnails never need more than this, whatever the screen's density: 480 px is sharp at 2x on a 240 px card. */
export const THUMBNAIL_MAX_WIDTH = 480;

/**
 * A responsive picture: AVIF and WebP sources, then the original's format in the `<img>`, which carries the
 * intrinsic size (no layout shift) and the loading hints. `loading="lcp"` marks the page's largest image: loaded at
 * once with high fetch priority; "eager" is for other pictures at the top of a page; the default is lazy.
 */
export function Picture({
  image,
  alt,
  sizes,
  maxWidth,
  loading = "lazy",
  className,
}: {
  image: ResponsiveImage;
  alt: string;
  sizes: string;
  maxWidth?: number;
  loading?: "lcp" | "eager" | "lazy";
  className?: string;
}) {
  const { sources, srcSet } = pictureSources(image, maxWidth);
  return (
    <picture className={className}>
      {sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      <img
        src={image.src}
        srcSet={srcSet}
        sizes={srcSet ? sizes : undefined}
        width={image.width}
        height={image.height}
        alt={alt}
        // Only where a layout crops the picture (object-fit: cover) does this move anything.
        style={image.focal ? { objectPosition: `${pct(image.focal.x)} ${pct(image.focal.y)}` } : undefined}
        loading={loading === "lazy" ? "lazy" : "eager"}
        fetchPriority={loading === "lcp" ? "high" : undefined}
        decoding={loading === "lcp" ? undefined : "async"}
      />
    </picture>
  );
}
