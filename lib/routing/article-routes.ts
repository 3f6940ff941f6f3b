import { db } from "../db";
import { sharedLru } from "../memo/shared-lru";

/**
 * Which slug, status and date an article id has now, for the proxy's 301s and 410s. The proxy sees every article
 * request the front's page cache does not answer (a miss, a stale copy, or any request while the cache is off), so
 * a short memo keeps those from costing a query each. Writers forget an id after their commit
 * (lib/publishing/revalidate.ts), so a new slug or a take-down redirects or answers 410 at once.
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

/** `null` (no such article) is remembered too: a crawler walking random ids must not cost a query each. */
type Remembered = { route: ArticleRoute | null };

// Bounded so a crawler walking random ids cannot grow it; entries are a few hundred bytes.
const memo = () => sharedLru<number, Remembered>("articleRoutes", { max: 5_000, ttl: 10_000 });

async function queryRoute(id: number): Promise<ArticleRoute | null> {
  const rows = await db().$queryRaw<
    {
      id: number;
      slug: string;
      status: string;
      publishedAt: Date | null;
      timeZone: string | null;
      publicationName: string | null;
      language: string | null;
    }[]
  >`
    SELECT a.id, a.slug, a.status::text AS status, a."publishedAt",
           p."timeZone", p.name AS "publicationName", p.language
    FROM "Article" a LEFT JOIN "Publication" p ON p.id = 1 WHERE a.id = ${id}`;
  const row = rows[0];
  return row
    ? {
        ...row,
        timeZone: row.timeZone ?? "UTC",
        publicationName: row.publicationName ?? "Broadsheet",
        language: row.language ?? "en",
      }
    : null;
}

export async function lookupArticleRoute(id: number): Promise<ArticleRoute | null> {
  const known = memo().get(id);
  if (known) return known.route;
  const route = await queryRoute(id);
  memo().set(id, { route });
  return route;
}

/** Call after saving an article whose slug, status or publication date changed, so redirects follow at once. */
export function forgetArticleRoute(id: number): void {
  memo().delete(id);
}
