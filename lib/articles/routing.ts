import { db } from "../db";
import { articlePath, parseArticlePath } from "./urls";

/**
 * Which URL an article id is published at, for the proxy's 301s. The proxy runs before the page cache, so every
 * request for an article path asks this; a short in-process memo keeps that from being a query per request.
 * The memo lives on globalThis because the proxy and the app are bundled separately but share one Node process,
 * so `forgetArticleRoute` called by a writer clears the entry the proxy reads.
 */

export type ArticleRoute = {
  id: number;
  slug: string;
  status: string;
  publishedAt: Date | null;
  timeZone: string;
  /** Publication name and language, for the take-down notice the proxy writes itself. */
  publicationName: string;
  language: string;
};

const TTL_MS = 10_000;
/** Bound on remembered ids, so a crawler walking random ids cannot grow the memo without limit. */
const MAX_ENTRIES = 5_000;

type Memo = Map<number, { at: number; route: ArticleRoute | null }>;
const globalForRoutes = globalThis as unknown as { broadsheetArticleRoutes?: Memo };
const memo = (): Memo => (globalForRoutes.broadsheetArticleRoutes ??= new Map() as Memo);

async function queryRoute(id: number): Promise<ArticleRoute | null> {
  const rows = await db().$queryRaw<
    { id: number; slug: string; status: string; publishedAt: Date | null; timeZone: string | null; publicationName: string | null; language: string | null }[]
  >`
    SELECT a.id, a.slug, a.status::text AS status, a."publishedAt",
           p."timeZone", p.name AS "publicationName", p.language
    FROM "Article" a LEFT JOIN "Publication" p ON p.id = 1 WHERE a.id = ${id}`;
  const row = rows[0];
  return row
    ? { ...row, timeZone: row.timeZone ?? "UTC", publicationName: row.publicationName ?? "Broadsheet", language: row.language ?? "en" }
    : null;
}

export async function lookupArticleRoute(id: number, now = Date.now()): Promise<ArticleRoute | null> {
  const cache = memo();
  const hit = cache.get(id);
  if (hit && now - hit.at < TTL_MS) return hit.route;
  const route = await queryRoute(id);
  cache.delete(id);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as number);
  cache.set(id, { at: now, route });
  return route;
}

/** Call after saving an article whose slug, status or publication date changed, so redirects follow at once. */
export function forgetArticleRoute(id: number): void {
  memo().delete(id);
}

export type ArticleRequest =
  /** Published, but the path is not the canonical one. */
  | { kind: "redirect"; to: string }
  /** No such article, or not public: the reader gets a 404. */
  | { kind: "missing" }
  /** Taken down (legal or ethical removal): 410 Gone with a short notice, whatever slug or date was asked for. */
  | { kind: "gone"; publicationName: string; language: string }
  /** Published and already canonical. */
  | { kind: "canonical" };

/** What to do with a request for an article path. Null when the path is not shaped like an article path. */
export async function resolveArticleRequest(pathname: string): Promise<ArticleRequest | null> {
  const parsed = parseArticlePath(pathname);
  if (!parsed) return null;
  const route = await lookupArticleRoute(parsed.id);
  if (route?.status === "TAKEN_DOWN") return { kind: "gone", publicationName: route.publicationName, language: route.language };
  if (!route || route.status !== "PUBLISHED" || !route.publishedAt) return { kind: "missing" };
  const canonical = articlePath(route, route.timeZone);
  return canonical === pathname ? { kind: "canonical" } : { kind: "redirect", to: canonical };
}

/** Canonical path to redirect an article request to, or null (not an article path, not public, or already canonical). */
export async function canonicalRedirectFor(pathname: string): Promise<string | null> {
  const result = await resolveArticleRequest(pathname);
  return result?.kind === "redirect" ? result.to : null;
}

// ---------------------------------------------------------------------------------------------------------------
// URL hygiene: one redirect hop to the lower-case, slash-free form of a site path

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
