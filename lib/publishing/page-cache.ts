import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { DEFAULT_FRESH_FOR, type Dependencies } from "./dependencies";
import { withoutClientRuntime } from "./static-html";

/**
 * The one cache of public responses: whole pages, feeds and sitemaps, held in the web server's memory
 * (scripts/serve.ts puts it in front of Next.js). docs/caching.md is the model in prose.
 *
 * - **Tagged.** A render declares what it shows (`dependsOn`, lib/publishing/dependencies.ts); the entry is indexed
 *   under those tags, and a change purges only the entries carrying the tags it touches.
 * - **Two kinds of purge.** A *hard* purge deletes (something left the site: unpublish, take-down, a changed URL),
 *   so nobody is served it again. A *soft* purge marks stale (stale-while-revalidate): readers keep getting the old
 *   copy, marked STALE, while one background render replaces it. Either way the affected pages readers were using are
 *   re-rendered straight away (`revalidate`), so the next reader gets the new page without waiting.
 * - **Race-free fills.** Every purge advances `epoch`. A render remembers the epoch it started in; if one of its
 *   tags was purged since, its result predates the change and is not stored. A request never joins a render that
 *   started before the latest purge.
 * - **Bounded by bytes.** Entries hold the gzipped body only (a browser almost always accepts gzip; the rare client
 *   that does not gets it inflated on the way out) and are evicted least-recently-used past `maxBytes`.
 *
 * `x-cache` on every response says where it came from: HIT (fresh copy), STALE (old copy while a new one renders),
 * MISS (waited for a render), BYPASS (not cacheable: newsroom, API, non-200 answers).
 */

export type CacheState = "HIT" | "STALE" | "MISS" | "BYPASS";

/** A response as rendered by the application (Next.js), with what it depended on. */
export type Rendered = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** What the render declared; null when nothing was collected (then it is never stored). */
  dependencies: Dependencies | null;
};

export type CachedPage = {
  status: number;
  headers: [string, string][];
  gzip: Buffer;
  etag: string;
  tags: readonly string[];
  storedAt: number;
  /** The epoch its render started in: an older render never replaces it. */
  epoch: number;
  freshUntil: number;
  /** Soft-purged: serve, but re-render. */
  stale: boolean;
  bytes: number;
};

export type Served = { state: CacheState; page: CachedPage } | { state: "MISS" | "BYPASS"; rendered: Rendered };

export type PurgePlan = {
  /** Delete entries carrying these tags: what they show is no longer allowed on the site. */
  hard?: readonly string[];
  /** Mark entries carrying these tags stale: what they show changed, but the old copy may be served meanwhile. */
  soft?: readonly string[];
  /** Keys (site paths) to render into the cache even if nothing was cached there, e.g. a newly published article. */
  warm?: readonly string[];
  /**
   * Re-render entries carrying these tags, but keep serving the current copy as fresh until the new one replaces it:
   * for content that changes on its own schedule, where a reader a minute behind loses nothing ("most read").
   */
  refresh?: readonly string[];
};

export type PageCacheOptions = {
  render: (key: string) => Promise<Rendered>;
  maxBytes?: number;
  /** Background renders at a time (stale refreshes and warming), so a purge of many pages cannot starve readers. */
  backgroundConcurrency?: number;
  /** After a purge, how many of the affected pages `revalidate` re-renders before it returns, and how long it waits. */
  refreshBeforeReturn?: number;
  /** Those renders at a time. */
  refreshConcurrency?: number;
  refreshTimeoutMs?: number;
  /** How many affected pages are re-rendered at all after a purge (most recently used first); the rest on demand. */
  refreshLimit?: number;
  /** How long a stale or expired entry may still be served while its replacement renders (seconds). */
  graceSeconds?: number;
  now?: () => number;
  log?: (line: string) => void;
};

const STORED_TYPES = /^(text\/html|application\/(xml|rss\+xml|atom\+xml)|text\/xml|text\/plain)/;
// Hop-by-hop headers, and headers that describe Next's render rather than the stored page.
const DROPPED_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "set-cookie",
  "cache-control",
  "vary",
  "etag",
  "x-nextjs-cache",
  "x-nextjs-prerender",
  "x-nextjs-stale-time",
  "x-cache",
]);
/** Rough per-entry bookkeeping cost (the key, the entry object, index sets), so tiny entries still count. */
const ENTRY_OVERHEAD = 512;

type Filled = { rendered: Rendered; page: CachedPage | null };
type Fill = { epoch: number; promise: Promise<Filled> };

export class PageCache {
  /** Advances on every purge. */
  epoch = 0;
  private readonly entries: LRUCache<string, CachedPage>;
  private readonly byTag = new Map<string, Set<string>>();
  /** The epoch at which each tag was last purged, hard and soft, kept while a render that started earlier runs. */
  private readonly hardPurgedAt = new Map<string, number>();
  private readonly softPurgedAt = new Map<string, number>();
  private readonly inflight = new Map<string, Fill>();
  private readonly queued = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly opts: Required<Omit<PageCacheOptions, "log">> & { log: (line: string) => void };

  constructor(options: PageCacheOptions) {
    this.opts = {
      maxBytes: 96 * 1024 * 1024,
      backgroundConcurrency: 2,
      refreshBeforeReturn: 24,
      refreshConcurrency: 4,
      refreshTimeoutMs: 5_000,
      refreshLimit: 200,
      graceSeconds: 24 * 60 * 60,
      now: Date.now,
      log: () => {},
      ...options,
    };
    this.entries = new LRUCache<string, CachedPage>({
      maxSize: this.opts.maxBytes,
      sizeCalculation: (page) => page.bytes,
      dispose: (page, key) => this.unindex(key, page),
    });
  }

  /** Entries held and their bytes (gzipped bodies, headers, tags). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  /** The cached entry for a key without touching recency; for tests and diagnostics. */
  peek(key: string): CachedPage | undefined {
    return this.entries.peek(key);
  }

  /**
   * The response for `key`: a fresh copy (HIT), a stale one while it re-renders (STALE), or a render waited for
   * (MISS; or BYPASS when the answer may not be stored, such as a 404).
   */
  async get(key: string): Promise<Served> {
    const now = this.opts.now();
    const page = this.entries.get(key);
    if (page) {
      const expired = now >= page.freshUntil;
      if (!page.stale && !expired) return { state: "HIT", page };
      if (now < page.freshUntil + this.opts.graceSeconds * 1000) {
        this.schedule(key);
        return { state: "STALE", page };
      }
    }
    const { rendered, page: stored } = await this.fill(key);
    if (stored) return { state: "MISS", page: stored };
    return { state: this.storable(rendered) ? "MISS" : "BYPASS", rendered };
  }

  /**
   * Applies a purge and re-renders what it touched that readers were using, most recently used first. Returns once
   * the first `refreshBeforeReturn` of them are fresh (or the timeout passed), so the person who made the change
   * sees it on their next request; the rest continue in the background.
   */
  async revalidate(plan: PurgePlan): Promise<{ hard: number; soft: number; refreshed: number }> {
    this.epoch += 1;
    const affected = new Set<string>();
    let hard = 0;
    let soft = 0;
    for (const tag of plan.hard ?? []) {
      this.hardPurgedAt.set(tag, this.epoch);
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        affected.add(key);
        if (this.entries.delete(key)) hard += 1;
      }
    }
    for (const tag of plan.soft ?? []) {
      this.softPurgedAt.set(tag, this.epoch);
      for (const key of this.byTag.get(tag) ?? []) {
        const page = this.entries.peek(key);
        if (page && !page.stale) {
          page.stale = true;
          soft += 1;
        }
        affected.add(key);
      }
    }
    for (const tag of plan.refresh ?? []) for (const key of this.byTag.get(tag) ?? []) affected.add(key);
    this.prunePurges();
    // Recency order: LRUCache iterates most recently used first; deleted keys keep the order they were found in.
    const order = new Map<string, number>();
    let i = 0;
    for (const key of this.entries.keys()) order.set(key, i++);
    const keys = [...(plan.warm ?? []), ...[...affected].sort((a, b) => (order.get(a) ?? i) - (order.get(b) ?? i))];
    const unique = [...new Set(keys)].slice(0, this.opts.refreshLimit);
    const now = unique.slice(0, this.opts.refreshBeforeReturn);
    for (const key of unique.slice(this.opts.refreshBeforeReturn)) this.schedule(key);
    // A few at a time: the rest of the site keeps being served while the writer waits.
    const pending = [...now];
    const worker = async () => {
      for (let key = pending.shift(); key !== undefined; key = pending.shift())
        await this.fill(key).catch(() => undefined);
    };
    const workers = Array.from({ length: Math.min(this.opts.refreshConcurrency, pending.length) }, worker);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(workers),
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.opts.refreshTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return { hard, soft, refreshed: now.length };
  }

  /**
   * Renders `key` and stores the result when allowed. Requests for the same key share one render, but only one that
   * started after the latest purge: joining an older one could hand out a page from before the change.
   */
  private fill(key: string): Promise<Filled> {
    const current = this.inflight.get(key);
    if (current && current.epoch === this.epoch) return current.promise;
    const epoch = this.epoch;
    const promise = this.opts
      .render(key)
      .then((rendered) => ({ rendered, page: this.store(key, rendered, epoch) }))
      .finally(() => {
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
        this.prunePurges();
      });
    this.inflight.set(key, { epoch, promise });
    return promise;
  }

  /** Only complete public answers that declared their dependencies: never a 404, an error or a cookie. */
  private storable(rendered: Rendered): boolean {
    if (rendered.status !== 200 || !rendered.dependencies || rendered.dependencies.tags.size === 0) return false;
    const type = rendered.headers.find(([name]) => name === "content-type")?.[1] ?? "";
    return STORED_TYPES.test(type) && !rendered.headers.some(([name]) => name === "set-cookie");
  }

  /**
   * Stores a render unless it may not be cached. If one of its tags was purged while it ran, it predates the change:
   * after a hard purge it is dropped (it may show what must not be shown); after a soft one it is kept as stale —
   * an old copy readers may have while a new render, queued here, replaces it.
   */
  private store(key: string, rendered: Rendered, startedAt: number): CachedPage | null {
    if (!this.storable(rendered)) return null;
    const tags = [...rendered.dependencies!.tags];
    const since = (map: Map<string, number>) => tags.some((tag) => (map.get(tag) ?? -1) > startedAt);
    if (since(this.hardPurgedAt)) {
      this.schedule(key);
      return null;
    }
    const outdated = since(this.softPurgedAt);
    const existing = this.entries.peek(key);
    // Two renders of one page racing across a purge: the one that started later has the newer data.
    if (existing && existing.epoch > startedAt) return null;
    const body = documentBody(rendered);
    const gzip = gzipSync(body);
    const headers = rendered.headers.filter(([name]) => !DROPPED_HEADERS.has(name));
    const now = this.opts.now();
    const freshFor = Math.min(rendered.dependencies!.freshFor, DEFAULT_FRESH_FOR);
    const page: CachedPage = {
      status: rendered.status,
      headers,
      gzip,
      etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
      tags,
      storedAt: now,
      epoch: startedAt,
      freshUntil: now + freshFor * 1000,
      stale: outdated,
      bytes:
        gzip.length +
        ENTRY_OVERHEAD +
        headers.reduce((n, [a, b]) => n + a.length + b.length, 0) +
        tags.reduce((n, t) => n + t.length + 48, 0),
    };
    if (page.bytes > this.opts.maxBytes / 8) return null;
    this.entries.set(key, page);
    if (outdated) this.schedule(key);
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return page;
  }

  private unindex(key: string, page: CachedPage): void {
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }

  /** Purge epochs only matter to renders that started before them; forget the rest so the maps stay small. */
  private prunePurges(): void {
    if (this.hardPurgedAt.size === 0 && this.softPurgedAt.size === 0) return;
    let oldest = this.epoch;
    for (const fill of this.inflight.values()) oldest = Math.min(oldest, fill.epoch);
    for (const map of [this.hardPurgedAt, this.softPurgedAt])
      for (const [tag, epoch] of map) if (epoch <= oldest) map.delete(tag);
  }

  /** Queues a background render of `key` (deduplicated), run `backgroundConcurrency` at a time. */
  private schedule(key: string): void {
    if (this.queued.has(key)) return;
    const current = this.inflight.get(key);
    if (current && current.epoch === this.epoch) return;
    this.queued.add(key);
    this.queue.push(key);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.opts.backgroundConcurrency && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.queued.delete(key);
      this.running += 1;
      this.fill(key)
        .catch((error: unknown) =>
          this.opts.log(
            `page cache: background render of ${key} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          this.running -= 1;
          this.drain();
        });
    }
  }
}

/** The body to send: the stored gzip as is, or inflated for a client that does not accept gzip. */
/**
 * The body readers get for a render: a page that declared it needs no client runtime (`noClientRuntime()`, the
 * reader site) loses Next's scripts, whether it is stored or not (a 404 is never stored, and the public pages' CSP,
 * `script-src 'none'`, would refuse those scripts anyway).
 */
export function documentBody(rendered: Rendered, isStatic = rendered.dependencies?.staticDocument ?? false): Buffer {
  const type = rendered.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  return isStatic && type.startsWith("text/html")
    ? Buffer.from(withoutClientRuntime(rendered.body.toString("utf8")))
    : rendered.body;
}

export function bodyFor(page: CachedPage, acceptsGzip: boolean): { body: Buffer; gzipped: boolean } {
  return acceptsGzip ? { body: page.gzip, gzipped: true } : { body: gunzipSync(page.gzip), gzipped: false };
}

/** The server's cache as the application sees it: revalidate.ts purges through this without importing the server. */
export type PageCacheHandle = { revalidate(plan: PurgePlan): Promise<unknown> };

const registry = globalThis as unknown as { broadsheetPageCache?: PageCacheHandle };

/** Registered by scripts/serve.ts. Absent under `next dev`, in scripts and in tests without a server. */
export function installPageCache(cache: PageCacheHandle): void {
  registry.broadsheetPageCache = cache;
}

export function installedPageCache(): PageCacheHandle | undefined {
  return registry.broadsheetPageCache;
}
