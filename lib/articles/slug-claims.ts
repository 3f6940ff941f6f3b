import { isUniqueViolation, type Tx } from "../db";
import { DomainError } from "../errors";

/** Claiming an article slug: explicit slugs must be free (409), suggested ones are made free. */

export const slugTaken = (slug: string) =>
  new DomainError(409, `Another article already uses the slug "${slug}".`, {
    slug: `Another article already uses the slug "${slug}".`,
  });

/** `base`, or `base-2`, `base-3`… — the first one no committed article uses. */
export async function uniqueSlug(tx: Tx, base: string): Promise<string> {
  const root = base.slice(0, 72).replace(/-+$/, "") || "article";
  const rows = await tx.article.findMany({ where: { slug: { startsWith: root } }, select: { slug: true } });
  const used = new Set(rows.map((r) => r.slug));
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

export async function assertSlugFree(tx: Tx, slug: string, selfId: number | null) {
  const other = await tx.article.findUnique({ where: { slug }, select: { id: true } });
  if (other && other.id !== selfId) throw slugTaken(slug);
}

export const isArticleSlugClash = (error: unknown) => isUniqueViolation(error, { model: "Article", field: "slug" });

/**
 * Far more than any newsroom saves at once under one headline: each round of a race commits at least one of the
 * racers, so n simultaneous saves settle within n rounds.
 */
const MAX_SLUG_ROUNDS = 25;

/**
 * Runs `write` (a whole transaction that picks a suggested slug with `uniqueSlug`) until it commits. Saves racing
 * for the same suggested slug all see it free, and all but one fail on the unique index; each loser starts over
 * and picks the next free slug, so every save succeeds with its own slug.
 */
export async function withSuggestedSlugRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await write();
    } catch (error) {
      if (!isArticleSlugClash(error)) throw error;
      if (round >= MAX_SLUG_ROUNDS) {
        throw new DomainError(409, "Too many articles with this headline are being saved at once; save again.", {
          slug: "Too many articles with this headline are being saved at once; save again.",
        });
      }
    }
  }
}
