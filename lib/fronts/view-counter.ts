/**
 * Counts article page views in the front process (scripts/serve.ts) without touching the database: a hit adds one
 * to a number in a Map keyed by article id, and `drain()` hands the aggregated counts over for one write every flush
 * interval (lib/fronts/most-read.ts). Each process counts its own readers and flushes its own counts, so several
 * instances simply add up in the table.
 *
 * Bounded by bytes: past `maxBytes` (at ENTRY_BYTES an id) a view of an article not yet counted is dropped and
 * `hit` answers "full", so the caller can flush at once instead of waiting for the interval. Imports nothing: the
 * front stays free of the database client.
 */

/** A canonical article path, /YYYY/MM/DD/<slug>-a<id>, without a query string. */
const ARTICLE_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^/?#]*-a([1-9]\d{0,9})$/;

/**
 * What one counted article costs in a V8 Map with small-integer keys and values: about three words in the hash
 * table's backing store, doubled for the table's spare capacity, rounded up.
 */
export const ENTRY_BYTES = 64;

export type ViewCounts = [articleId: number, views: number][];

export class ViewCounter {
  private counts = new Map<number, number>();
  private readonly maxEntries: number;
  /** Views dropped because the buffer was full, since the last drain (reported with the flush). */
  dropped = 0;

  constructor(maxBytes: number) {
    this.maxEntries = Math.max(1, Math.floor(maxBytes / ENTRY_BYTES));
  }

  /** Counts a view of `path` if it is an article page; "full" when the buffer wants flushing. */
  hit(path: string): "counted" | "ignored" | "full" {
    const match = ARTICLE_PATH.exec(path);
    if (!match) return "ignored";
    const id = Number(match[1]);
    const current = this.counts.get(id);
    if (current === undefined && this.counts.size >= this.maxEntries) {
      this.dropped += 1;
      return "full";
    }
    this.counts.set(id, (current ?? 0) + 1);
    return this.counts.size >= this.maxEntries ? "full" : "counted";
  }

  /** Bytes the counts hold now, by the estimate the bound uses. */
  get bytes(): number {
    return this.counts.size * ENTRY_BYTES;
  }

  /** The counts since the last drain, emptied. */
  drain(): ViewCounts {
    const out = [...this.counts];
    this.counts = new Map();
    this.dropped = 0;
    return out;
  }
}
