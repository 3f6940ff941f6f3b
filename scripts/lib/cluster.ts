import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { serverNodeArgs } from "./server-command";

/**
 * The pieces of a several-instance deployment on one machine, as real processes (docs/deploy.md): Varnish in
 * front (deploy/varnish/default.vcl with this machine's ports), Redis for shared state, and N app instances, each
 * the production server `npm start -- --no-build` runs (scripts/serve.ts on a build). Used by `npm run cluster`
 * (scripts/cluster.ts), the cluster tests (scripts/cluster.e2e.ts, scripts/varnish.e2e.ts) and `npm run bench:cluster`.
 */

const VCL_TEMPLATE = path.resolve("deploy/varnish/default.vcl");

export type Service = { name: string; child: ChildProcess; stop(): Promise<void> };

/** Sends SIGTERM, waits up to `ms`, then SIGKILL: every process we start is stopped by its own pid. */
export async function stopChild(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(timer);
}

function service(name: string, child: ChildProcess, ms?: number): Service {
  return { name, child, stop: () => stopChild(child, ms) };
}

/** Resolves once `url` answers `ok` (any HTTP answer by default), or rejects after `ms`. */
export async function waitForHttp(url: string, ms = 120_000, ok = (status: number) => status > 0): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const status = await new Promise<number>((resolve) => {
      const request = http.get(url, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.setTimeout(2_000, () => request.destroy());
      request.on("error", () => resolve(0));
    });
    if (ok(status)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** Whether a command is installed (varnishd lives in /usr/sbin, which a non-root PATH may lack). */
export function findCommand(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/local/sbin"]) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** A Redis of our own (no persistence), for a machine without REDIS_URL. */
export async function startRedis(port: number, dir: string): Promise<Service & { url: string }> {
  const bin = findCommand("redis-server");
  if (!bin) throw new Error("redis-server is not installed (apt-get install redis-server), and REDIS_URL is not set.");
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    bin,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `redis://127.0.0.1:${port}/0`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ping = spawnSync(findCommand("redis-cli") ?? "redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (ping.stdout?.trim() === "PONG") return { ...service("redis", child), url };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new Error(`redis-server did not start on port ${port}`);
}

/** The repository's VCL with these instances as backends (the template lists two on 3001 and 3002). */
export function clusterVcl(instancePorts: readonly number[], probeUrl = "/robots.txt"): string {
  let vcl = readFileSync(VCL_TEMPLATE, "utf8");
  const backendLine = /^backend app\d+ \{.*\}\n/m;
  const template = backendLine.exec(vcl)?.[0];
  if (!template) throw new Error(`${VCL_TEMPLATE} has no "backend app1 { … }" line to copy.`);
  vcl = vcl.replace(/^backend app\d+ \{.*\}\n/gm, "");
  const backends = instancePorts
    .map((port, i) => template.replace(/app\d+/, `app${i + 1}`).replace(/\.port = "\d+"/, `.port = "${port}"`))
    .join("");
  vcl = vcl.replace(/^acl purgers/m, `${backends}\nacl purgers`);
  vcl = vcl.replace(/^ {2}instances\.add_backend\(app\d+\);\n/gm, "");
  const adds = instancePorts.map((_, i) => `  instances.add_backend(app${i + 1});\n`).join("");
  vcl = vcl.replace(/(new instances = directors\.shard\(\);\n)/, `$1${adds}`);
  return vcl.replace(/\.url = "[^"]*";/, `.url = "${probeUrl}";`);
}

/** varnishd in the foreground (`-F`) with a work directory of its own (`-n`): no systemd, stopped with us. */
export async function startVarnish(options: {
  port: number;
  instancePorts: readonly number[];
  workDir: string;
  memoryMb?: number;
}): Promise<Service> {
  const bin = findCommand("varnishd");
  if (!bin)
    throw new Error(
      "varnishd is not installed. On Debian: apt-get install varnish varnish-modules (the xkey vmod comes from varnish-modules).",
    );
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  // Varnish drops root for its own users, which must be able to read the VCL.
  chmodSync(options.workDir, 0o755);
  const vclPath = path.join(options.workDir, "default.vcl");
  writeFileSync(vclPath, clusterVcl(options.instancePorts));
  const child = spawn(
    bin,
    [
      "-F",
      "-n",
      options.workDir,
      "-a",
      `127.0.0.1:${options.port}`,
      "-f",
      vclPath,
      "-s",
      `malloc,${options.memoryMb ?? 256}m`,
      // No admin port: stopped by its pid.
      "-T",
      "none",
      // Our tag headers can be long (see MAX_TAG_HEADER_BYTES).
      "-p",
      "http_resp_hdr_len=16k",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`varnishd exited with ${code} while starting`))),
  );
  exited.catch(() => {});
  await Promise.race([waitForHttp(`http://127.0.0.1:${options.port}/`, 30_000), exited]);
  return service("varnish", child);
}

/** One app instance: the production server on a build, exactly as `npm start -- --no-build` runs it. */
export function startInstance(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  distDir: string;
  log?: "inherit" | "ignore";
}): Service {
  const child = spawn(process.execPath, serverNodeArgs(options.distDir), {
    env: {
      ...options.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", options.log ?? "inherit", "inherit"],
  });
  return service(`instance :${options.port}`, child);
}
