/**
 * Every cache tag in one place. Public read functions tag what they read; lib/publishing/revalidate.ts expires
 * the tags a change touches. If a page can show something, the thing it shows has a tag here.
 */
export const tags = {
  /** Publication settings: name, disclaimer, time zone. Shown on every page. */
  settings: "settings",
  /** Any list of articles (home, section pages, author pages, related lists). */
  articleLists: "article-lists",
  article: (id: number) => `article:${id}`,
  section: (slug: string) => `section:${slug}`,
  author: (slug: string) => `author:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  sections: "sections",
  media: (id: number) => `media:${id}`,
} as const;
