import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { articlePath } from "../lib/articles/urls";
import { makeCopies, prepareDatabase, publicationTimeZone, removeCopies } from "./lib/database";
import { getRaw } from "./lib/http";
import { nameBenchmark, say } from "./lib/log";
import { printTable } from "./lib/report";
import { saveResults } from "./lib/results";
import { startServer } from "./lib/server";

/**
 * `npm run bench:profile`: where the milliseconds of an uncached article render go.
 *
 * Starts the production server with the renderer (Next.js) under `--cpu-prof`, renders BENCH_PROFILE_ARTICLES
 * never-rendered article copies two at a time (after a few to warm the JIT), stops the server and reads the
 * renderer's CPU profile: CPU milliseconds per render, where they went by area (React and Next's app renderer are
 * one bundle), and the hottest functions. Uses the "broadsheet_bench" database like `npm run bench`.
 *
 * Environment: BENCH_PROFILE_ARTICLES=300, BENCH_PORT=3330, BENCH_SKIP_BUILD=1, BENCH_DATABASE_URL.
 */

const cfg = {
  articles: Number(process.env.BENCH_PROFILE_ARTICLES ?? 300),
  port: Number(process.env.BENCH_PORT ?? 3330),
  skipBuild: process.env.BENCH_SKIP_BUILD === "1",
  warm: 20,
};
const MARK = "-profilecopy-";
const PROFILE_DIR = path.resolve(".data/bench-profile");

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** The area of the code a sampled frame belongs to, by its file. */
function area(url: string, fn: string): string {
  if (!url)
    return fn === "(idle)"
      ? "idle"
      : fn === "(garbage collector)"
        ? "garbage collection"
        : fn === "(program)"
          ? "V8 (program)"
          : `native: ${fn}`;
  if (/app-page(-turbo)?\.runtime/.test(url)) return "React + Next app renderer (Flight, Fizz)";
  if (/node_modules\/next\//.test(url)) return "Next.js server (routing, proxy, response)";
  if (/@prisma|node_modules\/pg|pg-protocol|wasm:/.test(url)) return "Prisma and pg (queries)";
  if (/\/\.next[^/]*\/server\//.test(url)) return "our code (lib/, components/, proxy in Next's bundles)";
  if (/node:(internal\/)?(async_hooks|process\/task_queues)|runMicrotasks/.test(url))
    return "promises and async context";
  if (/node:(internal\/)?(stream|webstreams|http|_http|net|zlib|buffer|events)/.test(url))
    return "Node streams, HTTP, buffers";
  return "other Node internals";
}

function analyse(file: string, windowUs: number, renders: number) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < profile.endTime - windowUs) continue;
    const node = nodes.get(profile.samples[i]!)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + delta);
    if (a !== "idle") {
      const name = `${functionName || "(anonymous)"}  ${url.replace(/.*node_modules\//, "").replace(/.*\/(\.next[^/]*)\//, "$1/")}:${lineNumber}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
      total += delta;
    }
  }
  const msPerRender = (us: number) => (us / 1000 / renders).toFixed(2);
  return {
    busyMsPerRender: total / 1000 / renders,
    areas: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({
        name,
        msPerRender: msPerRender(us),
        share: name === "idle" ? "" : `${((100 * us) / total).toFixed(1)}%`,
      })),
    functions: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, us]) => ({ name, msPerRender: msPerRender(us), share: `${((100 * us) / total).toFixed(1)}%` })),
  };
}

async function main() {
  nameBenchmark("profile");
  const database = await prepareDatabase("broadsheet_bench");
  const tz = await publicationTimeZone(database.url);
  say(`Copying published articles into ${cfg.articles + cfg.warm} never-rendered ones…`);
  await removeCopies(database.url, MARK);
  const copies = await makeCopies(database.url, { count: cfg.articles + cfg.warm, mark: MARK });
  const paths = copies.map((c) => articlePath(c, tz));

  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  process.env.RENDERER_CPU_PROF_DIR = PROFILE_DIR;
  const server = await startServer({ databaseUrl: database.url, port: cfg.port, skipBuild: cfg.skipBuild });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  try {
    for (const p of paths.slice(0, cfg.warm))
      await getRaw(server.base + p, { "accept-encoding": "gzip" }, agent, 60_000);
    const queue = paths.slice(cfg.warm);
    say(`Rendering ${queue.length} articles, two at a time, under the profiler…`);
    const started = performance.now();
    let statuses = 0;
    const worker = async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        const res = await getRaw(server.base + p, { "accept-encoding": "gzip" }, agent, 60_000);
        if (res.status === 200) statuses++;
      }
    };
    await Promise.all([worker(), worker()]);
    const seconds = (performance.now() - started) / 1000;
    say(
      `Rendered ${statuses} articles (200) in ${seconds.toFixed(1)} s: ${(cfg.articles / seconds).toFixed(1)} renders/s.`,
    );
    await server.stop();
    const files = readdirSync(PROFILE_DIR).map((f) => path.join(PROFILE_DIR, f));
    const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (!largest) throw new Error("The renderer wrote no CPU profile.");
    const result = analyse(largest, seconds * 1e6, cfg.articles);
    console.log("");
    console.log(`CPU per uncached article render (renderer process): ${result.busyMsPerRender.toFixed(1)} ms busy`);
    printTable(
      ["where", "ms/render", "share"],
      result.areas.map((a) => [a.name, a.msPerRender, a.share]),
    );
    console.log("");
    printTable(
      ["hottest functions (self time)", "ms/render", "share"],
      result.functions.map((f) => [f.name.slice(0, 110), f.msPerRender, f.share]),
    );
    say(`Profile: ${largest} (open it in Chrome DevTools for the call tree).`);
    say(
      `Results saved to ${saveResults("profile", { config: cfg, rendersPerSecond: cfg.articles / seconds, ...result })}.`,
    );
  } finally {
    agent.destroy();
    await server.stop();
    await removeCopies(database.url, MARK);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[profile] Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
