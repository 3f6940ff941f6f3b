import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./embedded-postgres";
import { migrate } from "./migrate";
import { startInstance, startRedis, startVarnish, stopChild, waitForHttp, type Service } from "./cluster";

/**
 * A cluster that a test or a benchmark owns entirely, on ports of its own: a throwaway PostgreSQL (embedded, its
 * own data directory — it is stopped and started by the outage scenario, so it must never be a server anyone else
 * uses), a Redis of its own, two instances on one build and Varnish in front. Then the scenarios of issue 11, each
 * returning what it measured: scripts/cluster.e2e.ts asserts on them, bench/cluster.ts prints them.
 */

export type ClusterPorts = { varnish: number; instances: [number, number]; postgres: number; redis: number };

export type TestCluster = {
  varnishUrl: string;
  instanceUrls: [string, string];
  token: string;
  sectionSlug: string;
  authorSlug: string;
  /** Articles published before the scenarios (their pages are what readers load). */
  articlePaths: string[];
  stopInstance(index: 0 | 1, signal?: NodeJS.Signals): Promise<void>;
  startInstance(index: 0 | 1): Promise<void>;
  stopDatabase(): Promise<void>;
  stopRedis(): Promise<void>;
  startDatabase(): Promise<void>;
  stop(): Promise<void>;
};

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP exchange; a network failure is status 0 (counted as a failed read, never thrown). */
export function fetchText(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: init.method ?? "GET", headers: init.headers, agent: keepAlive },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", () => resolve({ status: 0, headers: {}, body: "" }));
      },
    );
    request.setTimeout(init.timeoutMs ?? 10_000, () => request.destroy());
    request.on("error", (error) => resolve({ status: 0, headers: {}, body: error.message }));
    request.end(init.body);
  });
}

export async function startTestCluster(options: {
  distDir: string;
  ports: ClusterPorts;
  log?: (line: string) => void;
}): Promise<TestCluster> {
  const log = options.log ?? (() => {});
  const { ports } = options;
  const stateDir = path.join(
    "/var/tmp",
    `broadsheet-cluster-${createHash("sha1").update(path.resolve(".")).digest("hex").slice(0, 10)}-${ports.varnish}`,
  );
  const pgDir = path.join(stateDir, "postgres");
  rmSync(stateDir, { recursive: true, force: true });
  const services: Service[] = [];
  let database: EmbeddedHandle | undefined = await startEmbeddedPostgres({
    dataDir: pgDir,
    port: ports.postgres,
    log,
  });
  const stopAll = async () => {
    for (const s of [...services].reverse()) await s.stop().catch(() => {});
    await database?.stop().catch(() => {});
    database = undefined;
  };
  try {
    await database.ensureDatabase("broadsheet");
    const databaseUrl = database.urlFor("broadsheet");
    await migrate(databaseUrl, log);
    const content = await seed(databaseUrl);

    const redis = await startRedis(ports.redis, path.join(stateDir, "redis"));
    services.push(redis);
    const varnishUrl = `http://127.0.0.1:${ports.varnish}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      SITE_URL: varnishUrl,
      VARNISH_PURGE_URLS: `${varnishUrl}/`,
      TRUSTED_PROXIES: "127.0.0.1",
      MEDIA_DIR: path.join(stateDir, "media"),
      SCHEDULER: "off",
    };
    delete env.DATABASE_REPLICA_URLS;
    const instances: [Service | undefined, Service | undefined] = [undefined, undefined];
    const launch = async (index: 0 | 1) => {
      const port = ports.instances[index];
      const instance = startInstance({
        port,
        env,
        distDir: options.distDir,
        log: process.env.CLUSTER_LOG ? "inherit" : "ignore",
      });
      instances[index] = instance;
      services.push(instance);
      await waitForHttp(`http://127.0.0.1:${port}/robots.txt`, 120_000, (s) => s === 200);
    };
    await Promise.all([launch(0), launch(1)]);
    services.push(
      await startVarnish({
        port: ports.varnish,
        instancePorts: ports.instances,
        workDir: path.join(stateDir, "varnish"),
      }),
    );
    return {
      varnishUrl,
      instanceUrls: [`http://127.0.0.1:${ports.instances[0]}`, `http://127.0.0.1:${ports.instances[1]}`],
      ...content,
      async stopInstance(index, signal = "SIGKILL") {
        const child = instances[index]?.child;
        if (!child) return;
        if (signal === "SIGKILL") {
          const exited = new Promise((r) => child.once("exit", r));
          child.kill("SIGKILL");
          await exited;
        } else await stopChild(child);
      },
      startInstance: launch,
      async stopDatabase() {
        await database?.stop();
        database = undefined;
      },
      async startDatabase() {
        database = await startEmbeddedPostgres({ dataDir: pgDir, port: ports.postgres, log });
      },
      stopRedis: () => redis.stop(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A publication, a section, an author, an admin with an API token, and a few published articles. */
type Content = Pick<TestCluster, "token" | "sectionSlug" | "authorSlug" | "articlePaths">;

async function seed(databaseUrl: string): Promise<Content> {
  // Another database than the one the caller's environment names: set before lib/db.ts reads it.
  process.env.DATABASE_URL = databaseUrl;
  const { Factory } = await import("../../lib/testing/factories");
  const { createApiToken } = await import("../../lib/auth/tokens");
  const { articlePath } = await import("../../lib/articles/urls");
  const { disconnectDb } = await import("../../lib/db");
  const f = new Factory();
  await f.ensurePublication();
  const section = await f.section({ slug: "news", name: "News", description: "The news." });
  const author = await f.author();
  const admin = await f.user({ role: "ADMIN" });
  const { token } = await createApiToken({ email: admin.email, name: "cluster test" });
  const articlePaths: string[] = [];
  for (let i = 0; i < 3; i++) {
    const article = await f.article({ sectionId: section.id, authorIds: [author.id], headline: `Standing story ${i}` });
    articlePaths.push(articlePath(article, "UTC"));
  }
  await disconnectDb();
  return { token, sectionSlug: section.slug, authorSlug: author.slug, articlePaths };
}
