import { datePartsInZone } from "../time/zones";

/**
 * Article URL rules: `/YYYY/MM/DD/<slug>-a<id>`. The id alone decides which article a URL means; the date (of
 * first publication, in the publication's time zone) and slug are only for people, so any other date or slug
 * for the same id is answered with a 301 to `articlePath`.
 */

export const ARTICLE_PATH_PATTERN = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]*)-a(\d{1,9})\/?$/;

export type ArticleRouteRef = { id: number; slug: string; publishedAt: Date | null };

/** Canonical path of a published article. Drafts have no public path. */
export function articlePath(article: ArticleRouteRef, timeZone: string): string {
  const at = article.publishedAt ?? new Date();
  const { year, month, day } = datePartsInZone(at, timeZone);
  return `/${year}/${month}/${day}/${article.slug}-a${article.id}`;
}

/** Extracts the id from an article path, or null when the path is not shaped like one. */
export function parseArticlePath(
  pathname: string,
): { id: number; year: string; month: string; day: string; slug: string } | null {
  const m = ARTICLE_PATH_PATTERN.exec(pathname);
  if (!m) return null;
  const id = Number(m[5]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { year: m[1]!, month: m[2]!, day: m[3]!, slug: m[4]!, id };
}
