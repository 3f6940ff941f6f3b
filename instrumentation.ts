/**
 * Runs once when a Next.js server starts (the renderer under `npm start`, or `next dev`): starts the scheduler that
 * publishes scheduled articles on time (lib/articles/scheduler.ts) and installs the writer of page-view counts. Not during `next build`, and only in the Node.js
 * runtime (the scheduler needs the database).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Where the front's flushes of page views go (lib/fronts/most-read.ts).
  const { installViewSink } = await import("./lib/fronts/most-read");
  installViewSink();
  if (process.env.SCHEDULER === "off") return;
  const { startScheduler } = await import("./lib/articles/scheduler");
  startScheduler();
}
