import { rmSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { runCollecting, type Dependencies } from "../lib/publishing/dependencies";
import { readingReplica } from "../lib/read-routing";
import { installPageCache, type PurgePlan } from "../lib/publishing/page-cache";
import { databaseRecentlyUnavailable, isDatabaseUnavailable, reportDatabaseUnavailable } from "../lib/ops/outage";
import {
  DATABASE_DOWN_HEADER,
  DEPENDENCY_HEADERS,
  FILL_HEADER,
  PRIMARY_HEADER,
  type FrontMessage,
  type RendererMessage,
} from "./lib/renderer-protocol";

/**
 * The renderer: Next.js in a process of its own, started and supervised by the front (scripts/serve.ts), which owns
 * the page cache and answers readers. Renders never block the front's event loop, so a cached page is served in
 * a millisecond even while pages render here; and if this process dies, the front keeps serving what it has and
 * starts a new one.
 *
 * A render the front asks for (the fill header carries a secret shared at start) runs inside a dependency collector;
 * the tags its getters declared travel back as a response header, written once the page is complete. Writes made
 * here (the newsroom, the API) purge the front's cache over the IPC channel before they answer.
 */

const port = Number(process.env.RENDER_PORT);
const secret = process.env.RENDER_SECRET ?? "";
if (!port || !secret || !process.send) {
  console.error("scripts/render.ts is started by scripts/serve.ts, not on its own.");
  process.exit(2);
}
const send = (message: RendererMessage) => process.send!(message);

// Pages are cached only in the front's memory (docs/caching.md); Next's on-disk caches from an older build or
// another database must not answer for this one.
const distDir = process.env.NEXT_DIST_DIR || ".next";
for (const dir of [`${distDir}/server/route-cache`, `${distDir}/cache/fetch-cache`])
  rmSync(dir, { recursive: true, force: true });

// ───────────── a database outage is one log line per interval ─────────────

// Next logs every failed render with the whole Prisma error (17 lines, source excerpt included): during an outage
// that was thousands of lines a minute. Those become one line per interval (lib/ops/outage.ts), and the outage is
// remembered so that failed renders can be answered with a 503 (DATABASE_DOWN_HEADER).
const logError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  // Error objects only: the throttled line itself (a string) must pass through.
  const failure = args.find((arg) => typeof arg === "object" && isDatabaseUnavailable(arg));
  if (failure !== undefined) reportDatabaseUnavailable(failure, logError);
  else logError(...args);
};

// ───────────── purges go to the front ─────────────

const PURGE_TIMEOUT_MS = 15_000;
let purgeCount = 0;
const purging = new Map<number, () => void>();
installPageCache({
  revalidate: (plan: PurgePlan) =>
    new Promise<void>((resolve) => {
      const id = ++purgeCount;
      // The front answers once the affected pages are fresh; a front that went away must not hang the writer.
      const timer = setTimeout(() => {
        purging.delete(id);
        resolve();
      }, PURGE_TIMEOUT_MS);
      purging.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      send({ type: "revalidate", id, plan });
    }),
});
process.on("message", (message: FrontMessage) => {
  if (message.type === "revalidated") {
    purging.get(message.id)?.();
    purging.delete(message.id);
  } else if (message.type === "views") {
    // Written by lib/fronts/most-read.ts through the sink instrumentation.ts installed (this entry point must not
    // import the database client). A failed write loses one interval's counts, never a reader's request.
    const sink = (globalThis as { broadsheetViewSink?: (counts: [number, number][]) => Promise<void> })
      .broadsheetViewSink;
    void sink?.(message.counts).catch((error: unknown) => {
      console.error(`Could not record page views: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
});
// The front is our supervisor: without it nobody reads our port.
process.on("disconnect", () => process.exit(0));

// ───────────── renders for the cache ─────────────

/**
 * Holds a response until it is complete: Next streams a page in many small chunks (each a socket write, 8% of the
 * CPU in a profile), and the dependency header can only be written once every getter has run. `beforeSend` runs
 * just before the headers go out.
 */
function holdUntilEnd(res: ServerResponse, beforeSend: () => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => ServerResponse;
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
        : Buffer.from(chunk as Uint8Array);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  let head: unknown[] | null = null;
  res.flushHeaders = () => {};
  // Node fixes the headers at writeHead; keep its arguments until the end so the dependency header can join them.
  res.writeHead = ((...args: unknown[]) => {
    head = args;
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
    const done = [chunk, encoding, callback].find((x) => typeof x === "function") as (() => void) | undefined;
    beforeSend();
    if (head) writeHead(...head);
    if (chunks.length > 0) write(Buffer.concat(chunks));
    end();
    if (done) res.once("finish", done);
    return res;
  }) as typeof res.end;
}

async function renderForCache(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const dependencies: Dependencies = { tags: new Set(), freshFor: Infinity };
  // A replica may serve this render unless it follows a purge (the front says so): lib/read-routing.ts.
  const replica = req.headers[PRIMARY_HEADER] !== "1";
  holdUntilEnd(res, () => {
    if (dependencies.tags.size > 0) res.setHeader(DEPENDENCY_HEADERS.tags, [...dependencies.tags].join(" "));
    if (Number.isFinite(dependencies.freshFor))
      res.setHeader(DEPENDENCY_HEADERS.freshFor, String(dependencies.freshFor));
    if (dependencies.staticDocument) res.setHeader(DEPENDENCY_HEADERS.staticDocument, "1");
    if (res.statusCode >= 500 && databaseRecentlyUnavailable()) res.setHeader(DATABASE_DOWN_HEADER, "1");
  });
  await new Promise<void>((resolve, reject) =>
    readingReplica(replica, () => runCollecting(dependencies, () => void handle(req, res).then(resolve, reject))),
  );
}

const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const fill = req.headers[FILL_HEADER];
  delete req.headers[FILL_HEADER];
  const work = fill === secret ? renderForCache(req, res) : handle(req, res);
  work.catch((error: unknown) => {
    console.error("Render failed:", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("The page could not be rendered.");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => send({ type: "ready" }));

// The front stops us (SIGTERM) once the requests it passed on have been answered. Ctrl-C in a terminal reaches the
// whole process group: ignoring SIGINT here keeps that order instead of cutting renders and writes in flight.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {
  server.close();
  void app
    .close()
    .then(closeDatabasePool)
    .finally(() => process.exit(0));
});

/**
 * Closes the Prisma pool before exiting, so that PostgreSQL sees orderly disconnections and `npm start` stops the
 * embedded one with no client left. The client is the one lib/db.ts keeps on globalThis (shared by Next's server
 * bundles); importing lib/db here would bundle a second copy of the generated client into this entry point.
 */
async function closeDatabasePool(): Promise<void> {
  const shared = globalThis as {
    broadsheetDb?: { $disconnect(): Promise<void> };
    broadsheetReplicated?: { $disconnect(): Promise<void> } | null;
  };
  await shared.broadsheetReplicated?.$disconnect().catch(() => {});
  await shared.broadsheetDb?.$disconnect().catch(() => {});
}
