import { gzipSync } from "node:zlib";

/**
 * A whole-response cache in front of Next.js, held in the web server's memory (scripts/serve.ts).
 *
 * Why: serving a cached ISR page through Next still costs ~3–4 ms of CPU per request (routing, proxy, cache
 * lookup, compression), which caps one process at a few hundred requests a second. A hit here is a map lookup and
 * a buffer write. It stores only what Next itself declares publicly cacheable (`s-maxage`, no cookies), and every
 * write to published content purges it through `purgePageCache()` (called by lib/publishing/revalidate.ts), so
 * readers never see a page older than the last change. A generation counter stops a render that started before a
 * purge from being stored after it.
 *
 * One cache per process: several instances behind a load balancer each purge only their own (like Next's
 * in-memory cache); a shared CDN would need its own purge hook.
 */

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzip: Buffer;
  expiresAt: number;
};

const STORED_TYPES = /^(text\/html|application\/(xml|rss\+xml|atom\+xml)|text\/xml)/;
const MAX_TTL_MS = 5 * 60 * 1000;
// x-nextjs-cache describes the render that filled the entry, not the hit serving it.
const DROPPED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "set-cookie", "x-nextjs-cache"]);

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  generation = 0;

  constructor(private readonly limits = { maxBytes: 64 * 1024 * 1024, maxEntries: 5000 }) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    // Refresh recency: Map iteration order is insertion order, so re-inserting makes eviction LRU.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Stores a response when Next marked it publicly cacheable. Returns whether it was stored.
   * `generation` is the value read before the render started; a purge since then means the body may be stale.
   */
  store(key: string, response: { status: number; headers: Headers; body: Buffer }, generation: number, now = Date.now()): boolean {
    if (generation !== this.generation || response.status !== 200) return false;
    const cacheControl = response.headers.get("cache-control") ?? "";
    const maxAge = /s-maxage=(\d+)/.exec(cacheControl);
    if (!maxAge || /private|no-store|no-cache/.test(cacheControl)) return false;
    if (response.headers.has("set-cookie") || !STORED_TYPES.test(response.headers.get("content-type") ?? "")) return false;
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name)) headers.push([name, value]);
    });
    const entry: CachedPage = {
      status: response.status,
      headers,
      body: response.body,
      gzip: gzipSync(response.body),
      expiresAt: now + Math.min(Number(maxAge[1]) * 1000, MAX_TTL_MS),
    };
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length + entry.gzip.length;
    this.evict();
    return true;
  }

  purge(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length + entry.gzip.length;
    this.entries.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.limits.maxBytes && this.entries.size <= this.limits.maxEntries) break;
      this.delete(key);
    }
  }
}

const registry = globalThis as unknown as { broadsheetPageCache?: PageCache };

/** The server's cache, registered by scripts/serve.ts. Absent under `next dev` or `next start`. */
export function installPageCache(cache: PageCache): void {
  registry.broadsheetPageCache = cache;
}

/** Drops every cached page. Called after any change to published content. */
export function purgePageCache(): void {
  registry.broadsheetPageCache?.purge();
}
