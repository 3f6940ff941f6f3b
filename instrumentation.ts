/**
 * Runs once when a Next.js server starts (the renderer under `npm start`, or `next dev`): starts the scheduler that
 * publishes scheduled articles on time (lib/articles/scheduler.ts), installs the writer of page-view counts
 * (lib/fronts/most-read.ts) and, with REDIS_URL, applies the purges other instances publish (lib/cluster/bus.ts).
 * Not during `next build`, and only in the Node.js runtime (all need the database or Redis).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.REDIS_URL) {
    const { applyPurgesFromOtherInstances } = await import("./lib/publishing/revalidate");
    applyPurgesFromOtherInstances();
  }
  // Where the front's flushes of page views go (lib/fronts/most-read.ts).
  const { installViewSink } = await import("./lib/fronts/most-read");
  installViewSink();
  if (process.env.SCHEDULER === "off") return;
  const { startScheduler } = await import("./lib/articles/scheduler");
  startScheduler();
}
