import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildSite, serverNodeArgs } from "../../scripts/lib/server-command";
import { BENCH_MEDIA_DIR } from "./database";
import { say } from "./log";

/**
 * The server under test: the production build in .next-bench (shared by every benchmark; BENCH_SKIP_BUILD=1 reuses
 * it) served by scripts/serve.ts exactly as `npm start` launches it, so what is measured is what readers get.
 */

const DIST_DIR = ".next-bench";

export type BenchServer = { base: string; pid: number; stop(): Promise<void> };

export async function startServer(options: {
  databaseUrl: string;
  port: number;
  skipBuild: boolean;
}): Promise<BenchServer> {
  const base = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: options.databaseUrl,
    MEDIA_DIR: BENCH_MEDIA_DIR,
    SITE_URL: base,
  };
  if (options.skipBuild && existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    say(`Reusing the build in ${DIST_DIR} (BENCH_SKIP_BUILD=1).`);
  } else {
    say(`Building the site into ${DIST_DIR} (next build)…`);
    await buildSite(env);
  }
  say(`Starting the production server (scripts/serve.ts: Next.js behind the page cache) on port ${options.port}…`);
  const child = spawn(process.execPath, serverNodeArgs(DIST_DIR), {
    env: { ...env, PORT: String(options.port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([new Promise((r) => child.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} while starting.`);
    try {
      const res = await fetch(`${base}/`);
      await res.arrayBuffer();
      if (res.status < 500) return { base, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error("The server did not answer within 60 s.");
}
