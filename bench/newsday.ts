import http from "node:http";
import { performance } from "node:perf_hooks";
import { articlePath } from "../lib/articles/urls";
import {
  makeCopies,
  prepareDatabase,
  publicationTimeZone,
  query,
  releaseInProcessDatabase,
  useDatabaseInProcess,
  type BenchDatabase,
} from "./lib/database";
import { bodyText, cacheState, getRaw } from "./lib/http";
import { load, type LoadSettings } from "./lib/load";
import { nameBenchmark, say } from "./lib/log";
import { rendererPids, sampleMemory, type RssSummary } from "./lib/memory";
import { mark, ms, percentile, printTable } from "./lib/report";
import { saveResults } from "./lib/results";
import { startServer, type BenchServer } from "./lib/server";

/**
 * `npm run bench:newsday`: a news day on one server. Readers read while the newsroom publishes and edits.
 *
 * - Archive: the database ("broadsheet_newsday", its own) holds at least BENCH_ARCHIVE published articles: the demo
 *   publication plus copies of its articles (authors, tags, related picks and callouts copied) with new slugs,
 *   published over the last two years. Kept between runs; a run only adds what is missing.
 * - Readers: BENCH_CONNECTIONS keep-alive connections for BENCH_DURATION seconds (autocannon, closed loop, gzip).
 *   Each request is a URL drawn from a Zipf-like distribution (s = 1.1, seeded, so runs are comparable) over every
 *   published article, newest most read, and the fronts: home (the single most requested URL), section fronts
 *   (pages 1 and 2), author and tag pages, /feed.xml and the sitemaps, about 20% of traffic together.
 * - Newsroom, through the admin HTTP API with a Bearer token: every BENCH_PUBLISH_EVERY seconds a new story is
 *   published (POST), and half a period later one of the 10 most read articles gets a new headline (PATCH). For each,
 *   the time from the API's 2xx answer until readers can see it: the home page and the article page are polled
 *   every 50 ms, each on its own connection with gzip like a reader, until they show the new headline (15 s = fail).
 *   After the run the stories are unpublished and deleted and the headlines restored.
 * - Memory: the server's process tree RSS every second (start, max, end).
 *
 * Prints a table and a ✔/✘ line per target, saves JSON under bench/results/. Numbers that miss their targets are
 * reported, not thrown: the exit code is non-zero only when the benchmark could not run.
 *
 * Environment (all optional):
 *   BENCH_DURATION=60        seconds of reading      BENCH_CONNECTIONS=16      reader connections
 *   BENCH_ARCHIVE=3000       published articles      BENCH_PUBLISH_EVERY=5     seconds between publishes (and edits)
 *   BENCH_PORT=3310          port of the server      BENCH_SKIP_BUILD=1        reuse .next-bench
 *   BENCH_SEED=1             reader URL sequence     BENCH_DATABASE_URL        instead of broadsheet_newsday
 *   BENCH_WARMUP=0           measure from a cold cache (by default every URL is requested once before the run)
 *   BENCH_ADMIN_EMAIL        user the API token acts as (default admin@example.com, the seed's admin)
 *   BENCH_URL=http://...     measure a running server; needs BENCH_DATABASE_URL (its database), BENCH_PID for memory
 */

/**
 * `npm run bench:soak` (bench/soak.ts) is this same news day, run for 10 minutes: it judges only what a long run
 * shows — no errors (reads and API writes), the front's and the renderer's memory flat, the server still up and
 * on its first renderer at the end.
 */
const soak = process.env.BENCH_SOAK === "1";
const benchmark = soak ? "soak" : "newsday";

const cfg = {
  url: process.env.BENCH_URL?.replace(/\/$/, ""),
  pid: process.env.BENCH_PID ? Number(process.env.BENCH_PID) : undefined,
  port: Number(process.env.BENCH_PORT ?? (soak ? 3320 : 3310)),
  duration: Number(process.env.BENCH_DURATION ?? (soak ? 600 : 60)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
  archive: Number(process.env.BENCH_ARCHIVE ?? 3000),
  publishEvery: Number(process.env.BENCH_PUBLISH_EVERY ?? 5),
  seed: Number(process.env.BENCH_SEED ?? 1),
  adminEmail: process.env.BENCH_ADMIN_EMAIL ?? "admin@example.com",
  skipBuild: process.env.BENCH_SKIP_BUILD === "1",
  warmup: process.env.BENCH_WARMUP !== "0",
  zipfExponent: 1.1,
  frontShare: 0.2,
};
const settings: LoadSettings = { connections: cfg.connections, duration: cfg.duration, gzip: true };

const targets = { errors: 0, withoutRender: 0.99, p99Ms: 50, visibleMs: 1000, rssMb: 400, rssGrowth: 0.1 };

const ARCHIVE_MARK = "-archive-";
const ARCHIVE_DAYS = 730;
const MIN_ARCHIVE = 2000;
/** Slug prefix of the stories a run publishes; they are deleted afterwards (and leftovers of a killed run first). */
const STORY_PREFIX = "newsday-";
const POLL_EVERY_MS = 50;
const VISIBLE_TIMEOUT_MS = 15_000;
const API_TIMEOUT_MS = 15_000;
const EDIT_MARK = / \(rev [^)]*\)$/;
const READER_TIMEOUT_S = 10;

nameBenchmark(benchmark);
let database: BenchDatabase | undefined;
let server: BenchServer | undefined;
let databaseUrl: string | undefined;
let cleanups: (() => Promise<void>)[] = [];

const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const sleep = (msValue: number) => new Promise((r) => setTimeout(r, msValue));

// ───────────────────────────── archive ─────────────────────────────

async function ensureArchive(url: string): Promise<void> {
  const [row] = await query<{ published: number; last: number | null }>(
    url,
    `SELECT count(*) FILTER (WHERE status = 'PUBLISHED')::int AS published,
            max(substring(slug FROM $1)::int) AS last
     FROM "Article" WHERE slug NOT LIKE $2`,
    [`${ARCHIVE_MARK}(\\d+)$`, `${STORY_PREFIX}%`],
  );
  const published = row?.published ?? 0;
  if (cfg.archive < MIN_ARCHIVE)
    say(`BENCH_ARCHIVE=${cfg.archive} is below the ${MIN_ARCHIVE} articles a news day is meant to have.`);
  const missing = cfg.archive - published;
  if (missing <= 0) {
    say(`Archive: ${published} published articles (BENCH_ARCHIVE=${cfg.archive}); nothing to add.`);
    return;
  }
  say(`Archive: ${published} published articles; adding ${missing} copies spread over the last ${ARCHIVE_DAYS} days…`);
  const started = performance.now();
  await makeCopies(url, {
    count: missing,
    mark: ARCHIVE_MARK,
    firstNumber: (row?.last ?? 0) + 1,
    spreadDays: ARCHIVE_DAYS,
    progress: (done) => say(`  archive: ${done}/${missing} copies (${seconds(performance.now() - started)})`),
  });
}

// ───────────────────────────── what readers read ─────────────────────────────

type ArticleEntry = { id: number; path: string; headline: string; contentUpdatedAt: Date | null };

type Catalogue = {
  /** Published articles, most read first (newest first: a news site's readers read today's news). */
  articles: ArticleEntry[];
  /** Fronts, most read first; home is the first. */
  fronts: string[];
  sections: string[];
  authors: string[];
};

async function catalogue(url: string): Promise<Catalogue> {
  const tz = await publicationTimeZone(url);
  const published = `a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL AND a.slug NOT LIKE '${STORY_PREFIX}%'`;
  const [articles, sections, authors, tags] = await Promise.all([
    query<{ id: number; slug: string; publishedAt: Date; headline: string; contentUpdatedAt: Date | null }>(
      url,
      `SELECT id, slug, "publishedAt", headline, "contentUpdatedAt" FROM "Article" a WHERE ${published} ORDER BY "publishedAt" DESC, id DESC`,
    ),
    query<{ slug: string; n: number }>(
      url,
      `SELECT s.slug, (SELECT count(*)::int FROM "Article" a WHERE a."sectionId" = s.id AND ${published}) AS n
       FROM "Section" s ORDER BY s.position, s.name`,
    ),
    query<{ slug: string; n: number }>(
      url,
      `SELECT au.slug, count(*)::int AS n FROM "Author" au JOIN "ArticleAuthor" aa ON aa."authorId" = au.id
       JOIN "Article" a ON a.id = aa."articleId" WHERE ${published} GROUP BY au.slug ORDER BY n DESC, au.slug`,
    ),
    query<{ slug: string }>(
      url,
      `SELECT t.slug FROM "Tag" t JOIN "ArticleTag" at ON at."tagId" = t.id JOIN "Article" a ON a.id = at."articleId"
       WHERE ${published} GROUP BY t.slug ORDER BY count(*) DESC, t.slug`,
    ),
  ]);
  if (articles.length === 0) throw new Error("No published article in the database.");
  const withArticles = sections.filter((s) => s.n > 0);
  const fronts = [
    "/",
    ...withArticles.map((s) => `/${s.slug}`),
    "/feed.xml",
    ...authors.map((a) => `/authors/${a.slug}`),
    ...tags.map((t) => `/tags/${t.slug}`),
    // Page 2 only where there is one (20 stories a page).
    ...withArticles.filter((s) => s.n > 20).map((s) => `/${s.slug}?page=2`),
    "/sitemap.xml",
    "/news-sitemap.xml",
  ];
  return {
    articles: articles.map((a) => ({
      id: a.id,
      path: articlePath(a, tz),
      headline: a.headline,
      contentUpdatedAt: a.contentUpdatedAt,
    })),
    fronts,
    sections: sections.map((s) => s.slug),
    authors: authors.map((a) => a.slug),
  };
}

/** mulberry32: a small seeded PRNG, so two runs with one BENCH_SEED ask for the same URLs in the same order. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Traffic = { paths: string[]; cumulative: Float64Array; home: number; fronts: number; topArticle: number };

/**
 * Zipf-like weights (rank^-s). Articles share 1 − frontShare of the traffic. Home gets 1.25× the top article, so it
 * is the single most requested URL as on a real news site, and the other fronts share what is left of frontShare,
 * Zipf-like in their own order.
 */
function traffic(cat: Catalogue): Traffic {
  const zipf = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) ** -cfg.zipfExponent);
  const articleWeights = zipf(cat.articles.length);
  const articleTotal = articleWeights.reduce((a, b) => a + b, 0);
  const articleShare = 1 - cfg.frontShare;
  const topArticle = (articleShare * articleWeights[0]!) / articleTotal;
  const home = Math.min(1.25 * topArticle, 0.75 * cfg.frontShare);
  const others = cat.fronts.slice(1);
  const otherWeights = zipf(others.length);
  const otherTotal = otherWeights.reduce((a, b) => a + b, 0);
  const weights = [
    home,
    ...otherWeights.map((w) => ((cfg.frontShare - home) * w) / otherTotal),
    ...articleWeights.map((w) => (articleShare * w) / articleTotal),
  ];
  const paths = [...cat.fronts, ...cat.articles.map((a) => a.path)];
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cumulative[i] = sum += w));
  return { paths, cumulative, home, fronts: cfg.frontShare, topArticle };
}

function sampler(t: Traffic, seed: number): () => string {
  const random = prng(seed);
  const total = t.cumulative[t.cumulative.length - 1]!;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = t.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return t.paths[lo]!;
  };
}

// ───────────────────────────── readers ─────────────────────────────

type ReaderStats = {
  latencies: number[];
  statuses: Map<number, number>;
  states: Map<string, number>;
  latencyByState: Map<string, number[]>;
  /** MISS answers to the first request for their URL in this run: a cold page, not a purge. */
  firstRequestMisses: number;
  /** A few URLs per status that was not 2xx, to tell a server problem from a benchmark one. */
  examples: Map<number, Set<string>>;
};

function readerStats(): ReaderStats {
  return {
    latencies: [],
    statuses: new Map(),
    states: new Map(),
    latencyByState: new Map(),
    firstRequestMisses: 0,
    examples: new Map(),
  };
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

function headerReader(headers: Record<string, string | string[]>) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name: string) => lower.get(name);
}

// ───────────────────────────── newsroom ─────────────────────────────

type Visibility = { ms: number | null; status?: number };

type PublishEvent = {
  at: number;
  headline: string;
  apiMs: number;
  apiStatus: number;
  path?: string;
  home?: Visibility;
  article?: Visibility;
  error?: string;
};
type EditEvent = {
  at: number;
  articleId: number;
  path: string;
  apiMs: number;
  apiStatus: number;
  onHome: boolean;
  home?: Visibility;
  article?: Visibility;
  error?: string;
};

/**
 * Polls `path` every 50 ms on a connection of its own (keep-alive, gzip, like a reader) until the page shows
 * `needle`: ms since `from`, or null after the timeout. `status` is the last answer's status.
 */
async function timeUntilVisible(base: string, path: string, needle: string, from: number): Promise<Visibility> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let status: number | undefined;
  try {
    for (let k = 0; ; k++) {
      const wait = from + k * POLL_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
      const left = from + VISIBLE_TIMEOUT_MS - performance.now();
      if (left <= 0) return { ms: null, status };
      try {
        const res = await getRaw(base + path, { "accept-encoding": "gzip" }, agent, left);
        status = res.status;
        if (res.status === 200 && bodyText(res).includes(needle)) return { ms: performance.now() - from, status };
      } catch {
        // a refused or timed-out poll just counts as not visible yet
      }
    }
  } finally {
    agent.destroy();
  }
}

class Newsroom {
  readonly publishes: PublishEvent[] = [];
  readonly edits: EditEvent[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly originals = new Map<number, ArticleEntry>();
  private readonly storyIds: number[] = [];
  private readonly runTag = Date.now().toString(36).slice(-6);
  private startedAt = 0;

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly cat: Catalogue,
  ) {}

  /** Schedules publishes at P, 2P… and edits at P/2, 3P/2… until 3 s before the readers stop. */
  start(durationS: number): void {
    this.startedAt = performance.now();
    const period = cfg.publishEvery * 1000;
    const last = (durationS - 3) * 1000;
    for (let at = period / 2, n = 0; at <= last; at += period / 2, n++) {
      const action = n % 2 === 0 ? () => this.edit() : () => this.publish();
      this.timers.push(setTimeout(() => this.track(action()), at));
    }
  }

  get counts(): string {
    return `${this.publishes.length} published, ${this.edits.length} edited`;
  }

  /** Waits for every visibility measurement still running (each ends by its timeout). */
  async finish(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.pending]);
  }

  /** Unpublishes the run's stories and restores the headlines it changed, through the API (so caches follow). */
  async undo(url: string): Promise<void> {
    // Undoing the run's own changes overwrites knowingly, whatever version the article is at.
    const patch = async (id: number, body: unknown) => {
      const res = await this.api("PATCH", `/api/admin/v1/articles/${id}`, body, { "if-match": "*" }).catch(
        (e: unknown) => ({
          status: 0,
          json: (e as Error).message,
        }),
      );
      if (res.status !== 200)
        say(
          `  Could not undo a change to article ${id} (${JSON.stringify(body)}): ${res.status} ${JSON.stringify(res.json)}`,
        );
    };
    for (const id of this.storyIds) await patch(id, { status: "unpublished" });
    for (const [id, original] of this.originals) {
      await patch(id, { headline: original.headline });
      await query(url, `UPDATE "Article" SET "contentUpdatedAt" = $2 WHERE id = $1`, [id, original.contentUpdatedAt]);
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async api(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: unknown; ms: number; etag: string | null }> {
    const started = performance.now();
    const res = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
    const json: unknown = await res.json().catch(() => null);
    return { status: res.status, json, ms: performance.now() - started, etag: res.headers.get("etag") };
  }

  private async publish(): Promise<void> {
    const n = this.publishes.length + 1;
    const headline = `Newsday ${this.runTag} story ${n}: harbour ferry timetable changes from Monday`;
    const event: PublishEvent = { at: performance.now() - this.startedAt, headline, apiMs: 0, apiStatus: 0 };
    this.publishes.push(event);
    const pick = <T>(list: T[]) => list[(n - 1) % list.length]!;
    try {
      const res = await this.api("POST", "/api/admin/v1/articles", {
        headline,
        slug: `${STORY_PREFIX}${this.runTag}-${n}`,
        type: "news",
        section: pick(this.cat.sections),
        authors: [pick(this.cat.authors)],
        body: {
          html:
            "<p>The harbour authority said on Tuesday that the ferry timetable will change from Monday, with earlier " +
            "first crossings and two extra sailings in the evening.</p><p>Commuters welcomed the change, though some " +
            "asked for more weekend services.</p>",
        },
        status: "published",
      });
      const visibleFrom = performance.now();
      event.apiMs = res.ms;
      event.apiStatus = res.status;
      const created = res.json as { id?: number; url?: string } | null;
      if (res.status !== 201 || !created?.id || !created.url)
        throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.json)}`);
      this.storyIds.push(created.id);
      event.path = new URL(created.url).pathname;
      [event.home, event.article] = await Promise.all([
        timeUntilVisible(this.base, "/", headline, visibleFrom),
        timeUntilVisible(this.base, event.path, headline, visibleFrom),
      ]);
      if (event.home.ms === null || event.article.ms === null) {
        say(
          `  ✘ story ${n} (${event.path}) not visible within ${seconds(VISIBLE_TIMEOUT_MS)}: home ${describe(event.home)}, article ${describe(event.article)}`,
        );
      }
    } catch (error) {
      event.error = (error as Error).message;
      say(`  ✘ publishing story ${n} failed: ${event.error}`);
    }
  }

  private async edit(): Promise<void> {
    const n = this.edits.length + 1;
    const popular = this.cat.articles.slice(0, 10);
    const target = popular[(n - 1) % popular.length]!;
    if (!this.originals.has(target.id))
      this.originals.set(target.id, { ...target, headline: target.headline.replace(EDIT_MARK, "") });
    const suffix = ` (rev ${this.runTag}-${n})`;
    const headline = this.originals.get(target.id)!.headline.slice(0, 200 - suffix.length) + suffix;
    const event: EditEvent = {
      at: performance.now() - this.startedAt,
      articleId: target.id,
      path: target.path,
      apiMs: 0,
      apiStatus: 0,
      onHome: false,
    };
    this.edits.push(event);
    try {
      // Is the article on the home page? Then the home page must show the new headline too.
      const home = await getRaw(`${this.base}/`, { "accept-encoding": "gzip" });
      event.onHome = bodyText(home).includes(`href="${target.path}"`);
      // As an editor's client does: from the version it read (If-Match), so only the PATCH is timed.
      const read = await this.api("GET", `/api/admin/v1/articles/${target.id}`);
      if (read.status !== 200 || !read.etag)
        throw new Error(`GET answered ${read.status}: ${JSON.stringify(read.json)}`);
      const res = await this.api(
        "PATCH",
        `/api/admin/v1/articles/${target.id}`,
        { headline },
        { "if-match": read.etag },
      );
      const visibleFrom = performance.now();
      event.apiMs = res.ms;
      event.apiStatus = res.status;
      if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${JSON.stringify(res.json)}`);
      const needle = suffix.trim();
      [event.article, event.home] = await Promise.all([
        timeUntilVisible(this.base, target.path, needle, visibleFrom),
        event.onHome ? timeUntilVisible(this.base, "/", needle, visibleFrom) : Promise.resolve(undefined),
      ]);
      if (event.article.ms === null || event.home?.ms === null) {
        say(
          `  ✘ edit ${n} of ${target.path} not visible within ${seconds(VISIBLE_TIMEOUT_MS)}: article ${describe(event.article)}${event.home ? `, home ${describe(event.home)}` : ""}`,
        );
      }
    } catch (error) {
      event.error = (error as Error).message;
      say(`  ✘ editing ${target.path} failed: ${event.error}`);
    }
  }
}

const describe = (v: Visibility | undefined) =>
  v === undefined ? "n/a" : v.ms === null ? `never (last status ${v.status ?? "none"})` : ms(v.ms);

async function createToken(url: string): Promise<{ token: string; id: number }> {
  useDatabaseInProcess(url);
  const { createApiToken } = await import("../lib/auth/tokens");
  try {
    const { token, id } = await createApiToken({
      email: cfg.adminEmail,
      name: `bench:newsday ${new Date().toISOString()}`,
    });
    return { token, id };
  } finally {
    await releaseInProcessDatabase();
  }
}

// ───────────────────────────── report ─────────────────────────────

type Spread = { n: number; min: number | null; median: number | null; max: number | null; failures: number };

function spread(values: (number | null | undefined)[]): Spread {
  const measured = values.filter((v) => v !== undefined);
  const ok = measured.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return {
    n: measured.length,
    min: ok[0] ?? null,
    median: ok.length ? percentile(ok, 50) : null,
    max: ok[ok.length - 1] ?? null,
    failures: measured.length - ok.length,
  };
}

const spreadRow = (name: string, s: Spread) => [
  name,
  String(s.n),
  s.min === null ? "—" : ms(s.min),
  s.median === null ? "—" : ms(s.median),
  s.max === null ? "—" : ms(s.max),
  String(s.failures),
];

// ───────────────────────────── main ─────────────────────────────

/**
 * A news day happens on a server that has been up: its cache holds what readers read. Before the measured run,
 * every URL readers may ask for is requested once (a few at a time, like a crawler), so the run measures the
 * steady state — the renders it counts are the ones publishing and editing cause, not a cold start.
 * BENCH_WARMUP=0 measures from cold instead.
 */
async function warmUp(base: string, paths: readonly string[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const started = performance.now();
  let done = 0;
  const states = new Map<string, number>();
  const queue = [...paths];
  say(`Warming up: requesting each of ${paths.length} URLs once, 4 at a time…`);
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      try {
        const res = await getRaw(base + path, { "accept-encoding": "gzip" }, agent, 60_000);
        bump(
          states,
          cacheState((name) => res.headers[name]),
        );
      } catch {
        bump(states, "error");
      }
      if (++done % 500 === 0)
        say(`  warm-up: ${done}/${paths.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  say(
    `Warmed up in ${seconds.toFixed(0)} s (${(paths.length / seconds).toFixed(0)} URLs/s): ${[...states].map(([k, n]) => `${k} ${n}`).join(", ")}.`,
  );
}

async function main() {
  let base: string;
  let pid: number | undefined;
  if (cfg.url) {
    databaseUrl = process.env.BENCH_DATABASE_URL;
    if (!databaseUrl)
      throw new Error(
        "BENCH_URL needs BENCH_DATABASE_URL, the database of that server (for the archive, the URL list and an API token).",
      );
    base = cfg.url;
    pid = cfg.pid;
    await ensureArchive(databaseUrl);
    say(`Measuring the server at ${base}${pid ? ` (pid ${pid})` : " (no BENCH_PID: memory not sampled)"}.`);
  } else {
    database = await prepareDatabase("broadsheet_newsday");
    databaseUrl = database.url;
    // Stories of a run that was killed before it could clean up.
    await query(databaseUrl, `DELETE FROM "Article" WHERE slug LIKE $1`, [`${STORY_PREFIX}%`]);
    await ensureArchive(databaseUrl);
    server = await startServer({ databaseUrl, port: cfg.port, skipBuild: cfg.skipBuild });
    ({ base, pid } = server);
  }
  const url = databaseUrl;

  const cat = await catalogue(url);
  const t = traffic(cat);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  say(
    `Readers: ${cfg.connections} connections for ${cfg.duration} s over ${t.paths.length} URLs (Zipf s=${cfg.zipfExponent}, seed ${cfg.seed}): ` +
      `home ${pct(t.home)}, ${cat.fronts.length - 1} other fronts ${pct(t.fronts - t.home)}, ${cat.articles.length} articles ${pct(1 - t.fronts)} (top article ${pct(t.topArticle)}).`,
  );

  if (cfg.warmup) await warmUp(base, t.paths);

  const { token, id: tokenId } = await createToken(url);
  cleanups.push(async () => void (await query(url, `DELETE FROM "ApiToken" WHERE id = $1`, [tokenId])));
  const newsroom = new Newsroom(base, token, cat);
  say(
    `Newsroom: a story published every ${cfg.publishEvery} s and a popular headline edited in between, through ${base}/api/admin/v1.`,
  );

  const next = sampler(t, cfg.seed);
  const stats = readerStats();
  const seen = new Set<string>();
  let current: { status: number; state: string; path: string } | undefined;
  const renderersAtStart = pid ? rendererPids(pid) : [];
  const frontMemory = sampleMemory(pid, 1000, "front");
  const rendererMemory = sampleMemory(pid, 1000, "renderer");
  newsroom.start(cfg.duration);
  cleanups.push(() => newsroom.undo(url));
  const run = await load(
    "readers",
    settings,
    pid,
    {
      url: base,
      duration: cfg.duration,
      timeout: READER_TIMEOUT_S,
      requests: [
        {
          method: "GET",
          setupRequest: (request, context) => {
            const path = next();
            context.path = path;
            return { ...request, path };
          },
          // Called just before load()'s onResponse for the same answer, which brings the latency.
          onResponse: (status, _body, context, headers) => {
            current = { status, state: cacheState(headerReader(headers)), path: String(context.path) };
          },
        },
      ],
    },
    {
      progressEvery: 10,
      memoryEveryMs: 1000,
      progressNote: () => newsroom.counts,
      onResponse: (status, latencyMs) => {
        const answer = current ?? { status, state: "none", path: "" };
        current = undefined;
        stats.latencies.push(latencyMs);
        bump(stats.statuses, answer.status);
        bump(stats.states, answer.state);
        const byState = stats.latencyByState.get(answer.state) ?? [];
        byState.push(latencyMs);
        stats.latencyByState.set(answer.state, byState);
        if (answer.state === "MISS" && !seen.has(answer.path)) stats.firstRequestMisses++;
        if (answer.status >= 300) {
          const examples = stats.examples.get(answer.status) ?? new Set();
          if (examples.size < 3) stats.examples.set(answer.status, examples.add(answer.path));
        }
        seen.add(answer.path);
      },
    },
  );
  say(`Readers done; waiting for the newsroom's last measurements (at most ${seconds(VISIBLE_TIMEOUT_MS)})…`);
  await newsroom.finish();
  const roles = { front: frontMemory.stop(), renderer: rendererMemory.stop() };
  const stillUp = await serverStillUp(base, pid, renderersAtStart);

  // ── Numbers ──
  const { result, rss } = run;
  const latencies = stats.latencies.sort((a, b) => a - b);
  const responses = latencies.length;
  const count = (test: (status: number) => boolean) =>
    [...stats.statuses].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
  const serverErrors = count((s) => s >= 500);
  const notOk = count((s) => s < 200 || s >= 400);
  const errors = result.errors + serverErrors;
  const state = (name: string) => stats.states.get(name) ?? 0;
  const withoutRender = responses ? (state("HIT") + state("STALE")) / responses : 0;
  const rps = responses / result.duration;
  const p = (q: number) => percentile(latencies, q);
  const publishHome = spread(newsroom.publishes.map((e) => (e.error ? null : e.home?.ms)));
  const publishArticle = spread(newsroom.publishes.map((e) => (e.error ? null : e.article?.ms)));
  const editArticle = spread(newsroom.edits.map((e) => (e.error ? null : e.article?.ms)));
  const editHome = spread(newsroom.edits.filter((e) => e.onHome).map((e) => (e.error ? null : e.home?.ms)));
  const apiPost = spread(newsroom.publishes.filter((e) => e.apiStatus).map((e) => e.apiMs));
  const apiPatch = spread(newsroom.edits.filter((e) => e.apiStatus).map((e) => e.apiMs));
  const rssGrowth = rss ? (rss.end - rss.start) / rss.start : null;
  // Heaps fill towards their caps in the first minute of load; a plateau is judged from there when the run is long
  // enough to show one (start → end is printed too).
  const plateauFrom = rss?.afterOneMinute ?? rss?.start ?? null;
  const plateauGrowth = rss && plateauFrom ? (rss.end - plateauFrom) / plateauFrom : null;

  console.log("");
  console.log(`Readers: ${responses} responses in ${result.duration.toFixed(1)} s = ${rps.toFixed(1)} req/s`);
  printTable(
    ["latency", "p50", "p90", "p99", "max", "responses"],
    [
      ["all", ms(p(50)), ms(p(90)), ms(p(99)), ms(latencies[responses - 1] ?? 0), String(responses)],
      ...[...stats.latencyByState]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([name, list]) => {
          const sorted = list.sort((a, b) => a - b);
          return [
            `x-cache ${name}`,
            ms(percentile(sorted, 50)),
            ms(percentile(sorted, 90)),
            ms(percentile(sorted, 99)),
            ms(sorted[sorted.length - 1] ?? 0),
            String(sorted.length),
          ];
        }),
    ],
  );
  console.log(
    `  x-cache: ${["HIT", "STALE", "MISS", "BYPASS", "none"].map((s) => `${s} ${state(s)}`).join(", ")} → ${pct(withoutRender)} without waiting for a render` +
      ` (${stats.firstRequestMisses} of the MISSes were the first request for their URL in this run)`,
  );
  console.log(
    `  errors ${errors} (socket errors and timeouts ${result.errors}, of which timeouts ${result.timeouts}; ≥ 500: ${serverErrors}); ` +
      `not 2xx/3xx ${notOk}; statuses ${[...stats.statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, c]) => `${s}×${c}`)
        .join(" ")}`,
  );
  for (const [status, paths] of stats.examples) console.log(`  ${status} for e.g. ${[...paths].join(", ")}`);
  console.log("");
  console.log("Newsroom");
  printTable(
    ["visible after", "n", "min", "median", "max", "failed"],
    [
      spreadRow("publish → home", publishHome),
      spreadRow("publish → article", publishArticle),
      spreadRow("edit → article", editArticle),
      spreadRow("edit → home", editHome),
      spreadRow("API POST", apiPost),
      spreadRow("API PATCH", apiPatch),
    ],
  );
  console.log(
    `  (edit → home counts only edits of articles that were on the home page: ${editHome.n} of ${newsroom.edits.length})`,
  );
  console.log("");
  console.log(
    rss
      ? `Server RSS (process tree, every 1 s): start ${rss.start.toFixed(0)} MB, max ${rss.peak.toFixed(0)} MB, end ${rss.end.toFixed(0)} MB (${rssGrowth! >= 0 ? "+" : ""}${pct(rssGrowth!)})` +
          (rss.afterOneMinute !== null
            ? `; after the first minute ${rss.afterOneMinute.toFixed(0)} MB, then ${plateauGrowth! >= 0 ? "+" : ""}${pct(plateauGrowth!)} to the end`
            : "")
      : "Server RSS: not sampled (no BENCH_PID).",
  );

  const roleLine = (name: string, r: RssSummary | null) =>
    r
      ? `${name} start ${r.start.toFixed(0)} MB, max ${r.peak.toFixed(0)} MB, end ${r.end.toFixed(0)} MB` +
        (r.afterOneMinute !== null ? ` (after 1 min ${r.afterOneMinute.toFixed(0)} MB)` : "")
      : `${name} not sampled`;
  console.log(`  ${roleLine("front", roles.front)}; ${roleLine("renderer", roles.renderer)}`);
  console.log(`  At the end: ${stillUp.text}`);

  const worst = (...s: Spread[]) =>
    s.some((x) => x.failures > 0 || x.max === null) ? null : Math.max(...s.map((x) => x.max!));
  const publishWorst = worst(publishHome, publishArticle);
  const editWorst = editHome.n ? worst(editArticle, editHome) : worst(editArticle);
  const verdicts = [
    { ok: errors === targets.errors, text: `0 errors                        ${errors}` },
    {
      ok: withoutRender >= targets.withoutRender,
      text: `≥ ${pct(targets.withoutRender)} without a render       ${pct(withoutRender)}`,
    },
    { ok: p(99) <= targets.p99Ms, text: `p99 ≤ ${targets.p99Ms} ms                    ${ms(p(99))}` },
    {
      ok: publishWorst !== null && publishWorst <= targets.visibleMs,
      text: `publish → visible ≤ ${seconds(targets.visibleMs)} (max)    ${publishWorst === null ? `${publishHome.failures + publishArticle.failures} never visible` : ms(publishWorst)}`,
    },
    {
      ok: editWorst !== null && editWorst <= targets.visibleMs,
      text: `edit → visible ≤ ${seconds(targets.visibleMs)} (max)       ${editWorst === null ? `${editArticle.failures + editHome.failures} never visible` : ms(editWorst)}`,
    },
  ];
  if (rss) {
    verdicts.push({
      ok: rss.peak <= targets.rssMb,
      text: `RSS ≤ ${targets.rssMb} MB                   ${rss.peak.toFixed(0)} MB max`,
    });
    verdicts.push(
      rss.afterOneMinute !== null
        ? {
            ok: plateauGrowth! <= targets.rssGrowth,
            text: `RSS flat after the first minute ≤ ${pct(targets.rssGrowth)}   ${pct(plateauGrowth!)}`,
          }
        : {
            ok: rssGrowth! <= targets.rssGrowth,
            text: `RSS flat: end − start ≤ ${pct(targets.rssGrowth)}   ${pct(rssGrowth!)}`,
          },
    );
  }
  if (publishHome.n === 0 || editArticle.n === 0)
    verdicts.push({ ok: false, text: "the run was too short for the newsroom to publish and edit" });
  if (soak) {
    // A long run is judged on what only a long run shows; latency and freshness are newsday's targets.
    const writeErrors = [...newsroom.publishes, ...newsroom.edits].filter((e) => e.error).length;
    const flat = (name: string, r: RssSummary | null) => {
      const from = r?.afterOneMinute ?? r?.start;
      const growth = r && from ? (r.end - from) / from : null;
      return {
        ok: growth !== null && growth <= targets.rssGrowth,
        text: `${name} RSS flat (end vs ${r?.afterOneMinute !== null ? "1 min" : "start"}) ≤ ${pct(targets.rssGrowth)}   ${growth === null ? "not sampled" : pct(growth)}`,
      };
    };
    verdicts.splice(
      0,
      verdicts.length,
      {
        ok: errors + writeErrors === 0,
        text: `0 errors (reads and API writes)   ${errors} reads, ${writeErrors} writes`,
      },
      flat("front", roles.front),
      flat("renderer", roles.renderer),
      { ok: stillUp.ok, text: `still up, on its first renderer   ${stillUp.ok ? "yes" : "no"}` },
    );
  }
  console.log("");
  console.log("Targets");
  for (const v of verdicts) console.log(`  ${mark(v.ok)} ${v.text}`);

  const file = saveResults(benchmark, {
    config: { ...cfg, url: base, urls: t.paths.length, articles: cat.articles.length, fronts: cat.fronts },
    readers: {
      responses,
      seconds: result.duration,
      rps,
      latency: { p50: p(50), p90: p(90), p99: p(99), max: latencies[responses - 1] ?? 0 },
      errors: { total: errors, socket: result.errors, timeouts: result.timeouts, serverErrors },
      notOk,
      statuses: Object.fromEntries(stats.statuses),
      xCache: Object.fromEntries(stats.states),
      withoutRender,
      firstRequestMisses: stats.firstRequestMisses,
      examples: Object.fromEntries([...stats.examples].map(([status, paths]) => [status, [...paths]])),
    },
    newsroom: {
      publishHome,
      publishArticle,
      editArticle,
      editHome,
      apiPost,
      apiPatch,
      publishes: newsroom.publishes,
      edits: newsroom.edits,
    },
    rss,
    rssByRole: roles,
    stillUp,
    targets,
    verdicts,
  });
  say(`Results saved to ${file}.`);
}

/** After the run: the front answers, and (when we know its pid) it still runs the renderer it started with. */
async function serverStillUp(
  base: string,
  pid: number | undefined,
  renderersAtStart: number[],
): Promise<{ ok: boolean; text: string }> {
  const answer = await fetch(`${base}/robots.txt`, { signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.status,
    () => 0,
  );
  const renderers = pid ? rendererPids(pid) : [];
  const sameRenderer = !pid || (renderers.length > 0 && renderers.every((p) => renderersAtStart.includes(p)));
  const ok = answer === 200 && sameRenderer;
  return {
    ok,
    text: `/robots.txt answered ${answer || "nothing"}; renderer ${!pid ? "not checked (no pid)" : sameRenderer ? `pid ${renderers.join(",")} (the one it started with)` : `restarted (${renderersAtStart.join(",")} → ${renderers.join(",") || "none"})`}`,
  };
}

async function cleanup() {
  const steps = cleanups.reverse();
  cleanups = [];
  for (const step of steps) await step().catch((e: unknown) => say(`Cleanup step failed: ${(e as Error).message}`));
  if (databaseUrl) {
    await query(databaseUrl, `DELETE FROM "Article" WHERE slug LIKE $1`, [`${STORY_PREFIX}%`]).catch((e: unknown) =>
      say(`Could not delete the run's stories: ${(e as Error).message}`),
    );
  }
  await server?.stop();
  await database?.stop();
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(`[${benchmark}] Failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exitCode = 1;
  });
