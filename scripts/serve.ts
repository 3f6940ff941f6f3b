import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { PageCache, installPageCache } from "../lib/publishing/page-cache";

/**
 * The production web server: Next.js behind an in-memory page cache (lib/publishing/page-cache.ts).
 * `npm start`, the Playwright suites and the benchmark all run this, so what is tested is what readers get.
 *
 * A miss is filled by asking this same server for the page with a secret header that bypasses the cache, which
 * keeps Next's own routing, proxy, ISR and compression untouched. Set PAGE_CACHE=off to serve through Next alone.
 */

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const enabled = process.env.PAGE_CACHE !== "off";
const BYPASS = "x-broadsheet-fill";
const secret = randomBytes(16).toString("hex");

const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
const cache = new PageCache();
if (enabled) installPageCache(cache);

const inflight = new Map<string, Promise<{ status: number; headers: Headers; body: Buffer }>>();

/** Only anonymous page reads: no client-side navigation payloads, nothing under /admin, /api or /_next. */
function cacheable(req: IncomingMessage): boolean {
  if (!enabled || (req.method !== "GET" && req.method !== "HEAD")) return false;
  if (req.headers[BYPASS] !== undefined || req.headers.rsc !== undefined || req.headers["next-router-prefetch"] !== undefined) return false;
  const url = req.url ?? "/";
  if (url.includes("_rsc=")) return false;
  return !/^\/(admin|api|_next|media|img)(\/|$|\?)/.test(url);
}

async function fill(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    headers: { [BYPASS]: secret, "accept-encoding": "identity" },
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function send(req: IncomingMessage, res: ServerResponse, page: { status: number; headers: Iterable<[string, string]>; body: Buffer; gzip?: Buffer }, state: string) {
  for (const [name, value] of page.headers) {
    if (name !== "content-length" && name !== "content-encoding" && name !== "transfer-encoding" && name !== "connection") res.setHeader(name, value);
  }
  const gzip = page.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzip! : page.body;
  if (gzip) res.setHeader("content-encoding", "gzip");
  res.setHeader("vary", "Accept-Encoding");
  res.setHeader("x-page-cache", state);
  res.setHeader("content-length", body.length);
  res.writeHead(page.status);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.headers[BYPASS] !== undefined && req.headers[BYPASS] !== secret) delete req.headers[BYPASS];
  if (!cacheable(req)) {
    if (req.headers[BYPASS] === secret) delete req.headers[BYPASS];
    await handle(req, res);
    return;
  }
  const key = req.url ?? "/";
  const hit = cache.get(key);
  if (hit) return send(req, res, hit, "HIT");
  const generation = cache.generation;
  let pending = inflight.get(key);
  if (!pending) {
    pending = fill(key).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const page = await pending;
  const stored = cache.store(key, page, generation);
  const entry = stored ? cache.get(key) : undefined;
  send(req, res, entry ?? { status: page.status, headers: page.headers.entries(), body: page.body }, stored ? "MISS" : "BYPASS");
}

await app.prepare();
const server = http.createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    console.error("Request failed:", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Serving on http://localhost:${port}${enabled ? " (page cache on)" : ""}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
