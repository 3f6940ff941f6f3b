import type { PurgePlan } from "../../lib/publishing/page-cache";

/** What the front (scripts/serve.ts) and the renderer (scripts/render.ts) say to each other. */

/** Request header that marks a render for the cache; its value is the secret the front gave the renderer. */
export const FILL_HEADER = "x-broadsheet-fill";

/** Request header on a render for the cache that must read the primary database (a purge was just made). */
export const PRIMARY_HEADER = "x-broadsheet-primary";

/** Response headers that carry a cache render's dependencies back to the front (stripped before readers see them). */
export const DEPENDENCY_HEADERS = {
  tags: "x-broadsheet-tags",
  freshFor: "x-broadsheet-fresh-for",
  staticDocument: "x-broadsheet-static",
} as const;

/** Response header on a failed render (5xx) while the database is down: the front then answers 503 with Retry-After. */
export const DATABASE_DOWN_HEADER = "x-broadsheet-database-down";

/** Renderer → front. */
export type RendererMessage = { type: "ready" } | { type: "revalidate"; id: number; plan: PurgePlan };

/**
 * Front → renderer. `views` carries the article page views the front counted since its last flush
 * (lib/fronts/view-counter.ts), as [articleId, views] pairs, for one write to the database.
 */
export type FrontMessage = { type: "revalidated"; id: number } | { type: "views"; counts: [number, number][] };
