import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon, { type Options, type Result } from "autocannon";
import pg from "pg";
import { articlePath } from "../lib/articles/urls";
import { serverNodeArgs } from "../scripts/lib/server-command";
import { ensureDatabaseExists, startEmbeddedPostgres, type EmbeddedHandle } from "../scripts/lib/embedded-postgres";
import { migrate } from "../scripts/lib/migrate";

/**
 * `npm run bench`: how fast is an article page, and how heavy?
 *
 * Builds the site into .next-bench, starts `next start` against a seeded benchmark database
 * ("broadsheet_bench": its own, so the demo is never touched) and measures with autocannon:
 *
 *   (a) cached:   one article, warmed first, so every request is served from the ISR cache. The article is the
 *                 one with the longest body (a hand-written opinion piece using every element), i.e. the
 *                 heaviest page.
 *   (b) uncached: every request is the FIRST request for its article, so each one is fully rendered: proxy
 *                 lookup, database queries, React render, and the write into the ISR cache. To have enough
 *                 never-rendered articles for a run of this length, the benchmark copies the published articles
 *                 (body, authors, tags, related) into a few thousand new rows just before the run, with new ids
 *                 and so new URLs that no cache has seen, and removes them afterwards. Nothing bypasses the
 *                 cache: this is the code path a reader hits when they open an article nobody has opened since
 *                 it was published or changed. Shared data (publication settings) stays cached, as in real life.
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
 *   BENCH_URL=http://...    measure a server that is already running (with BENCH_DATABASE_URL for phase (b)
 *                           and BENCH_PID for memory)
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
  distDir: ".next-bench",
  mediaDir: path.resolve(".data/bench-media"),
};

const targets = { cachedRps: 800, cachedP99: 50, uncachedRps: 100, rssMb: 400 };
const COPY_MARK = "-benchcopy-";

const say = (line: string) => console.log(`[bench] ${line}`);
let embedded: EmbeddedHandle | undefined;
let server: ChildProcess | undefined;
let databaseUrl: string | undefined;

// ───────────────────────────── database ─────────────────────────────

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<string> {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url && process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/broadsheet_bench";
    url = u.toString();
  }
  if (!url) {
    embedded = await startEmbeddedPostgres({ log: say });
    url = embedded.urlFor("broadsheet_bench");
  }
  if (decodeURIComponent(new URL(url).pathname.slice(1)) === "broadsheet") {
    throw new Error('The benchmark adds and removes thousands of rows; give it its own database, not the demo ("broadsheet").');
  }
  await ensureDatabaseExists(url);
  await migrate(url, say);
  databaseUrl = url;

  const [{ n }] = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Article" WHERE status = 'PUBLISHED'`)) as [{ n: number }];
  if (n === 0) {
    say("The benchmark database is empty: seeding the demo content…");
    // lib/env reads these on first use, inside seed().
    process.env.DATABASE_URL = url;
    process.env.MEDIA_DIR = cfg.mediaDir;
    const { seed } = await import("../prisma/seed");
    const { disconnectDb } = await import("../lib/db");
    await seed({ log: say });
    await disconnectDb();
  }
  return url;
}

type ArticleRow = { id: number; slug: string; publishedAt: Date };

async function timeZone(): Promise<string> {
  const rows = await query<{ timeZone: string }>(`SELECT "timeZone" FROM "Publication" WHERE id = 1`);
  return rows[0]?.timeZone ?? "UTC";
}

async function heaviestArticle(): Promise<ArticleRow> {
  const rows = await query<ArticleRow>(
    `SELECT id, slug, "publishedAt" FROM "Article" WHERE status = 'PUBLISHED' AND slug NOT LIKE $1 ORDER BY length(body::text) DESC LIMIT 1`,
    [`%${COPY_MARK}%`],
  );
  if (!rows[0]) throw new Error("No published article to benchmark.");
  return rows[0];
}

async function removeCopies(): Promise<void> {
  if (databaseUrl) await query(`DELETE FROM "Article" WHERE slug LIKE $1`, [`%${COPY_MARK}%`]);
}

/** Copies of the published articles (with authors, tags and related picks), newest ids, never rendered. */
async function makeCopies(count: number): Promise<ArticleRow[]> {
  await removeCopies();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<ArticleRow>(
      `WITH src AS (
         SELECT a.*, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total
         FROM "Article" a WHERE status = 'PUBLISHED' AND slug NOT LIKE $2
       )
       INSERT INTO "Article" (slug, headline, dek, type, status, "sectionId", "heroMediaId", "heroAlt", "heroCaption",
                              "heroCredit", body, "publishedAt", "contentUpdatedAt", "createdAt", "updatedAt")
       SELECT s.slug || $3 || g.i, s.headline, s.dek, s.type, s.status, s."sectionId", s."heroMediaId", s."heroAlt",
              s."heroCaption", s."heroCredit", s.body, s."publishedAt", s."contentUpdatedAt", now(), now()
       FROM generate_series(1, $1::int) AS g(i) JOIN src s ON s.rn = ((g.i - 1) % s.total) + 1
       RETURNING id, slug, "publishedAt"`,
      [count, `%${COPY_MARK}%`, COPY_MARK],
    );
    const source = `regexp_replace(c.slug, '${COPY_MARK}\\d+$', '')`;
    const copies = `"Article" c JOIN "Article" s ON s.slug = ${source} WHERE c.slug LIKE '%${COPY_MARK}%'`;
    await client.query(`INSERT INTO "ArticleAuthor" ("articleId", "authorId", position) SELECT c.id, x."authorId", x.position FROM ${copies.replace("WHERE", `JOIN "ArticleAuthor" x ON x."articleId" = s.id WHERE`)}`);
    await client.query(`INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT c.id, x."tagId" FROM ${copies.replace("WHERE", `JOIN "ArticleTag" x ON x."articleId" = s.id WHERE`)}`);
    await client.query(`INSERT INTO "ArticleRelated" ("articleId", "relatedId", position) SELECT c.id, x."relatedId", x.position FROM ${copies.replace("WHERE", `JOIN "ArticleRelated" x ON x."articleId" = s.id WHERE`)}`);
    await client.query("COMMIT");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

// ───────────────────────────── server ─────────────────────────────

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/** Where a response came from: the page cache (x-page-cache) and, behind it, Next's ISR cache (x-nextjs-cache). */
function cacheStateOf(header: (name: string) => string | undefined): string {
  return `page-cache ${header("x-page-cache") ?? "none"} / next ${header("x-nextjs-cache") ?? "none"}`;
}

async function startServer(url: string): Promise<{ base: string; pid: number }> {
  const base = `http://localhost:${cfg.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: cfg.distDir,
    DATABASE_URL: url,
    MEDIA_DIR: cfg.mediaDir,
    SITE_URL: base,
  };
  if (cfg.skipBuild && existsSync(path.join(cfg.distDir, "BUILD_ID"))) {
    say(`Reusing the build in ${cfg.distDir} (BENCH_SKIP_BUILD=1).`);
  } else {
    say(`Building the site into ${cfg.distDir} (next build)…`);
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], env);
  }
  say(`Starting the production server (scripts/serve.ts: Next.js behind the page cache) on port ${cfg.port}…`);
  server = spawn(process.execPath, serverNodeArgs(), {
    env: { ...env, PORT: String(cfg.port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/`);
      if (res.status < 500) return { base, pid: server.pid! };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("next start did not answer within 60 s");
}

async function stopServer(): Promise<void> {
  const s = server;
  if (!s || s.exitCode !== null) return;
  s.kill("SIGTERM");
  await Promise.race([new Promise((r) => s.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
  if (s.exitCode === null) s.kill("SIGKILL");
}

// ───────────────────────────── memory ─────────────────────────────

/** Resident memory (kB) of a process and all its descendants, from /proc. */
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function sampleMemory(pid: number | undefined) {
  const samples: number[] = [];
  const take = () => pid && samples.push(treeRssKb(pid) / 1024);
  take();
  const timer = setInterval(take, 250);
  return {
    current: () => samples[samples.length - 1] ?? 0,
    stop: () => {
      clearInterval(timer);
      if (!samples.length) return null;
      return { peak: Math.max(...samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
    },
  };
}

// ───────────────────────────── load ─────────────────────────────

type Phase = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  seconds: number;
  rss: { peak: number; mean: number } | null;
  note?: string;
};

function load(name: string, pid: number | undefined, options: Options): Promise<{ result: Result; rss: Phase["rss"] }> {
  return new Promise((resolve, reject) => {
    const memory = sampleMemory(pid);
    let seconds = 0;
    let requests = 0;
    const instance = autocannon(
      { connections: cfg.connections, timeout: 30, headers: cfg.gzip ? { "accept-encoding": "gzip" } : {}, ...options },
      (error, result) => {
        clearTimeout(stopAt);
        const rss = memory.stop();
        if (error) reject(error);
        else resolve({ result, rss });
      },
    );
    // `amount` runs ignore `duration`; the timer ends them on time.
    const stopAt = setTimeout(() => instance.stop(), cfg.duration * 1000 + 200);
    instance.on("response", () => requests++);
    instance.on("tick", () => {
      seconds++;
      if (seconds % 5 === 0) {
        const rss = pid ? `, server RSS ${memory.current().toFixed(0)} MB` : "";
        say(`  ${name}: ${seconds}/${cfg.duration} s, ${requests} requests${rss}`);
      }
    });
  });
}

function summarise(name: string, result: Result, rss: Phase["rss"], note?: string): Phase {
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result["2xx"] + result.non2xx,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    rss,
    note,
  };
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
const mark = (ok: boolean) => (ok ? "✔" : "✘");

async function main() {
  say(`${cfg.connections} connections, ${cfg.duration} s per phase${cfg.gzip ? ", gzip" : ""}.`);
  let base: string;
  let pid: number | undefined;
  let tz = "UTC";
  let target: string;

  if (cfg.url) {
    base = cfg.url;
    pid = cfg.pid;
    if (process.env.BENCH_DATABASE_URL) databaseUrl = process.env.BENCH_DATABASE_URL;
    say(`Measuring the server at ${base}${pid ? ` (pid ${pid})` : " (no BENCH_PID: memory not sampled)"}.`);
  } else {
    const url = await prepareDatabase();
    ({ base, pid } = await startServer(url));
  }

  if (databaseUrl) {
    tz = await timeZone();
    target = articlePath(await heaviestArticle(), tz);
  } else {
    const home = await (await fetch(`${base}/`)).text();
    const found = /href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+-a\d+)"/.exec(home)?.[1];
    if (!found) throw new Error("No article link on the home page to benchmark.");
    target = found;
  }
  say(`Article: ${target}`);

  // Warm the page (first render fills the ISR cache) and check it is served from the cache.
  let cacheState = "";
  for (let i = 0; i < 20; i++) {
    const res = await fetch(base + target);
    if (res.status !== 200) throw new Error(`${target} answered ${res.status}; is the article page built?`);
    await res.arrayBuffer();
    cacheState = cacheStateOf((name) => res.headers.get(name) ?? undefined);
  }
  say(`Warmed up; the page now comes from the cache: ${cacheState}.`);

  const phases: Phase[] = [];
  say(`(a) cached article for ${cfg.duration} s…`);
  const cached = await load("cached", pid, { url: base + target, duration: cfg.duration });
  phases.push(summarise("cached article", cached.result, cached.rss, cacheState));

  if (databaseUrl) {
    say(`(b) uncached renders: copying published articles into ${cfg.copies} never-rendered ones…`);
    const copies = await makeCopies(cfg.copies);
    const paths = copies.map((c) => articlePath(c, tz));
    let next = 0;
    const cacheHeader = new Map<string, number>();
    say(`(b) uncached renders for up to ${cfg.duration} s…`);
    const uncached = await load("uncached", pid, {
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
    phases.push(summarise("uncached render", uncached.result, uncached.rss, note));
    await removeCopies();
  } else {
    say("(b) skipped: measuring uncached renders needs the server's database (BENCH_DATABASE_URL).");
  }

  say("Weighing the article page…");
  const weight = await pageWeight(base, target);

  // ── Report ──
  const rssPeak = Math.max(0, ...phases.map((p) => p.rss?.peak ?? 0));
  const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const widths = [17, 10, 9, 9, 10, 10, 8, 8];
  console.log("");
  console.log(row(["phase", "req/s", "p50", "p99", "RSS peak", "RSS mean", "requests", "errors"], widths));
  console.log("─".repeat(widths.reduce((a, b) => a + b + 2, -2)));
  for (const p of phases) {
    console.log(
      row(
        [
          p.name,
          p.rps.toFixed(1),
          `${p.p50} ms`,
          `${p.p99} ms`,
          p.rss ? `${p.rss.peak.toFixed(0)} MB` : "n/a",
          p.rss ? `${p.rss.mean.toFixed(0)} MB` : "n/a",
          String(p.requests),
          String(p.errors + p.non2xx),
        ],
        widths,
      ),
    );
  }
  console.log("");
  for (const p of phases) if (p.note) console.log(`  ${p.name}: ${p.note}`);
  console.log(`  page weight (gzipped): HTML ${kB(weight.html)}, JS ${kB(weight.js.gzipped)} in ${weight.js.files} files, CSS ${kB(weight.css.gzipped)} in ${weight.css.files} files`);
  console.log("");
  console.log("Targets");
  const cachedPhase = phases.find((p) => p.name === "cached article");
  const uncachedPhase = phases.find((p) => p.name === "uncached render");
  if (cachedPhase) {
    console.log(`  ${mark(cachedPhase.rps >= targets.cachedRps)} cached   ≥ ${targets.cachedRps} req/s        ${cachedPhase.rps.toFixed(0)} req/s`);
    console.log(`  ${mark(cachedPhase.p99 <= targets.cachedP99)} cached   p99 ≤ ${targets.cachedP99} ms         ${cachedPhase.p99} ms`);
  }
  if (uncachedPhase) console.log(`  ${mark(uncachedPhase.rps >= targets.uncachedRps)} uncached ≥ ${targets.uncachedRps} req/s        ${uncachedPhase.rps.toFixed(0)} req/s`);
  if (rssPeak) console.log(`  ${mark(rssPeak <= targets.rssMb)} RSS      ≤ ${targets.rssMb} MB           ${rssPeak.toFixed(0)} MB peak`);
  const errors = phases.reduce((n, p) => n + p.errors + p.non2xx, 0);
  if (errors) console.log(`  ✘ ${errors} requests failed or answered non-2xx: the numbers above are not trustworthy.`);

  mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `article-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ config: { ...cfg, url: base }, target, phases, weight, targets }, null, 2));
  say(`Results saved to ${file}.`);
}

async function cleanup() {
  await removeCopies().catch((e: unknown) => say(`Could not remove the benchmark copies: ${(e as Error).message}`));
  await stopServer();
  if (embedded?.startedHere) await embedded.stop();
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(`[bench] Failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exitCode = 1;
  });
