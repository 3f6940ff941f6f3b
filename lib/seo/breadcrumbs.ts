/**
 * The trail of every reader page, from the home page to the page itself. One list feeds both the visible breadcrumb
 * (components/site/Breadcrumb.tsx) and the BreadcrumbList JSON-LD (json-ld.ts), so what readers and crawlers are
 * told cannot drift apart.
 */
export type Crumb = { name: string; path: string };

/** Path of the index of writers. */
export const AUTHORS_INDEX_PATH = "/authors";

const home = (siteName: string): Crumb => ({ name: siteName, path: "/" });

export const crumbs = {
  section: (siteName: string, section: { name: string; url: string }): Crumb[] => [
    home(siteName),
    { name: section.name, path: section.url },
  ],
  article: (
    siteName: string,
    article: { headline: string; url: string; section: { name: string; url: string } },
  ): Crumb[] => [...crumbs.section(siteName, article.section), { name: article.headline, path: article.url }],
  tag: (siteName: string, tag: { name: string; url: string }): Crumb[] => [
    home(siteName),
    { name: tag.name, path: tag.url },
  ],
  authors: (siteName: string): Crumb[] => [home(siteName), { name: "Authors", path: AUTHORS_INDEX_PATH }],
  author: (siteName: string, author: { name: string; url: string }): Crumb[] => [
    ...crumbs.authors(siteName),
    { name: author.name, path: author.url },
  ],
};
