/**
 * Sitemap XML, written by hand: the formats are small and fixed (sitemaps.org 0.9, Google's image and news
 * extensions), and every value passes through `escapeXml`, so a headline with `&` or `<` cannot break the document.
 */

const NS = {
  sitemap: "http://www.sitemaps.org/schemas/sitemap/0.9",
  image: "http://www.google.com/schemas/sitemap-image/1.1",
  news: "http://www.google.com/schemas/sitemap-news/0.9",
} as const;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Drops the characters XML 1.0 cannot carry, escaped or not: C0 controls other than tab and newlines, U+FFFE/FFFF
 * and lone surrogates (half of a pair, e.g. from a truncated emoji). One of them makes a feed or sitemap ill-formed.
 */
export function xmlText(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex -- dropping the control characters XML forbids is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
}

/** Escapes text for element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
  return xmlText(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export type SitemapRef = { loc: string; lastmod: Date | null };
export type ImageEntry = { loc: string; caption?: string };
export type UrlEntry = { loc: string; lastmod: Date | null; images?: ImageEntry[] };
export type NewsEntry = {
  /** The article's id: the news sitemap prints its headline, so the document depends on it. */
  id: number;
  loc: string;
  title: string;
  publishedAt: Date;
  images?: ImageEntry[];
};

export function renderSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  const body = sitemaps
    .map((s) => `<sitemap>${el("loc", s.loc)}${s.lastmod ? el("lastmod", s.lastmod.toISOString()) : ""}</sitemap>`)
    .join("\n");
  return `${XML_DECLARATION}\n<sitemapindex xmlns="${NS.sitemap}">\n${body}\n</sitemapindex>\n`;
}

const renderImages = (images: readonly ImageEntry[] | undefined) =>
  (images ?? []).map((i) => `<image:image>${el("image:loc", i.loc)}</image:image>`).join("");

export function renderUrlSet(urls: readonly UrlEntry[]): string {
  const body = urls
    .map(
      (u) =>
        `<url>${el("loc", u.loc)}${u.lastmod ? el("lastmod", u.lastmod.toISOString()) : ""}${renderImages(u.images)}</url>`,
    )
    .join("\n");
  return `${XML_DECLARATION}\n<urlset xmlns="${NS.sitemap}" xmlns:image="${NS.image}">\n${body}\n</urlset>\n`;
}

/** Google News sitemap: https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap */
export function renderNewsSitemap(
  publication: { name: string; language: string },
  entries: readonly NewsEntry[],
): string {
  const pub = `<news:publication>${el("news:name", publication.name)}${el("news:language", publication.language)}</news:publication>`;
  const body = entries
    .map(
      (e) =>
        `<url>${el("loc", e.loc)}<news:news>${pub}${el("news:publication_date", e.publishedAt.toISOString())}${el("news:title", e.title)}</news:news>${renderImages(e.images)}</url>`,
    )
    .join("\n");
  return `${XML_DECLARATION}\n<urlset xmlns="${NS.sitemap}" xmlns:news="${NS.news}" xmlns:image="${NS.image}">\n${body}\n</urlset>\n`;
}

/** Every sitemap response: XML, and never indexed as a page itself. */
export function xmlResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "X-Robots-Tag": "noindex",
      "Cache-Control": "public, max-age=0, must-revalidate",
    },
  });
}
