import { availableParallelism } from "node:os";
import { gzipSync } from "node:zlib";
import { articlePath } from "../lib/articles/urls";
import { snapshotResponse, startBareServer } from "./lib/bare-http";
import {
  makeCopies,
  prepareDatabase,
  publicationTimeZone,
  query,
  releaseInProcessDatabase,
  removeCopies,
  useDatabaseInProcess,
  type ArticleRow,
  type BenchDatabase,
} from "./lib/database";
import { bodyText, cacheState, getRaw } from "./lib/http";
import { load, summarise, type LoadSettings, type Phase } from "./lib/load";
import { nameBenchmark, say } from "./lib/log";
import { measureNextFloor } from "./lib/next-floor";
import { mark, printTable } from "./lib/report";
import type { FloorResult } from "./lib/render-floor";
import { saveResults } from "./lib/results";
import { startServer, type BenchServer } from "./lib/server";

/**
 * `npm run bench`: how fast is an article page, and how heavy?
 *
 * Builds the site into .next-bench, starts the production server (scripts/serve.ts) against a seeded benchmark
 * database ("broadsheet_bench": its own, so the demo is never touched) and measures with autocannon:
 *
 *   (a) cached:   one article, warmed first, so every request is served from the page cache. The article is the
 *                 one with the longest body (a hand-written opinion piece using every element), i.e. the
 *                 heaviest page. Beside it, for proportion:
 *                 - bare node:http: a trivial server (child process) replaying that response's exact bytes and
 *                   headers (gzipped when asked, like the page cache); target: the article ≥ 60% of it;
 *                 - cached fronts: home, a section front and an author page, warmed first; target: each within
 *                   20% of the article's throughput.
 *   (b) uncached: every request is the FIRST request for its article, so each one is fully rendered: proxy
 *                 lookup, database queries, React render, and the write into the ISR cache. To have enough
 *                 never-rendered articles for a run of this length, the benchmark copies the published articles
 *                 (body, authors, tags, related) into a few thousand new rows just before the run, with new ids
 *                 and so new URLs that no cache has seen, and removes them afterwards. Nothing bypasses the
 *                 cache: this is the code path a reader hits when they open an article nobody has opened since
 *                 it was published or changed. Shared data (publication settings) stays cached, as in real life.
 *   (c) floor:    React's own speed on the same article: its view model loaded once with loadArticlePage, then
 *                 renderToString of <ArticleView> alone and inside <SiteDocument> (the site layout), and of every
 *                 published article in turn (the mix (b) renders), in this process, no Next. Printed as renders/s
 *                 and as "floor ÷ uncached": how much the server adds to a render.
 *   (d) Next.js floor: the smallest Next app rendering a dynamic page of about an article's markup with no data
 *                 (bench/next-floor, served by `next start`): what Next itself costs per render here. Every load
 *                 phase also prints the server's CPU time per request, which — unlike req/s — does not depend on how
 *                 much of the machine the load generator takes; the uncached article's is set beside Next's floor and
 *                 beside the budget the uncached target implies (cores × 1000 ms ÷ target req/s).
 *
 * It samples the server's resident memory (VmRSS of the server process and its children, every 250 ms) and
 * weighs the page: its HTML and the JavaScript files it loads, gzipped.
 *
 * Requests send `Accept-Encoding: gzip` like a browser, so the server compresses every response (BENCH_GZIP=0 to
 * turn that off). The load generator shares the machine with the server, which costs the server some CPU: the
 * numbers are a floor for a dedicated host.
 *
 * Environment (all optional):
 *   BENCH_DURATION=20       seconds per phase        BENCH_CONNECTIONS=16   concurrent connections
 *   BENCH_ARTICLES=4000     articles to copy for (b) BENCH_PORT=3300        port for the server it starts
 *   BENCH_SKIP_BUILD=1      reuse .next-bench        BENCH_DATABASE_URL     database to use instead of broadsheet_bench
 *   BENCH_URL=http://...    measure a server that is already running (with BENCH_DATABASE_URL for phases (b)
 *                           and (c), and BENCH_PID for memory). The bare node:http server listens on BENCH_PORT + 1.
 */

const cfg = {
  url: process.env.BENCH_URL?.replace(/\/$/, ""),
  pid: process.env.BENCH_PID ? Number(process.env.BENCH_PID) : undefined,
  port: Number(process.env.BENCH_PORT ?? 3300),
  duration: Number(process.env.BENCH_DURATION ?? 20),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
  copies: Number(process.env.BENCH_ARTICLES ?? 4000),
  skipBuild: process.env.BENCH_SKIP_BUILD === "1",
  gzip: process.env.BENCH_GZIP !== "0",
};
const settings: LoadSettings = { connections: cfg.connections, duration: cfg.duration, gzip: cfg.gzip };

const targets = { cachedRps: 800, cachedP99: 50, uncachedRps: 200, rssMb: 400, shareOfBare: 0.6, frontsWithin: 0.2 };
const FLOOR_SECONDS = 3;
const COPY_MARK = "-benchcopy-";

nameBenchmark("bench");
let database: BenchDatabase | undefined;
let server: BenchServer | undefined;
let databaseUrl: string | undefined;

async function heaviestArticle(url: string): Promise<ArticleRow> {
  const rows = await query<ArticleRow>(
    url,
    `SELECT id, slug, "publishedAt" FROM "Article" WHERE status = 'PUBLISHED' AND slug NOT LIKE $1 ORDER BY length(body::text) DESC LIMIT 1`,
    [`%${COPY_MARK}%`],
  );
  if (!rows[0]) throw new Error("No published article to benchmark.");
  return rows[0];
}

/** The home page, the first section in the navigation and the article's first author, as the site links them. */
async function frontPaths(base: string, article: string): Promise<{ name: string; path: string }[]> {
  const page = async (path: string) => bodyText(await getRaw(base + path, { "accept-encoding": "gzip" }));
  const home = await page("/");
  const nav = /class="site-nav"[\s\S]*?href="(\/[a-z0-9-]+)"/.exec(home)?.[1];
  const author = /href="(\/authors\/[a-z0-9-]+)"/.exec(await page(article))?.[1];
  return [
    { name: "home", path: "/" },
    ...(nav ? [{ name: "section front", path: nav }] : []),
    ...(author ? [{ name: "author page", path: author }] : []),
  ];
}

/** Requests `path` until the page cache serves it (at most 20 times); the cache state of the last answer. */
async function warm(base: string, path: string): Promise<string> {
  let state = "";
  for (let i = 0; i < 20; i++) {
    const res = await fetch(base + path);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}.`);
    await res.arrayBuffer();
    state = cacheStateOf((name) => res.headers.get(name) ?? undefined);
    if (/cache (HIT|STALE)/.test(state)) break;
  }
  return state;
}

/** Where a response came from: the page cache and, behind it, Next's ISR cache (x-nextjs-cache). */
function cacheStateOf(header: (name: string) => string | undefined): string {
  return `page cache ${cacheState(header)} / next ${header("x-nextjs-cache") ?? "none"}`;
}

// ───────────────────────────── page weight ─────────────────────────────

async function pageWeight(base: string, pagePath: string) {
  const res = await fetch(base + pagePath, { headers: { "accept-encoding": "identity" } });
  const html = await res.text();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => attr(m[0], "src")).filter((s): s is string => !!s);
  const styles = [...html.matchAll(/<link\b[^>]*>/g)]
    .filter((m) => /rel="stylesheet"/.test(m[0]))
    .map((m) => attr(m[0], "href"))
    .filter((s): s is string => !!s);
  const gz = (text: string | Buffer) => gzipSync(text).length;
  const weigh = async (list: string[]) => {
    let total = 0;
    for (const src of new Set(list)) {
      const body = Buffer.from(await (await fetch(new URL(src.replaceAll("&amp;", "&"), base))).arrayBuffer());
      total += gz(body);
    }
    return { files: new Set(list).size, gzipped: total };
  };
  return { status: res.status, html: gz(html), js: await weigh(scripts), css: await weigh(styles) };
}

// ───────────────────────────── main ─────────────────────────────

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  say(`${cfg.connections} connections, ${cfg.duration} s per phase${cfg.gzip ? ", gzip" : ""}.`);
  let base: string;
  let pid: number | undefined;
  let tz = "UTC";
  let target: string;
  let heaviest: ArticleRow | undefined;

  if (cfg.url) {
    base = cfg.url;
    pid = cfg.pid;
    databaseUrl = process.env.BENCH_DATABASE_URL;
    say(`Measuring the server at ${base}${pid ? ` (pid ${pid})` : " (no BENCH_PID: memory not sampled)"}.`);
  } else {
    database = await prepareDatabase("broadsheet_bench");
    databaseUrl = database.url;
    server = await startServer({ databaseUrl, port: cfg.port, skipBuild: cfg.skipBuild });
    ({ base, pid } = server);
  }

  if (databaseUrl) {
    tz = await publicationTimeZone(databaseUrl);
    heaviest = await heaviestArticle(databaseUrl);
    target = articlePath(heaviest, tz);
  } else {
    const home = await (await fetch(`${base}/`)).text();
    const found = /href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+-a\d+)"/.exec(home)?.[1];
    if (!found) throw new Error("No article link on the home page to benchmark.");
    target = found;
  }
  say(`Article: ${target}`);

  // Warm the page (the first request renders it into the page cache) and check it is served from the cache.
  let warmState = "";
  for (let i = 0; i < 20; i++) {
    const res = await fetch(base + target);
    if (res.status !== 200) throw new Error(`${target} answered ${res.status}; is the article page built?`);
    await res.arrayBuffer();
    warmState = cacheStateOf((name) => res.headers.get(name) ?? undefined);
  }
  say(`Warmed up; the page now comes from the cache: ${warmState}.`);
  // A server that has just started runs its first load with a cold JIT; the first phase should not pay for it.
  await load("JIT warm-up", { ...settings, duration: 3 }, undefined, { url: base + target, duration: 3 });

  const phases: Phase[] = [];
  say(`(a) cached article for ${cfg.duration} s…`);
  const cached = await load("cached", settings, pid, { url: base + target, duration: cfg.duration });
  const cachedPhase = summarise("cached article", cached, warmState);
  phases.push(cachedPhase);

  say(`(a) bare node:http replaying the cached article's bytes for ${cfg.duration} s…`);
  const bare = await startBareServer(await snapshotResponse(base + target), cfg.port + 1);
  let barePhase: Phase;
  try {
    barePhase = summarise(
      "bare node:http",
      await load("bare", settings, undefined, { url: bare.base + target, duration: cfg.duration }),
    );
  } finally {
    bare.stop();
  }
  phases.push(barePhase);

  const frontPhases: Phase[] = [];
  for (const front of await frontPaths(base, target)) {
    const state = await warm(base, front.path);
    say(`(a) cached ${front.name} (${front.path}) for ${cfg.duration} s; warmed up: ${state}…`);
    const run = await load(front.name, settings, pid, { url: base + front.path, duration: cfg.duration });
    frontPhases.push(summarise(`cached ${front.name}`, run, `${front.path}: ${state}`));
  }
  phases.push(...frontPhases);

  if (databaseUrl) {
    say(`(b) uncached renders: copying published articles into ${cfg.copies} never-rendered ones…`);
    await removeCopies(databaseUrl, COPY_MARK);
    const copies = await makeCopies(databaseUrl, { count: cfg.copies, mark: COPY_MARK });
    const paths = copies.map((c) => articlePath(c, tz));
    let next = 0;
    const cacheHeader = new Map<string, number>();
    say(`(b) uncached renders for up to ${cfg.duration} s…`);
    const uncached = await load("uncached", settings, pid, {
      url: base,
      amount: paths.length,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
          onResponse: (_status, _body, _context, headers) => {
            const value = cacheStateOf((name) => headers[name]);
            cacheHeader.set(value, (cacheHeader.get(value) ?? 0) + 1);
          },
        },
      ],
    });
    const states = [...cacheHeader].map(([k, n]) => `${k} ${n}`).join(", ");
    const ranOut = next >= paths.length && uncached.result.duration < cfg.duration - 1;
    const note = `${states}${ranOut ? ` — ran out of articles after ${uncached.result.duration.toFixed(0)} s; raise BENCH_ARTICLES` : ""}`;
    phases.push(summarise("uncached render", uncached, note));
    await removeCopies(databaseUrl, COPY_MARK);
  } else {
    say("(b) skipped: measuring uncached renders needs the server's database (BENCH_DATABASE_URL).");
  }

  let floors: FloorResult[] = [];
  if (databaseUrl && heaviest) {
    say(
      `(c) React's floor: renderToString of the article's view model, ${FLOOR_SECONDS} s for each of three variants…`,
    );
    useDatabaseInProcess(databaseUrl);
    // React chooses its build when first loaded; the server runs the production one.
    Object.assign(process.env, { NODE_ENV: "production" });
    // Imported here: it loads React, the components and lib/ into this process only when measured.
    const { measureRenderFloor, reactBuild } = await import("./lib/render-floor");
    if (reactBuild() !== "production")
      say("(c) Warning: React's development build is loaded in this process; the floor is too low.");
    const sources = await query<{ id: number }>(
      databaseUrl,
      `SELECT id FROM "Article" WHERE status = 'PUBLISHED' AND slug NOT LIKE $1 ORDER BY id`,
      [`%${COPY_MARK}%`],
    );
    try {
      floors = await measureRenderFloor(
        heaviest.id,
        sources.map((r) => r.id),
        FLOOR_SECONDS,
      );
    } finally {
      await releaseInProcessDatabase();
    }
  } else {
    say("(c) skipped: the render floor loads the article from the server's database (BENCH_DATABASE_URL).");
  }

  let nextFloor: Phase | undefined;
  if (!cfg.url) {
    nextFloor = await measureNextFloor({ port: cfg.port + 2, settings, skipBuild: cfg.skipBuild });
    phases.push(nextFloor);
  }

  say("Weighing the article page…");
  const weight = await pageWeight(base, target);

  // ── Report ──
  // The bare server is not ours: its memory is not sampled.
  const rssPeak = Math.max(0, ...phases.map((p) => p.rss?.peak ?? 0));
  console.log("");
  printTable(
    ["phase", "req/s", "CPU/request", "p50", "p99", "RSS peak", "RSS mean", "requests", "errors"],
    phases.map((p) => [
      p.name,
      p.rps.toFixed(1),
      p.cpuMsPerRequest === null ? "n/a" : `${p.cpuMsPerRequest.toFixed(2)} ms`,
      `${p.p50} ms`,
      `${p.p99} ms`,
      p.rss ? `${p.rss.peak.toFixed(0)} MB` : "n/a",
      p.rss ? `${p.rss.mean.toFixed(0)} MB` : "n/a",
      String(p.requests),
      String(p.errors + p.non2xx),
    ]),
  );
  console.log("");
  for (const p of phases) if (p.note) console.log(`  ${p.name}: ${p.note}`);
  const uncachedPhase = phases.find((p) => p.name === "uncached render");
  if (floors.length) {
    console.log("");
    printTable(
      ["React floor (renderToString, no Next)", "renders/s", "ms/render", "HTML"],
      floors.map((f) => [f.name, f.perSecond.toFixed(0), f.msPerRender.toFixed(2), kB(f.htmlBytes)]),
    );
    if (uncachedPhase?.rps) {
      const ratio = (f: FloorResult) =>
        `${f.perSecond.toFixed(0)} renders/s ÷ ${uncachedPhase.rps.toFixed(1)} req/s = ${(f.perSecond / uncachedPhase.rps).toFixed(1)}×`;
      console.log(
        `  uncached render through the server vs React's own floor: ${ratio(floors[floors.length - 1]!)} (same mix of articles, with the layout)`,
      );
      console.log(
        `                                            heaviest article: ${ratio(floors[1]!)} (with the layout)`,
      );
    }
  }
  if (uncachedPhase?.cpuMsPerRequest && nextFloor?.cpuMsPerRequest) {
    const budget = (availableParallelism() * 1000) / targets.uncachedRps;
    const own = uncachedPhase.cpuMsPerRequest - nextFloor.cpuMsPerRequest;
    console.log("");
    console.log(
      `  CPU per uncached article render: ${uncachedPhase.cpuMsPerRequest.toFixed(1)} ms = Next.js floor ${nextFloor.cpuMsPerRequest.toFixed(1)} ms + ours ${own.toFixed(1)} ms (data, layout, page cache fill)`,
    );
    console.log(
      `  ${targets.uncachedRps} req/s on ${availableParallelism()} cores needs ≤ ${budget.toFixed(1)} ms of CPU per render, load generator not counted; ` +
        `Next.js alone takes ${nextFloor.cpuMsPerRequest.toFixed(1)} ms (${((nextFloor.cpuMsPerRequest / budget) * 100).toFixed(0)}% of it).`,
    );
  }
  console.log(
    `  page weight (gzipped): HTML ${kB(weight.html)}, JS ${kB(weight.js.gzipped)} in ${weight.js.files} files, CSS ${kB(weight.css.gzipped)} in ${weight.css.files} files`,
  );
  console.log("");
  console.log("Targets");
  console.log(
    `  ${mark(cachedPhase.rps >= targets.cachedRps)} cached   ≥ ${targets.cachedRps} req/s        ${cachedPhase.rps.toFixed(0)} req/s`,
  );
  console.log(
    `  ${mark(cachedPhase.p99 <= targets.cachedP99)} cached   p99 ≤ ${targets.cachedP99} ms         ${cachedPhase.p99} ms`,
  );
  const shareOfBare = barePhase.rps ? cachedPhase.rps / barePhase.rps : 0;
  console.log(
    `  ${mark(shareOfBare >= targets.shareOfBare)} cached article = ${(shareOfBare * 100).toFixed(0)}% of bare node:http ` +
      `(${cachedPhase.rps.toFixed(0)} of ${barePhase.rps.toFixed(0)} req/s; target ≥ ${targets.shareOfBare * 100}%)`,
  );
  for (const f of frontPhases) {
    const share = cachedPhase.rps ? f.rps / cachedPhase.rps : 0;
    console.log(
      `  ${mark(share >= 1 - targets.frontsWithin)} ${f.name} within ${targets.frontsWithin * 100}% of the article's throughput: ` +
        `${f.rps.toFixed(0)} req/s = ${(share * 100).toFixed(0)}%`,
    );
  }
  if (uncachedPhase)
    console.log(
      `  ${mark(uncachedPhase.rps >= targets.uncachedRps)} uncached ≥ ${targets.uncachedRps} req/s        ${uncachedPhase.rps.toFixed(0)} req/s`,
    );
  if (rssPeak)
    console.log(
      `  ${mark(rssPeak <= targets.rssMb)} RSS      ≤ ${targets.rssMb} MB           ${rssPeak.toFixed(0)} MB peak`,
    );
  const errors = phases.reduce((n, p) => n + p.errors + p.non2xx, 0);
  if (errors) console.log(`  ✘ ${errors} requests failed or answered non-2xx: the numbers above are not trustworthy.`);

  const file = saveResults("article", { config: { ...cfg, url: base }, target, phases, floors, weight, targets });
  say(`Results saved to ${file}.`);
}

async function cleanup() {
  if (databaseUrl && !cfg.url) {
    await removeCopies(databaseUrl, COPY_MARK).catch((e: unknown) =>
      say(`Could not remove the benchmark copies: ${(e as Error).message}`),
    );
  }
  await server?.stop();
  await database?.stop();
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(`[bench] Failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exitCode = 1;
  });
