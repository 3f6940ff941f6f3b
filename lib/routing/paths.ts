/**
 * URL hygiene for every page request (proxy.ts): one redirect hop to the lower-case, slash-free form of a site path.
 * Knows no domain: it only relies on site paths being made of slugs (lib/text/slugs.ts), which are lower case.
 */

/**
 * The normal form of a public path: no trailing slash, no repeated slashes, lower case. Site paths are made of
 * slugs, which are lower case by rule, so lower-casing never turns one valid path into another. The newsroom is left
 * as typed apart from slashes (its paths are not crawled and may carry case-sensitive values).
 */
export function normalizeSitePath(pathname: string): string {
  let path = pathname.replace(/\/{2,}/g, "/");
  if (path.length > 1) path = path.replace(/\/+$/, "") || "/";
  if (path === "/admin" || path.startsWith("/admin/")) return path;
  // Percent-escapes and other characters never occur in a site path; such a path is a 404 whatever its case, and
  // lower-casing an escape would only add a hop (or change its meaning).
  if (!/^[A-Za-z0-9/._-]*$/.test(path)) return path;
  return path.toLowerCase();
}

/** Paths shaped like /YYYY/…/…/… are the article route's; anything there that is not a valid article path is a 404. */
export const looksLikeArticlePath = (pathname: string) => /^\/\d{4}\/[^/]+\/[^/]+\/[^/]+$/.test(pathname);
