import { listenForPeerPurges, publishPurge, type PeerPurge } from "../cluster/bus";
import { purgeSharedCaches } from "../cluster/varnish";
import { db } from "../db";
import { forgetArticleRoute } from "../routing/article-routes";
import { forgetScopes } from "../routing/scopes";
import { tags } from "./cache-tags";
import { forgetMemos } from "./memo";
import { installedPageCache, type PurgePlan } from "./page-cache";

/**
 * The one place writes reach the caches (docs/caching.md). Each function turns a committed change into a purge
 * plan: what is no longer allowed on the site is purged hard (deleted: unpublish, take-down, a changed URL or
 * slug), everything else soft (stale-while-revalidate), and the page cache re-renders what readers were using
 * before it returns, so the person who made the change sees it on their next request and readers never wait.
 *
 * Call these after the transaction has committed. Outside the web server (command line, seed, tests without a
 * server) there is no page cache and only the in-process memos are forgotten.
 *
 * Several instances (docs/deploy.md): the plan goes to the other instances over Redis at once (lib/cluster/bus.ts),
 * and, once this instance's own page cache is fresh, as tag purges to every shared cache in VARNISH_PURGE_URLS
 * (lib/cluster/varnish.ts). Not before: a shared cache purged first could refetch the old page from an instance
 * that has not purged yet. For the same reason each other instance purges the shared caches again once its own
 * copy is fresh.
 */

/** Where an article appears, before or after a change. */
export type ArticlePlacement = {
  slug: string;
  publishedAt: Date | null;
  sectionSlug: string;
  authorSlugs: readonly string[];
  tagSlugs: readonly string[];
  /** Whether the public site shows the article (status PUBLISHED). */
  visible: boolean;
};

const listsOf = (p: ArticlePlacement) => [
  tags.latest,
  tags.sectionList(p.sectionSlug),
  ...p.authorSlugs.map(tags.authorList),
  ...p.tagSlugs.map(tags.tagList),
];

const difference = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * What an article change purges. Pure, so tests can check it without a server. Pages that print the article (its
 * own page, cards on fronts, feed items, sitemap entries, callouts and related lists elsewhere) all carry its
 * `article:<id>` tag, so no list needs purging when only its words change.
 */
export function purgeForArticleChange(change: {
  id: number;
  before?: ArticlePlacement | null;
  after: ArticlePlacement;
}): Required<Omit<PurgePlan, "warm" | "refresh">> {
  const { id, after } = change;
  const before = change.before?.visible ? change.before : null;
  const self = tags.article(id);
  if (!before && !after.visible) return { hard: [], soft: [] }; // a draft: nothing public shows it

  if (before && !after.visible) {
    // Unpublished or taken down: every page showing it, and every list it was on (sitemaps list URLs without
    // tagging each one), goes now; nobody may be served a copy that still has it.
    return { hard: [self, ...listsOf(before)], soft: [] };
  }
  if (!before) {
    // Newly published: the lists it joins, and pages whose callouts or picks pointed at it while it was hidden.
    return { hard: [], soft: [self, ...listsOf(after)] };
  }
  const urlChanged = before.slug !== after.slug || !sameInstant(before.publishedAt, after.publishedAt);
  if (urlChanged) {
    // The old URL is gone (it now redirects): no page, feed or sitemap may keep listing it.
    const gone = listsOf(before);
    return { hard: [self, ...gone], soft: difference(listsOf(after), gone) };
  }
  // Same URL: pages that print it carry its tag; lists change only where it joined or left one.
  const moved = [...difference(listsOf(before), listsOf(after)), ...difference(listsOf(after), listsOf(before))];
  return { hard: [], soft: [self, ...moved] };
}

/** This process's memory: memos of the purged tags, the proxy's scope memo and the routes of changed articles. */
function forgetHere(plan: PurgePlan, articleIds: readonly number[]): void {
  // The proxy's id → canonical path memo must drop a changed slug, date or status at once.
  for (const id of articleIds) forgetArticleRoute(id);
  forgetMemos([...(plan.hard ?? []), ...(plan.soft ?? [])]);
  // Scope existence and page counts for the proxy's 404s follow every change that can add or remove a page.
  forgetScopes();
}

async function purge(plan: PurgePlan, articleIds: readonly number[] = []): Promise<void> {
  forgetHere(plan, articleIds);
  // The other instances purge and re-render side by side with this one.
  const told = publishPurge(plan, [...articleIds]);
  await installedPageCache()?.revalidate(plan);
  await Promise.all([told, purgeSharedCaches(plan)]);
}

/** A change made on another instance (lib/cluster/bus.ts): the same purge here, then the shared caches again. */
async function applyPeerPurge({ plan, articleIds }: PeerPurge): Promise<void> {
  forgetHere(plan, articleIds);
  await installedPageCache()?.revalidate({ hard: plan.hard, soft: plan.soft });
  await purgeSharedCaches(plan);
}

/** Started once per server process (instrumentation.ts) when REDIS_URL is set. */
export function applyPurgesFromOtherInstances(): void {
  listenForPeerPurges(applyPeerPurge);
}

/**
 * After an article was created, edited, published, unpublished or taken down. `path` is its canonical path after
 * the change, rendered before this returns when the article is on the site.
 */
export async function revalidateArticle(change: {
  id: number;
  before?: ArticlePlacement | null;
  after: ArticlePlacement;
  path: string;
}): Promise<PurgePlan> {
  const plan: PurgePlan = purgeForArticleChange(change);
  // A section without a description is in the navigation only while it has a public article: its first
  // article adds it to every page's header and its last one removes it (rare, so purging every page is fine).
  // A section leaving the navigation goes hard: a stale header would still name it.
  const nav = await sectionNavChange(change.before ?? null, change.after);
  if (nav === "removed") plan.hard = [...(plan.hard ?? []), tags.sections];
  else if (nav === "added") plan.soft = [...(plan.soft ?? []), tags.sections];
  if (change.after.visible && change.after.publishedAt) plan.warm = [change.path];
  await purge(plan, [change.id]);
  return plan;
}

async function sectionNavChange(
  before: ArticlePlacement | null,
  after: ArticlePlacement,
): Promise<"added" | "removed" | null> {
  const was = before?.visible ? before.sectionSlug : null;
  const is = after.visible ? after.sectionSlug : null;
  if (was === is) return null;
  const slugs = [was, is].filter((x): x is string => x !== null);
  const rows = await db().$queryRaw<{ slug: string; n: bigint }[]>`
    SELECT s.slug, (SELECT count(*) FROM "Article" a WHERE a."sectionId" = s.id AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL) AS n
    FROM "Section" s WHERE s.slug = ANY(${slugs}) AND s.description = ''`;
  // Left and now has none (it just disappeared), or joined and now has one (it just appeared).
  if (rows.some((r) => r.slug === was && Number(r.n) === 0)) return "removed";
  return rows.some((r) => r.slug === is && Number(r.n) === 1) ? "added" : null;
}

/**
 * After a correction or update was added to a published article: its page (the note and "Updated") everywhere it
 * is printed, and the /corrections list for a correction. Soft, like an edit: nothing left the site.
 */
export async function revalidateArticleNote(id: number, correction: boolean): Promise<void> {
  await purge({ soft: correction ? [tags.article(id), tags.corrections] : [tags.article(id)] });
}

/**
 * After a library image's alt text, caption, credit or focal point changed: published articles whose hero it is
 * print the library's text where they have none of their own (page, cards) and crop their cards around its focal
 * point; author pages show it as the photo's alt. Soft: nothing left the site.
 */
export async function revalidateMediaUsers(
  articleIds: readonly number[],
  authorSlugs: readonly string[],
): Promise<void> {
  if (articleIds.length === 0 && authorSlugs.length === 0) return;
  await purge({ soft: [...articleIds.map(tags.article), ...authorSlugs.map(tags.author)] });
}

/** Bylines, author pages and the author sitemap; the old page goes at once when the slug changed. */
export async function revalidateAuthor(slug: string, previousSlug = slug): Promise<void> {
  const renamed = previousSlug !== slug;
  await purge({
    hard: renamed ? [tags.author(previousSlug), tags.authorList(previousSlug)] : [],
    soft: [tags.author(slug), tags.directory],
  });
}

/** Section names appear in the navigation, kickers and cards of every page. */
export async function revalidateSection(slug: string, previousSlug = slug): Promise<void> {
  const renamed = previousSlug !== slug;
  await purge({
    hard: renamed ? [tags.section(previousSlug), tags.sectionList(previousSlug)] : [],
    soft: [tags.section(slug), tags.sections, tags.directory],
  });
}

/** A tag was created or renamed: its page, the articles listing it, the tag sitemap. */
export async function revalidateTagPages(slug: string, previousSlug = slug): Promise<void> {
  const renamed = previousSlug !== slug;
  await purge({
    hard: renamed ? [tags.tag(previousSlug), tags.tagList(previousSlug)] : [],
    soft: [tags.tag(slug), tags.directory],
  });
}

/**
 * An admin changed the publication's settings (lib/settings/publication.ts): its name, tagline, language or
 * disclaimer is printed on every page, and every page carries the `settings` tag. Hard: a renamed paper must not be
 * served under its old name; pages re-render on their next request.
 */
export async function revalidateSettings(): Promise<void> {
  await purge({ hard: [tags.settings] });
}

/**
 * Editors changed the pins of a front (lib/fronts/curation.ts): the home page and section fronts that show pins.
 * Soft: every pinned or unpinned story is still public, only its place changed; the front re-renders before the
 * editor's request returns, so the change shows at once.
 */
export async function revalidateFronts(): Promise<void> {
  await purge({ soft: [tags.front] });
}

/**
 * A flush of view counts changed the "most read" ranking (lib/fronts/most-read.ts). A refresh, not a purge: the
 * home page is re-rendered in the background and readers keep getting the current copy (a HIT) meanwhile, so a
 * ranking that moves every minute never makes the home page STALE.
 */
export async function revalidateMostRead(): Promise<void> {
  await purge({ refresh: [tags.mostRead] });
}
