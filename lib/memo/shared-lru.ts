import { LRUCache } from "lru-cache";

/**
 * The one way to keep a bounded, expiring memo in process memory (STYLE: memory is a budget). The cache lives on
 * globalThis under `name` because proxy.ts, the app routes and scripts/serve.ts are bundled separately but run in
 * one Node process: a writer's `delete` must clear the entry the proxy reads, which per-bundle module state would
 * not. The first caller's options win; later callers with the same name get the same cache.
 */
export function sharedLru<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  name: string,
  options: LRUCache.Options<K, V, unknown>,
): LRUCache<K, V> {
  const registry = globalThis as unknown as { broadsheetMemos?: Map<string, LRUCache<K, V>> };
  const memos = (registry.broadsheetMemos ??= new Map<string, LRUCache<K, V>>());
  let cache = memos.get(name);
  if (!cache) {
    cache = new LRUCache<K, V>(options);
    memos.set(name, cache);
  }
  return cache;
}
