import { revalidateTag } from "next/cache";
import { purgePageCache } from "./page-cache";
import { forgetScopes } from "../routing/scopes";
import { db } from "../db";
import { forgetArticleRoute } from "../articles/routing";
import { tags } from "./cache-tags";

/**
 * The one place writes expire cached reads. Each function expires every tag a change touches — old and new
 * section, authors and tags included — with `{ expire: 0 }`, so the next request renders fresh data instead of
 * being served the stale page once more.
 *
 * Works outside a Next request too (command line, seed, tests): there is no cache to expire there, and Next's
 * "static generation store missing" invariant is swallowed. Any other error is a real bug and is rethrown.
 */

/** Where an article appears, before or after a change. `visible` is false for drafts and unpublished articles. */
export type ArticlePlacement = {
  sectionSlug: string;
  authorSlugs: readonly string[];
  tagSlugs: readonly string[];
  /** Whether the public site shows the article (status PUBLISHED). Defaults to true, the safe assumption. */
  visible?: boolean;
};

function expire(tag: string): void {
  purgePageCache();
  forgetScopes();
  try {
    revalidateTag(tag, { expire: 0 });
  } catch (error) {
    if (error instanceof Error && error.message.includes("static generation store missing")) return;
    throw error;
  }
}

function expireAll(list: Iterable<string>): void {
  for (const tag of new Set(list)) expire(tag);
}

/**
 * The tags an article change touches. Pure, so tests can check it without Next. `linkingArticleIds` are articles
 * whose callouts or related lists show this one (they print its headline).
 */
export function tagsForArticleChange(change: {
  id: number;
  before?: ArticlePlacement | null;
  after: ArticlePlacement;
  linkingArticleIds?: readonly number[];
}): string[] {
  const { id, before, after } = change;
  const wasVisible = before ? before.visible !== false : false;
  const isVisible = after.visible !== false;
  const out = [tags.article(id)];
  // A draft that stays a draft changes no public page; skipping the lists keeps editors' autosaves from
  // emptying the home page's cache every few seconds.
  if (!wasVisible && !isVisible) return out;
  out.push(tags.articleLists);
  for (const placement of before ? [before, after] : [after]) {
    out.push(tags.section(placement.sectionSlug));
    for (const slug of placement.authorSlugs) out.push(tags.author(slug));
    for (const slug of placement.tagSlugs) out.push(tags.tag(slug));
  }
  for (const other of change.linkingArticleIds ?? []) out.push(tags.article(other));
  return [...new Set(out)];
}

/** Articles that print this article's headline: callouts in their bodies and editor-picked related lists. */
async function articlesLinkingTo(id: number): Promise<number[]> {
  const [callouts, related] = await Promise.all([
    db().articleCallout.findMany({ where: { targetId: id }, select: { articleId: true } }),
    db().articleRelated.findMany({ where: { relatedId: id }, select: { articleId: true } }),
  ]);
  return [...new Set([...callouts, ...related].map((r) => r.articleId))];
}

/** Call after the transaction that changed an article has committed. */
export async function revalidateArticle(change: {
  id: number;
  before?: ArticlePlacement | null;
  after: ArticlePlacement;
}): Promise<string[]> {
  const visibleSomewhere = (change.before ? change.before.visible !== false : false) || change.after.visible !== false;
  const linkingArticleIds = visibleSomewhere ? await articlesLinkingTo(change.id) : [];
  const list = tagsForArticleChange({ ...change, linkingArticleIds });
  expireAll(list);
  // The proxy's id → canonical path memo must drop a changed slug, date or status at once.
  forgetArticleRoute(change.id);
  return list;
}

/** An author's name, photo, bio or slug changed: their page and every byline that shows them. */
export function revalidateAuthor(...slugs: string[]): void {
  expireAll([...slugs.map(tags.author), tags.articleLists]);
}

/** A section's name, description, slug or order changed: its page, the navigation and article pages. */
export function revalidateSection(...slugs: string[]): void {
  expireAll([...slugs.map(tags.section), tags.sections, tags.articleLists]);
}

/** A tag was created or renamed: its page and the articles listing it. */
export function revalidateTagPages(...slugs: string[]): void {
  expireAll([...slugs.map(tags.tag), tags.articleLists]);
}

/** A media item's alt, caption or credit changed: cards and hero images fall back to the library's alt text. */
export function revalidateMedia(id: number): void {
  expireAll([tags.media(id), tags.articleLists]);
}

export function revalidateSettings(): void {
  expire(tags.settings);
}
