import { pictureSources } from "@/lib/media/responsive";
import type { MediaCard } from "./media-view";

/**
 * A thumbnail from the image's responsive variants (AVIF/WebP, the original's format last), never the original:
 * a grid of 24 photographs stays a few hundred kilobytes. Decorative here (`alt=""`): the text beside it names it.
 */
export function MediaThumb({ item, sizes = "180px" }: { item: Pick<MediaCard, "url" | "image">; sizes?: string }) {
  const { sources, srcSet } = pictureSources(item.image, 480);
  return (
    <picture>
      {sources.map((s) => (
        <source key={s.type} type={s.type} srcSet={s.srcSet} sizes={sizes} />
      ))}
      <img
        src={item.url}
        srcSet={srcSet}
        sizes={srcSet ? sizes : undefined}
        width={item.image.width}
        height={item.image.height}
        alt=""
        loading="lazy"
        decoding="async"
      />
    </picture>
  );
}
