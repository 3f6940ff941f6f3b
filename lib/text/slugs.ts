import transliterate from "@sindresorhus/transliterate";

/**
 * Slugs for every domain (articles, sections, authors, tags): lowercase Latin words joined by hyphens, at most 80
 * characters. Headlines and names in other scripts are transliterated first (Cyrillic, Greek, ß, æ and the rest that
 * `@sindresorhus/transliterate` knows), so a Russian or Greek headline gets a readable slug instead of none;
 * an article's id still decides its URL, so a slug only has to read well.
 */
export function slugify(text: string): string {
  // Accented Latin letters lose their accents as before (Zoë Ångström → zoe-angstrom: a UK paper's readers expect
  // that rather than the German-style "oe" the transliterator uses); letters of other scripts keep theirs, so "й"
  // is not mistaken for "и" before transliteration.
  const latinUnaccented = text
    .normalize("NFD")
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, "$1")
    .normalize("NFC");
  return transliterate(latinUnaccented)
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
