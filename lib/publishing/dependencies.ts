import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a public response depends on, declared where the data is read. Every public getter calls `dependsOn(...)`
 * with the cache tags of what it returns (lib/publishing/cache-tags.ts); the page cache in front of Next
 * (scripts/serve.ts) renders each page inside `collectDependencies`, stores the response under the tags its
 * render declared, and purges it when lib/publishing/revalidate.ts names one of them.
 *
 * A response that declared nothing is not stored: caching is opt-in, so a newsroom screen or a route that forgot to
 * declare its dependencies is never served stale to someone else.
 *
 * The store lives on globalThis because the server and Next's bundles each load their own copy of this module in
 * one Node process; they must share one AsyncLocalStorage for a getter inside Next to reach the server's collector.
 */

export type Dependencies = {
  tags: Set<string>;
  /** Seconds the response may be served without re-rendering, the smallest any getter asked for. */
  freshFor: number;
  /** The page works as a plain document: the cache stores it without Next's client runtime (see noClientRuntime). */
  staticDocument?: boolean;
};

/** Upper bound on how long any page stays fresh without a purge: automatic lists ("more on this") and time-based
 * pages (the 48-hour news sitemap) rely on it. */
export const DEFAULT_FRESH_FOR = 30 * 60;

const registry = globalThis as unknown as { broadsheetDependencies?: AsyncLocalStorage<Dependencies> };
const store = (registry.broadsheetDependencies ??= new AsyncLocalStorage<Dependencies>());

/** Runs `fn` (a render) with `dependencies` collecting what its getters declare. */
export function runCollecting(dependencies: Dependencies, fn: () => void): void {
  store.run(dependencies, fn);
}

/** Declares that the response being rendered shows data carrying these tags. Outside a render it does nothing. */
export function dependsOn(...tags: readonly string[]): void {
  const current = store.getStore();
  if (!current) return;
  for (const tag of tags) current.tags.add(tag);
}

/**
 * Declares that the page being rendered needs no JavaScript: it has no client components and links with plain
 * anchors, so Next's client runtime (its scripts and the page's RSC payload inlined for hydration, together about
 * 135 KB of script and half the HTML) would only hydrate an inert tree. The page cache stores such a page without
 * them (lib/publishing/static-html.ts). The reader site's layout declares it; a reader page that gains a client
 * component must not.
 */
export function noClientRuntime(): void {
  const current = store.getStore();
  if (current) current.staticDocument = true;
}

/** Caps how long the response being rendered may stay fresh (seconds), for data that changes with time alone. */
export function freshFor(seconds: number): void {
  const current = store.getStore();
  if (current) current.freshFor = Math.min(current.freshFor, seconds);
}
