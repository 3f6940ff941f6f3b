import path from "node:path";

/**
 * How to launch the production server (scripts/serve.ts, the front), shared by `npm start` and the benchmark so both
 * measure and run the same thing, and how the front starts its renderer (scripts/render.ts, Next.js).
 *
 * Heaps are capped: on a large machine V8 otherwise collects garbage lazily and the server grew past 600 MB under
 * render load. The front's heap holds only the cache's bookkeeping (the cached pages are buffers outside the heap,
 * bounded by PAGE_CACHE_MB); the renderer's holds Next (SERVER_MAX_HEAP_MB, default 256).
 */
const FRONT_HEAP_MB = 96;

export function serverNodeArgs(): string[] {
  return [`--max-old-space-size=${FRONT_HEAP_MB}`, "--import", "tsx", path.join("scripts", "serve.ts")];
}

export function rendererNodeArgs(): string[] {
  const heapMb = Number(process.env.SERVER_MAX_HEAP_MB ?? 256);
  // `npm run bench:profile` reads where a render's CPU time goes.
  const profile = process.env.RENDERER_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.RENDERER_CPU_PROF_DIR}`] : [];
  return [`--max-old-space-size=${heapMb}`, ...profile, "--import", "tsx"];
}
