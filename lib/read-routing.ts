import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which database a render may read (lib/db.ts, DATABASE_REPLICA_URLS): renders for the page cache run inside
 * `readingReplica` (scripts/render.ts) and may read a replica; everything else — the newsroom, the API, scripts, and
 * renders that follow a purge (a lagging replica would store the old version as fresh) — reads the primary.
 *
 * On globalThis: the renderer's entry point and Next's bundles each load this module in one process and must
 * share the store.
 */
const registry = globalThis as unknown as { broadsheetReadRouting?: AsyncLocalStorage<boolean> };
const store = (registry.broadsheetReadRouting ??= new AsyncLocalStorage<boolean>());

/** Runs `fn` with reads allowed on a replica when `replica` is true. */
export function readingReplica<T>(replica: boolean, fn: () => T): T {
  return store.run(replica, fn);
}

export function mayReadReplica(): boolean {
  return store.getStore() === true;
}
