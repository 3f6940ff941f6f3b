import { db } from "../db";
import { cardTags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { COUNT_CAP, PAGE_SIZE, scopeArticles, type ScopeKind } from "../routing/scopes";
import { cardJson, isPublic } from "./public";
import { toCard, type ArticleCard, type CardRow, type Paged } from "./view-models";

/**
 * A page of a section's, author's or tag's public articles, newest first, as cards, in one query; null when the page
 * is past the last one (page 1 always exists, possibly empty).
 *
 * Cost stays flat as the archive grows: the page's ids come off one index (lib/routing/scopes.ts scopeArticles),
 * cards are built for those twenty rows only (a card built in the same SELECT as the OFFSET would be built for
 * every skipped row too), and the count stops at COUNT_CAP, past which the pager shows no last page. The article
 * row itself is checked again, so a link whose date were ever out of step could hide an article but never show one.
 */
export async function loadScopeList(
  kind: ScopeKind,
  id: number,
  page: number,
  timeZone: string,
): Promise<Paged<ArticleCard> | null> {
  const list = scopeArticles(kind, id);
  const rows = await db().$queryRaw<{ card: CardRow; total: bigint }[]>`
    SELECT ${cardJson} AS card,
           (SELECT count(*) FROM (SELECT 1 FROM (${list}) l LIMIT ${COUNT_CAP + 1}) capped) AS total
    FROM (SELECT l.id, l.at FROM (${list}) l
          ORDER BY l.at DESC, l.id DESC LIMIT ${PAGE_SIZE + 1} OFFSET ${(page - 1) * PAGE_SIZE}) p
    JOIN "Article" a ON a.id = p.id
    WHERE ${isPublic}
    ORDER BY p.at DESC, p.id DESC`;
  if (rows.length === 0 && page > 1) return null;
  const hasNext = rows.length > PAGE_SIZE;
  const items = rows.slice(0, PAGE_SIZE);
  const total = Number(rows[0]?.total ?? 0);
  dependsOn(...items.flatMap((r) => cardTags(r.card)));
  return {
    items: items.map((r) => toCard(r.card, timeZone)),
    page,
    ...(total > COUNT_CAP
      ? { total: COUNT_CAP, pageCount: hasNext ? page + 1 : page, countCapped: true }
      : { total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) }),
  };
}
