import "dotenv/config";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./lib/embedded-postgres";
import { assertDatabaseUrl, connectClient, StartupError } from "./lib/database";
import { migrate } from "./lib/migrate";
import { run } from "./lib/run";
import { buildSite, serverNodeArgs } from "./lib/server-command";

/**
 * `npm start`: everything a fresh machine needs to serve Broadsheet.
 *
 * With no DATABASE_URL it starts the embedded PostgreSQL (data under .data/), applies migrations, seeds the demo
 * publication into an empty database, builds when the sources are newer than the last build, then runs the
 * production server (scripts/serve.ts, which runs Next.js in a child process; `--dev` runs `next dev` instead).
 * With DATABASE_URL it uses that database and seeds only when asked (`--seed` or SEED=1).
 * Ctrl-C stops the web server and then PostgreSQL, in that order, so nothing is left behind. `--no-build` serves the
 * existing build as it is (a deployment builds once, before it starts the service).
 *
 * Supervision contract (docs/deploy.md): the front restarts the renderer itself; npm start does not restart the
 * front. If the front stops without being asked to, npm start says so in one line, stops the database it started
 * and exits non-zero, so that the service manager (systemd `Restart=on-failure`, a container restart policy)
 * restarts the whole. Every start-up failure is one line and exit code 1.
 */

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const noBuild = args.has("--no-build");
const port = Number(process.env.PORT ?? 3000);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

let embedded: EmbeddedHandle | undefined;
let server: ChildProcess | undefined;
let stopping = false;

function say(line: string) {
  console.log(`[broadsheet] ${line}`);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    say("Stopping the web server…");
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  if (embedded?.startedHere) {
    say("Stopping the embedded PostgreSQL…");
    await embedded.stop().catch((e) => say(`PostgreSQL did not stop cleanly: ${(e as Error).message}`));
  }
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** Newest modification time under the given paths (files only), to decide whether a build is stale. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p))
        if (entry !== "node_modules" && !entry.startsWith(".")) visit(path.join(p, entry));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  const bundle = serverNodeArgs(distDir).at(-1)!;
  if (!existsSync(buildId) || !existsSync(bundle)) return true;
  const sources = [
    "app",
    "components",
    "lib",
    "public",
    "scripts",
    "proxy.ts",
    "next.config.js",
    "package-lock.json",
    "prisma/schema.prisma",
  ];
  return newestMtime(sources) > Math.min(statSync(buildId).mtimeMs, statSync(bundle).mtimeMs);
}

async function isEmpty(url: string): Promise<boolean> {
  const client = await connectClient(url);
  try {
    const { rows } = await client.query<{ articles: number; settings: number }>(
      `SELECT (SELECT count(*) FROM "Article")::int AS articles, (SELECT count(*) FROM "Publication")::int AS settings`,
    );
    return rows[0]!.articles === 0 && rows[0]!.settings === 0;
  } finally {
    await client.end();
  }
}

/** Fails fast, before migrations and a build, when another server holds the port. */
async function assertPortFree(): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartupError(`PORT must be a number from 1 to 65535, not "${process.env.PORT}".`);
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `Port ${port} is already in use: stop the other server or set PORT.`
            : `Cannot listen on port ${port}: ${error.code === "EACCES" ? "permission denied (ports below 1024 need privileges)" : error.message}.`,
        ),
      ),
    );
    probe.listen(port, process.env.HOSTNAME_BIND ?? "0.0.0.0", () => probe.close(() => resolve()));
  });
}

async function main() {
  await assertPortFree();
  let url = process.env.DATABASE_URL || undefined;
  const usingEmbedded = !url;
  if (url) assertDatabaseUrl(url);
  if (!url) {
    say("DATABASE_URL is not set: using the embedded PostgreSQL.");
    embedded = await startEmbeddedPostgres({ log: say });
    await embedded.ensureDatabase("broadsheet");
    url = embedded.urlFor("broadsheet");
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  await migrate(url, say);

  const wantSeed = args.has("--seed") || process.env.SEED === "1";
  let seeded = false;
  if ((usingEmbedded || wantSeed) && (await isEmpty(url))) {
    say("The database is empty: adding the demo publication…");
    // The seed prints the admin's password once: generated, unless --demo asks for the well-known demo one.
    await run("npx", ["tsx", "prisma/seed.ts", ...(args.has("--demo") ? ["--demo"] : [])], { env });
    seeded = true;
  } else if (wantSeed) {
    say("The database already has content: not seeding.");
  }

  if (!dev && noBuild && !existsSync(serverNodeArgs(distDir).at(-1)!)) {
    throw new StartupError(`There is no build in ${distDir} to serve (--no-build): run npm run build first.`);
  }
  if (!dev && !noBuild && buildIsStale()) {
    say("Building the site (the sources are newer than the last build)…");
    await buildSite(env);
  }

  say(`Starting on http://localhost:${port}`);
  if (seeded) {
    say(`Newsroom: http://localhost:${port}/admin — sign in as admin@example.com with the password printed above.`);
  }
  if (usingEmbedded || seeded) {
    say(
      "Create your own account with: npm run admin -- create-user --email you@example.com --name 'Your Name' --role admin",
    );
  }
  // Run Next's own entry point with this Node, not through npx: a signal sent to an npx wrapper does not reach
  // the next-server process, which would keep the port after Ctrl-C.
  // Production: the bundled scripts/serve.ts (the page cache in front of Next.js). Development: plain `next dev`.
  const serverArgs = dev ? [NEXT_BIN, "dev", "-p", String(port)] : serverNodeArgs(distDir);
  server = spawn(process.execPath, serverArgs, {
    stdio: ["ignore", "inherit", "inherit"],
    env: dev ? env : { ...env, NODE_ENV: "production" },
  });
  server.on("exit", (code, signal) => {
    if (stopping) return;
    // Non-zero whatever the front's own code: it was not asked to stop, so whoever supervises us must restart it.
    const exitCode = code ? code : 1;
    say(
      `The web server stopped unexpectedly (${signal ?? `exit code ${code}`}); exiting with ${exitCode} so that the service manager restarts it.`,
    );
    void shutdown(exitCode);
  });
}

main().catch(async (error: unknown) => {
  // One line: the first line of the message is the sentence; stacks and multi-line tool output are noise here.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[broadsheet] Could not start: ${message.split("\n").find((line) => line.trim()) ?? "unknown error"}`);
  await shutdown(1);
});
