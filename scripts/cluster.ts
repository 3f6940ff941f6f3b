import "dotenv/config";
import { existsSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./lib/embedded-postgres";
import { assertDatabaseUrl } from "./lib/database";
import { migrate } from "./lib/migrate";
import { startInstance, startRedis, startVarnish, waitForHttp, type Service } from "./lib/cluster";
import { buildSite, serverNodeArgs } from "./lib/server-command";

/**
 * `npm run cluster`: the several-instance deployment on this machine (docs/deploy.md), as real processes —
 * Varnish in front (tag purges, grace), Redis (or REDIS_URL), and two app instances on one build, each the server
 * `npm start -- --no-build` runs. Prints the URLs; Ctrl-C stops everything, front to back.
 *
 *   CLUSTER_PORT    Varnish's port (6081)           CLUSTER_APP_PORTS  the instances' ports ("3001,3002")
 *   REDIS_URL       use this Redis instead of starting one on CLUSTER_REDIS_PORT (6380)
 *   DATABASE_URL    the database (unset: the embedded PostgreSQL, like npm start)
 *   --no-build      serve the existing build (otherwise it builds when the sources are newer, like npm start)
 *
 * `npm start` stays the one-process way to run the site.
 */

const args = new Set(process.argv.slice(2));
const varnishPort = Number(process.env.CLUSTER_PORT ?? 6081);
const appPorts = (process.env.CLUSTER_APP_PORTS ?? "3001,3002").split(",").map(Number);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const workDir = path.resolve(".data/cluster");
const say = (line: string) => console.log(`[cluster] ${line}`);

const services: Service[] = [];
let embedded: EmbeddedHandle | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say("Stopping…");
  // Front to back: nobody is sent to an instance that is going away, and the database goes last.
  for (const s of [...services].reverse()) await s.stop().catch(() => {});
  if (embedded?.startedHere) await embedded.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) assertDatabaseUrl(databaseUrl);
  else {
    say("DATABASE_URL is not set: using the embedded PostgreSQL.");
    embedded = await startEmbeddedPostgres({ log: say });
    await embedded.ensureDatabase("broadsheet");
    databaseUrl = embedded.urlFor("broadsheet");
  }
  await migrate(databaseUrl, say);

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis(Number(process.env.CLUSTER_REDIS_PORT ?? 6380), path.join(workDir, "redis"));
    services.push(redis);
    redisUrl = redis.url;
    say(`Redis: ${redisUrl} (started here, nothing persisted)`);
  }

  const siteUrl = process.env.SITE_URL ?? `http://localhost:${varnishPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SITE_URL: siteUrl,
    VARNISH_PURGE_URLS: process.env.VARNISH_PURGE_URLS ?? `http://127.0.0.1:${varnishPort}/`,
    // Varnish is the proxy in front: its X-Forwarded-For names the reader (sign-in throttling, audit).
    TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!existsSync(serverNodeArgs(distDir).at(-1)!)) {
    if (args.has("--no-build")) throw new Error(`There is no build in ${distDir} to serve: run npm run build first.`);
    say("Building the site…");
    await buildSite(env);
  }

  for (const port of appPorts) services.push(startInstance({ port, env, distDir }));
  await Promise.all(appPorts.map((port) => waitForHttp(`http://127.0.0.1:${port}/robots.txt`)));
  services.push(
    await startVarnish({ port: varnishPort, instancePorts: appPorts, workDir: path.join(workDir, "varnish") }),
  );
  for (const s of services) {
    s.child.on("exit", (code, signal) => {
      if (!stopping) say(`${s.name} stopped (${signal ?? `exit code ${code}`}); the others keep serving.`);
    });
  }
  say(`Readers: ${siteUrl} (Varnish in front of ${appPorts.length} instances)`);
  for (const port of appPorts) say(`Instance: http://localhost:${port}`);
  say(`Newsroom: ${siteUrl}/admin · Ctrl-C stops everything.`);
}

main().catch(async (error: unknown) => {
  console.error(`[cluster] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
