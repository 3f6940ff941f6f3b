import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { findCommand, stopChild, waitForHttp } from "../scripts/lib/cluster";
import { fetchText, startTestCluster, type TestCluster } from "../scripts/lib/cluster-harness";
import { databaseOutage, killUnderLoad, publishVisibility } from "../scripts/lib/cluster-scenarios";
import { buildSite, serverNodeArgs } from "../scripts/lib/server-command";

/**
 * `npm run bench:cluster`: issue 11's closing numbers, on a cluster this script owns (its own PostgreSQL, Redis,
 * two instances, Varnish; scripts/lib/cluster-harness.ts), printed:
 *
 *   1. publish → visible through Varnish and on both instances (max of 20 publishes; goal ≤ 1 s)
 *   2. cached-article throughput through Varnish vs nginx serving the same bytes as a static file (goal ≥ 70%)
 *   3. one of two instances killed under load: failed reads (goal 0)
 *   4. PostgreSQL stopped for 30 s under load: non-200 on cached pages (goal 0), writes (503 + Retry-After),
 *      recovery after it returns (goal ≤ 30 s)
 *
 * Uses the build in NEXT_DIST_DIR (.next by default; built when missing). BENCH_PUBLISHES, BENCH_OUTAGE_SECONDS
 * and BENCH_LOAD_SECONDS shorten it.
 */

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 30);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const NGINX_PORT = 6087;
const say = (line: string) => console.log(`[bench:cluster] ${line}`);

async function requestsPerSecond(url: string): Promise<{ rps: number; non2xx: number; errors: number }> {
  const result = await new Promise<Result>((resolve, reject) =>
    autocannon(
      { url, connections: 32, duration: LOAD_SECONDS, headers: { "accept-encoding": "gzip" } },
      (error, done) => (error ? reject(error) : resolve(done)),
    ),
  );
  return { rps: result.requests.average, non2xx: result.non2xx, errors: result.errors };
}

/**
 * nginx serving `body` (the gzipped article, byte for byte) as a static file with the same response headers
 * (security headers, ETag aside), one worker per core.
 */
async function withNginx<T>(
  body: Buffer,
  headers: http.IncomingHttpHeaders,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const skip = new Set([
    "date",
    "content-length",
    "connection",
    "keep-alive",
    "content-type",
    "etag",
    "age",
    "x-varnish",
    "accept-ranges",
    "transfer-encoding",
  ]);
  const same = Object.entries(headers)
    .filter(([name]) => !skip.has(name))
    .map(([name, value]) => `add_header ${name} '${String(value).replaceAll("'", "")}';`)
    .join(" ");
  const bin = findCommand("nginx");
  if (!bin) throw new Error("nginx is not installed (apt-get install nginx): it is the static-file baseline.");
  const dir = path.resolve(".data/bench-nginx");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "www"), { recursive: true });
  writeFileSync(path.join(dir, "www", "article.html"), body);
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${dir}/www;
    location / { default_type "text/html; charset=utf-8"; ${same} }
  }
}
`,
  );
  const child = spawn(bin, ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHttp(`http://127.0.0.1:${NGINX_PORT}/article.html`, 10_000);
    return await work(`http://127.0.0.1:${NGINX_PORT}/article.html`);
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  if (!existsSync(serverNodeArgs(distDir).at(-1)!)) {
    say(`No build in ${distDir}: building…`);
    await buildSite({ ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: "production" });
  }
  say("Starting PostgreSQL, Redis, two instances and Varnish…");
  const cluster: TestCluster = await startTestCluster({
    distDir,
    ports: { varnish: 6085, instances: [3492, 3493], postgres: 3494, redis: 6086 },
  });
  try {
    const timings = await publishVisibility(cluster, PUBLISHES);
    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `max ${sorted.at(-1)!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`;
    };
    say(
      `1. publish → visible through Varnish and on both instances, from the API's answer: ${stats(timings.map((t) => t.afterAnswer))} over ${timings.length} publishes (goal ≤ 1000 ms); from sending the request: ${stats(timings.map((t) => t.afterRequest))}`,
    );

    const article = `${cluster.varnishUrl}${cluster.articlePaths[0]}`;
    await fetchText(article, { headers: { "accept-encoding": "gzip" } });
    const copy = await new Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) =>
      http
        .get(article, { headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ body: Buffer.concat(chunks), headers: res.headers }));
        })
        .on("error", reject),
    );
    const gz = copy.body;
    // Alternating rounds on a shared machine: what other processes take falls on both alike; medians compared.
    const rounds: { varnish: number; nginx: number }[] = await withNginx(gz, copy.headers, async (static_) => {
      const out: { varnish: number; nginx: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const v = await requestsPerSecond(article);
        const n = await requestsPerSecond(static_);
        if (v.non2xx + v.errors + n.non2xx + n.errors > 0)
          say(`   round ${i + 1}: failures ${JSON.stringify({ v, n })}`);
        out.push({ varnish: v.rps, nginx: n.rps });
      }
      return out;
    });
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const varnish = median(rounds.map((r) => r.varnish));
    const nginx = median(rounds.map((r) => r.nginx));
    say(
      `2. cached article (${gz.length} bytes gzipped, same headers): Varnish ${varnish.toFixed(0)} req/s, nginx static ${nginx.toFixed(0)} req/s = ${((100 * varnish) / nginx).toFixed(0)}% (goal ≥ 70%; medians of 3 alternating rounds: ${rounds.map((r) => `${r.varnish.toFixed(0)}/${r.nginx.toFixed(0)}`).join(", ")})`,
    );

    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const killed = await killUnderLoad(cluster, LOAD_SECONDS, 16, signal);
      say(
        `3. instance B stopped (${signal === "SIGKILL" ? "SIGKILL: a crash" : "SIGTERM: a restart"}) under load: ${killed.failed} failed of ${killed.total} reads (goal 0) ${JSON.stringify(killed.statuses)} ${killed.examples.join(" | ")}`,
      );
      await cluster.startInstance(1);
    }

    const outage = await databaseOutage(cluster, OUTAGE_SECONDS);
    say(
      `4. PostgreSQL stopped ${OUTAGE_SECONDS} s: ${outage.reads.failed} non-200 of ${outage.reads.total} reads of cached pages (goal 0) ${JSON.stringify(outage.reads.statuses)}; writes: ${outage.writes.join(", ")}; uncached page: ${outage.uncached}; a write succeeded ${outage.recoverySeconds.toFixed(1)} s after it returned (goal ≤ 30 s)`,
    );
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
