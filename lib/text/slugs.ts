import transliterate from "@sindresorhus/transliterate";

/**
 * Slugs for every domain (articles, sections, authors, tags): lowercase Latin words joined by hyphens, at most 80
 * characters. Headlines and names in other scripts are transliterated first (Cyrillic, Greek, German umlauts and the
 * rest that `@sindresorhus/transliterate` knows), so a Russian or Greek headline gets a readable slug instead of none;
 * an article's id still decides its URL, so a slug only has to read well.
 */
export function slugify(text: string): string {
  return transliterate(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
