import { env } from "../env";

/**
 * Absolute addresses for crawlers. Canonicals, JSON-LD, OpenGraph and feeds all go through `absoluteUrl`, so a
 * page never advertises two spellings of itself. The URL shapes below are the ones fixed for issue 3.
 */
export function absoluteUrl(path: string, siteUrl = env().SITE_URL): string {
  return new URL(path, siteUrl).toString();
}

export const tagPath = (slug: string) => `/tags/${slug}`;

export type CropVariant = "16x9" | "4x3" | "1x1";
export const CROP_VARIANTS: readonly CropVariant[] = ["16x9", "4x3", "1x1"];

/** A crop of a hero image, served by app/img/[id]/[variant]/route.ts. */
export const cropPath = (mediaId: number, variant: CropVariant) => `/img/${mediaId}/${variant}.jpg`;
/** The social card of an article (hero crop, or a generated card when there is no hero). */
export const ogImagePath = (articleId: number) => `/img/og/${articleId}.jpg`;
export const logoPath = "/img/logo.png";

/** Feed pair for a scope: the site (""), a section "/<slug>", an author "/authors/<slug>" or a tag "/tags/<slug>". */
export function feedPaths(scopePath = ""): { rss: string; atom: string } {
  return { rss: `${scopePath}/feed.xml`, atom: `${scopePath}/atom.xml` };
}
