/**
 * Every cache tag in one place (docs/caching.md is the model in prose). Public getters declare the tags of what
 * they return with `dependsOn` (lib/publishing/dependencies.ts); lib/publishing/revalidate.ts purges the tags a
 * change touches. Two kinds:
 *
 * - **Content tags** name one thing as it is printed anywhere: an article's headline on its own page, on a card, in
 *   a callout, in a feed item; an author's name in a byline. A page showing a card carries the card's article tag.
 * - **List tags** name which articles a list contains. Only lists carry them; an article page's automatic "related"
 *   list does not (it refreshes on a time bound instead), so publishing one story leaves every other article
 *   page cached.
 */
export const tags = {
  /** Publication settings: name, disclaimer, time zone, language. Shown on every page. */
  settings: "settings",
  /** The section navigation in every page's header and footer. */
  sections: "sections",
  /** One article's own fields, wherever they are printed. */
  article: (id: number) => `article:${id}`,
  /** A section's name, description and URL. */
  section: (slug: string) => `section:${slug}`,
  /** An author's name, bio, photo and URL. */
  author: (slug: string) => `author:${slug}`,
  /** A tag's name and URL. */
  tag: (slug: string) => `tag:${slug}`,
  /** Which articles the site-wide lists hold: home, site feeds, sitemaps, the news sitemap. */
  latest: "list:latest",
  /** Which articles a section front (every page of it) and its feeds hold. */
  sectionList: (slug: string) => `list:section:${slug}`,
  authorList: (slug: string) => `list:author:${slug}`,
  tagList: (slug: string) => `list:tag:${slug}`,
  /** Which sections, authors and tags exist (their sitemaps). */
  directory: "list:directory",
  /** Which stories editors pinned on the home page and section fronts (lib/fronts/curation.ts). */
  front: "list:front",
  /** Which stories the "most read" block ranks: purged when a flush of view counts changes the ranking. */
  mostRead: "list:most-read",
  /** Which corrections the public /corrections page lists. */
  corrections: "list:corrections",
  /** Responses that change only with a new deployment (robots.txt): cacheable, purged by a restart. */
  deployment: "deployment",
} as const;

/** The content tags of an article card (or feed item, or sitemap entry): everything the card prints. */
export function cardTags(card: {
  id: number;
  section?: { slug: string } | null;
  authors?: readonly { slug: string }[];
}): string[] {
  const out = [tags.article(card.id)];
  if (card.section) out.push(tags.section(card.section.slug));
  for (const author of card.authors ?? []) out.push(tags.author(author.slug));
  return out;
}
