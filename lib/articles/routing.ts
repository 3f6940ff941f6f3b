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
};

const TTL_MS = 10_000;
/** Bound on remembered ids, so a crawler walking random ids cannot grow the memo without limit. */
const MAX_ENTRIES = 5_000;

type Memo = Map<number, { at: number; route: ArticleRoute | null }>;
const globalForRoutes = globalThis as unknown as { broadsheetArticleRoutes?: Memo };
const memo = (): Memo => (globalForRoutes.broadsheetArticleRoutes ??= new Map());

async function queryRoute(id: number): Promise<ArticleRoute | null> {
  const rows = await db().$queryRaw<{ id: number; slug: string; status: string; publishedAt: Date | null; timeZone: string | null }[]>`
    SELECT a.id, a.slug, a.status::text AS status, a."publishedAt",
           (SELECT p."timeZone" FROM "Publication" p WHERE p.id = 1) AS "timeZone"
    FROM "Article" a WHERE a.id = ${id}`;
  const row = rows[0];
  return row ? { ...row, timeZone: row.timeZone ?? "UTC" } : null;
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
  /** Published and already canonical. */
  | { kind: "canonical" };

/** What to do with a request for an article path. Null when the path is not shaped like an article path. */
export async function resolveArticleRequest(pathname: string): Promise<ArticleRequest | null> {
  const parsed = parseArticlePath(pathname);
  if (!parsed) return null;
  const route = await lookupArticleRoute(parsed.id);
  if (!route || route.status !== "PUBLISHED" || !route.publishedAt) return { kind: "missing" };
  const canonical = articlePath(route, route.timeZone);
  return canonical === pathname ? { kind: "canonical" } : { kind: "redirect", to: canonical };
}

/** Canonical path to redirect an article request to, or null (not an article path, not public, or already canonical). */
export async function canonicalRedirectFor(pathname: string): Promise<string | null> {
  const result = await resolveArticleRequest(pathname);
  return result?.kind === "redirect" ? result.to : null;
}
