import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./lib/embedded-postgres";
import { migrate } from "./lib/migrate";
import { CommandFailed, run } from "./lib/run";
import { findCommand } from "./lib/cluster";
import { buildSite } from "./lib/server-command";

/**
 * `npm test`: every automated check, in order, stopping at the first failure.
 *
 *   1. static       type check, ESLint, Prettier's check, knip (unused files, exports, dependencies) and import
 *                   cycles (scripts/check-cycles.ts), side by side; all of them run even when one fails, so one
 *                   run shows every problem. Seconds, where the suites below take minutes.
 *   2. database     TEST_DATABASE_URL, else DATABASE_URL (CI points it at a throwaway database), else the embedded
 *                   PostgreSQL with its own `broadsheet_test` database. Never the demo database "broadsheet".
 *   3. migrations   applied when pending.
 *   4. integration  node:test files under lib/, app/ and scripts/ against that database.
 *   5. build        `next build` into .next-test (a clean one each run, so no page cached by a previous run is
 *                   served stale).
 *   6. end-to-end   Playwright (e2e/reader, e2e/editor, e2e/crawler, e2e/security); its config starts the
 *                   production server (scripts/serve.ts) on the build.
 *   7. cluster      scripts/varnish.e2e.ts (the VCL in front of two servers that fail mid-response), then
 *                   scripts/cluster.e2e.ts on the same build: Varnish, Redis, two instances and a PostgreSQL of its
 *                   own (it stops that one); needs varnishd with the xkey vmod (.ci/run installs it; elsewhere
 *                   it is skipped with a line saying so).
 *
 * Options: --static, --integration, --e2e or --cluster to run those stages only (a suite asked for alone skips the static
 * checks: they are for the whole run); --skip-build to reuse .next-test (faster while writing specs, but pages
 * cached by the previous run are still cached). Anything after `--` goes to Playwright, e.g.
 * `npm test -- --e2e -- --grep "sitemap"`.
 */

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const ownArgs = new Set(separator >= 0 ? argv.slice(0, separator) : argv);
const playwrightArgs = separator >= 0 ? argv.slice(separator + 1) : [];
for (const arg of ownArgs) {
  if (!["--static", "--integration", "--e2e", "--cluster", "--skip-build"].includes(arg)) {
    console.error(
      `Unknown option ${arg}. Use --static, --integration, --e2e, --cluster, --skip-build, and -- <playwright options>.`,
    );
    process.exit(2);
  }
}
const chosen = ["--static", "--integration", "--e2e", "--cluster"].filter((option) => ownArgs.has(option));
const runStatic = chosen.length === 0 || ownArgs.has("--static");
const runIntegration = chosen.length === 0 || ownArgs.has("--integration");
const runE2e = chosen.length === 0 || ownArgs.has("--e2e");
const runCluster = chosen.length === 0 || ownArgs.has("--cluster");

const DIST_DIR = ".next-test";
const MEDIA_DIR = path.resolve(".data/test-media");
const TEST_DB_NAME = "broadsheet_test";
const DEMO_DB_NAME = "broadsheet";

const started = Date.now();
const results: string[] = [];
let embedded: EmbeddedHandle | undefined;
let child: ChildProcess | undefined;
let stage = "setup";

const say = (line: string) => console.log(`[test] ${line}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

function banner(name: string, detail: string) {
  stage = name;
  console.log(`\n[test] ━━ ${name}: ${detail}`);
}

/** A stage that cannot go on; like a failed command, reported in one line. */
class StageFailed extends Error {}

/** Runs a command of a stage; `child` is kept so Ctrl-C can stop it. */
const runStage = (command: string, args: string[], env: NodeJS.ProcessEnv, scan?: (line: string) => void) =>
  run(command, args, { env, scan, onSpawn: (spawned) => (child = spawned) });

/** The npm scripts of the static stage, each also runnable on its own (`npm run lint` …). */
const STATIC_CHECKS = [
  { name: "types", script: "typecheck" },
  { name: "eslint", script: "lint" },
  { name: "prettier", script: "format:check" },
  { name: "knip", script: "knip" },
  { name: "cycles", script: "cycles" },
];

/**
 * Runs the checks side by side (the type-aware lint is the long pole; the others fit beside it), each with its output
 * held back and printed whole when it ends, so lines of different tools never interleave.
 */
async function staticChecks(): Promise<void> {
  banner("static", `${STATIC_CHECKS.map((c) => c.name).join(", ")} (side by side)`);
  const t0 = Date.now();
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const outcomes = await Promise.all(
    STATIC_CHECKS.map(
      ({ name, script }) =>
        new Promise<{ name: string; ok: boolean }>((resolve) => {
          const t = Date.now();
          const proc = spawn(npm, ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
          const output: Buffer[] = [];
          proc.stdout.on("data", (chunk: Buffer) => output.push(chunk));
          proc.stderr.on("data", (chunk: Buffer) => output.push(chunk));
          const done = (ok: boolean, detail: string) => {
            const text = Buffer.concat(output).toString("utf8").trimEnd();
            say(`${ok ? "✔" : "✘"} ${name} (npm run ${script}) ${detail} in ${seconds(t)}`);
            if (!ok && text) console.log(text.replace(/^/gm, "    "));
            resolve({ name, ok });
          };
          proc.on("error", (error) => done(false, `could not start: ${error.message}`));
          proc.on("exit", (code, signal) =>
            done(code === 0, code === 0 ? "passed" : `failed (${signal ?? `code ${code}`})`),
          );
        }),
    ),
  );
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.name);
  results.push(`static: ${outcomes.length - failed.length} passed, ${failed.length} failed (${seconds(t0)})`);
  if (failed.length)
    throw new StageFailed(
      `Static checks failed: ${failed.join(", ")}. Each is an npm script (above)` +
        (failed.includes("prettier") ? "; `npm run format` fixes the formatting." : "."),
    );
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** 3210 when it is free, otherwise any free port the system hands out. */
async function choosePort(preferred: number): Promise<number> {
  if (await portIsFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.isFile() && entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

async function chooseDatabase(): Promise<string> {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) {
    const source = process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL" : "DATABASE_URL";
    const name = decodeURIComponent(new URL(given).pathname.slice(1));
    if (name === DEMO_DB_NAME) {
      throw new StageFailed(
        `${source} points at "${DEMO_DB_NAME}", the demo site's database. Tests create and delete rows; give them their own database (TEST_DATABASE_URL).`,
      );
    }
    banner("database", `${source} → ${redact(given)}`);
    return given;
  }
  banner("database", `no TEST_DATABASE_URL or DATABASE_URL: embedded PostgreSQL, database "${TEST_DB_NAME}"`);
  embedded = await startEmbeddedPostgres({ log: say });
  await embedded.ensureDatabase(TEST_DB_NAME);
  return embedded.urlFor(TEST_DB_NAME);
}

/** Row counts per table, to notice tests that leave data behind (a second run would then trip over it). */
async function rowCounts(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    const counts = new Map<string, number>();
    for (const { table_name } of rows) {
      const result = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name.replaceAll('"', '""')}"`,
      );
      counts.set(table_name, result.rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

async function main() {
  if (runStatic) await staticChecks();
  if (!runIntegration && !runE2e && !runCluster) return;

  const url = await chooseDatabase();

  banner("migrations", "applying any pending migrations");
  await migrate(url, say);
  say("Schema is up to date.");
  const before = await rowCounts(url);

  mkdirSync(MEDIA_DIR, { recursive: true });
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, MEDIA_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  delete baseEnv.TEST_DATABASE_URL;

  if (runIntegration) {
    // lib/ holds the rules; app/ the few tests of route handlers themselves (the admin API's status codes and bodies);
    // scripts/ the tests of npm start itself (start-up failures, supervision).
    const files = [...testFiles("lib"), ...testFiles("app"), ...testFiles("scripts")].sort();
    banner("integration", `${files.length} test files under lib/, app/ and scripts/ (node:test, one file at a time)`);
    if (files.length === 0) {
      say("No integration tests found.");
    } else {
      const t0 = Date.now();
      const counts: Record<string, number> = {};
      // Node 20's test runner takes no globs, so the files are listed here. The spec reporter ends with
      // "ℹ pass N" / "ℹ fail N" totals, which the summary quotes.
      await runStage(
        process.execPath,
        ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=1", ...files],
        { ...baseEnv, NODE_ENV: "test" },
        (line) => {
          const m = /^(?:#|ℹ) (pass|fail|skipped|todo|cancelled) (\d+)/.exec(line.trim());
          if (m) counts[m[1]!] = Number(m[2]);
        },
      );
      results.push(`integration: ${counts.pass ?? "?"} passed, ${counts.fail ?? 0} failed (${seconds(t0)})`);
    }
  }

  if (runE2e) {
    const port = await choosePort(Number(process.env.E2E_PORT ?? 3210));
    const siteUrl = `http://localhost:${port}`;
    const e2eEnv: NodeJS.ProcessEnv = {
      ...baseEnv,
      NEXT_DIST_DIR: DIST_DIR,
      E2E_PORT: String(port),
      SITE_URL: siteUrl,
    };
    delete e2eEnv.E2E_BASE_URL;

    if (ownArgs.has("--skip-build") && existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
      banner("build", `reusing ${DIST_DIR} (--skip-build)`);
    } else {
      banner("build", `next build into ${DIST_DIR} (SITE_URL ${siteUrl})`);
      const t0 = Date.now();
      rmSync(DIST_DIR, { recursive: true, force: true });
      await buildSite(e2eEnv);
      results.push(`build: ok (${seconds(t0)})`);
    }

    banner("end-to-end", `Playwright against scripts/serve.ts on port ${port}`);
    const t0 = Date.now();
    const counts: Record<string, number> = {};
    try {
      await runStage(
        process.execPath,
        ["node_modules/@playwright/test/cli.js", "test", ...playwrightArgs],
        e2eEnv,
        (line) => {
          for (const m of line.matchAll(/(\d+) (passed|failed|flaky|skipped|did not run)/g))
            counts[m[2]!] = Number(m[1]);
        },
      );
    } finally {
      if (Object.keys(counts).length) {
        results.push(
          `end-to-end: ${Object.entries(counts)
            .map(([k, n]) => `${n} ${k}`)
            .join(", ")} (${seconds(t0)})`,
        );
      }
    }
  }

  if (runCluster) await clusterStage(baseEnv);

  const after = await rowCounts(url);
  // The Publication settings row is a singleton that factories create when missing; it is not a leak.
  const grown = [...after]
    .filter(([table, n]) => table !== "Publication" && n > (before.get(table) ?? 0))
    .map(([table, n]) => `${table} +${n - (before.get(table) ?? 0)}`);
  if (grown.length) say(`Warning: tests left rows behind (${grown.join(", ")}). Find the spec that does not clean up.`);
}

/** The cluster test on the end-to-end build (built here when the stage runs alone and there is none). */
async function clusterStage(baseEnv: NodeJS.ProcessEnv): Promise<void> {
  if (!findCommand("varnishd")) {
    if (process.env.CI)
      throw new StageFailed("varnishd is not installed: .ci/run installs varnish and varnish-modules.");
    banner("cluster", "skipped: varnishd is not installed (apt-get install varnish varnish-modules)");
    results.push("cluster: skipped (no varnishd)");
    return;
  }
  const env: NodeJS.ProcessEnv = { ...baseEnv, NEXT_DIST_DIR: DIST_DIR };
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    banner("build", `next build into ${DIST_DIR} for the cluster test`);
    await buildSite(env);
  }
  banner(
    "cluster",
    "scripts/varnish.e2e.ts (the VCL against instances failing mid-response), then scripts/cluster.e2e.ts: Varnish, Redis, two instances, a PostgreSQL of its own",
  );
  const t0 = Date.now();
  const counts: Record<string, number> = {};
  await runStage(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      "--test-reporter=spec",
      // One at a time: the cluster test's load and its kill must not share the machine with another Varnish test.
      "--test-concurrency=1",
      "scripts/varnish.e2e.ts",
      "scripts/cluster.e2e.ts",
    ],
    { ...env, NODE_ENV: "test" },
    (line) => {
      const m = /^(?:#|ℹ) (pass|fail) (\d+)/.exec(line.trim());
      if (m) counts[m[1]!] = Number(m[2]);
    },
  );
  results.push(`cluster: ${counts.pass ?? "?"} passed, ${counts.fail ?? 0} failed (${seconds(t0)})`);
}

async function finish(code: number) {
  if (child && child.exitCode === null) child.kill("SIGTERM");
  if (embedded?.startedHere) {
    say("Stopping the embedded PostgreSQL…");
    await embedded.stop().catch((e: unknown) => say(`PostgreSQL did not stop cleanly: ${(e as Error).message}`));
  }
  console.log("");
  for (const line of results) say(line);
  say(
    code === 0
      ? `✔ All tests passed in ${seconds(started)}.`
      : `✘ Failed at stage "${stage}" after ${seconds(started)}.`,
  );
  process.exit(code);
}

process.on("SIGINT", () => void finish(130));
process.on("SIGTERM", () => void finish(143));

main().then(
  () => finish(0),
  (error: unknown) => {
    if (!(error instanceof StageFailed || error instanceof CommandFailed)) console.error(error);
    else say(error.message);
    return finish(1);
  },
);
