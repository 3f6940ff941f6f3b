import path from "node:path";

/**
 * How to launch the production server (scripts/serve.ts), shared by `npm start` and the benchmark so both measure
 * and run the same thing. The heap is capped (SERVER_MAX_HEAP_MB, default 256): on a large machine V8 otherwise
 * collects garbage lazily and the process grew past 600 MB under render load; capped, it peaked at 385 MB with
 * the same throughput.
 */
export function serverNodeArgs(): string[] {
  const heapMb = Number(process.env.SERVER_MAX_HEAP_MB ?? 256);
  return [`--max-old-space-size=${heapMb}`, "--import", "tsx", path.join("scripts", "serve.ts")];
}
