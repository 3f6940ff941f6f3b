import { run } from "./run";
import net from "node:net";
import path from "node:path";
import { build } from "esbuild";

/**
 * How the production server is built and launched, shared by `npm start`, `npm test`, the Playwright config and the
 * benchmarks, so all of them run what readers get.
 *
 * The server's own two entry points — the front (scripts/serve.ts) and the renderer (scripts/render.ts) — are
 * bundled to plain JavaScript next to Next's build, so they run on bare Node: loading TypeScript through tsx at run
 * time cost each process about 40 MB of memory (a loader thread of its own).
 *
 * Heaps are capped: on a large machine V8 otherwise collects garbage lazily and grows far past what it needs. The
 * front's heap holds only the cache's bookkeeping (the cached pages are buffers outside the heap, bounded by
 * PAGE_CACHE_MB); the renderer's holds Next.js (SERVER_MAX_HEAP_MB). Young generations are kept small for the same
 * reason; both processes allocate little that lives long.
 */

const FRONT_HEAP_MB = 48;
const FRONT_SEMI_SPACE_MB = 4;
const RENDERER_SEMI_SPACE_MB = 8;

const distDirOf = (env: NodeJS.ProcessEnv = process.env) => env.NEXT_DIST_DIR || ".next";

/** Where the bundled server lives for a Next build directory. */
export function serverBundleDir(distDir = distDirOf()): string {
  return path.join(distDir, "broadsheet-server");
}

/** Bundles scripts/serve.ts and scripts/render.ts (and the lib/ code they import) into `<distDir>/broadsheet-server`. */
export async function buildServerBundle(distDir = distDirOf()): Promise<void> {
  await build({
    entryPoints: { serve: "scripts/serve.ts", render: "scripts/render.ts" },
    outdir: serverBundleDir(distDir),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Dependencies stay in node_modules, found from the project like any import.
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

/** `next build`, then the server bundle: everything `npm start` needs to serve. */
export async function buildSite(env: NodeJS.ProcessEnv): Promise<void> {
  await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...env, NODE_ENV: "production" },
  });
  await buildServerBundle(distDirOf(env));
}

/** Node arguments that start the front of a built site. */
export function serverNodeArgs(distDir = distDirOf()): string[] {
  return [
    `--max-old-space-size=${FRONT_HEAP_MB}`,
    `--max-semi-space-size=${FRONT_SEMI_SPACE_MB}`,
    path.join(serverBundleDir(distDir), "serve.mjs"),
  ];
}

/** Node flags for the renderer the front starts. */
export function rendererNodeArgs(): string[] {
  const heapMb = Number(process.env.SERVER_MAX_HEAP_MB ?? 128);
  // `npm run bench:profile` reads where a render's CPU time goes.
  const profile = process.env.RENDERER_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.RENDERER_CPU_PROF_DIR}`]
    : [];
  return [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${RENDERER_SEMI_SPACE_MB}`, ...profile];
}

/** A TCP port nothing listens on right now (for the renderer, and for tests that start a server of their own). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
