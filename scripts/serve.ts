import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { runCollecting, type Dependencies } from "../lib/publishing/dependencies";
import { PageCache, bodyFor, installPageCache, type CacheState, type Rendered, type Served } from "../lib/publishing/page-cache";

/**
 * The production web server: Next.js behind the page cache (lib/publishing/page-cache.ts, docs/caching.md).
 * `npm start`, the Playwright suites and the benchmarks all run this, so what is tested is what readers get.
 *
 * A miss is rendered by asking this same server for the page over loopback with a secret header; that request is
 * handed to Next inside a dependency collector, so the tags every getter declared during the render arrive with the
 * response. Next's own routing, proxy and rendering stay untouched. PAGE_CACHE=off serves everything through Next.
 */

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const enabled = process.env.PAGE_CACHE !== "off";
const FILL_HEADER = "x-broadsheet-fill";
const secret = randomBytes(16).toString("hex");
/** Public pages are revalidated by the browser on every visit (a cheap 304 while unchanged), never kept stale. */
const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate";

// Pages are cached only in this process's memory (docs/caching.md). Next's on-disk caches from an older build or
// another database must not answer for this one: they are cleared at every start.
const distDir = process.env.NEXT_DIST_DIR || ".next";
for (const dir of [`${distDir}/server/route-cache`, `${distDir}/cache/fetch-cache`]) rmSync(dir, { recursive: true, force: true });

const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();

// ───────────── rendering a page for the cache ─────────────

/** Collectors of renders in progress, by fill id; entries live only while their loopback request runs. */
const collecting = new Map<string, Dependencies>();
let fillCount = 0;
const loopback = new http.Agent({ keepAlive: true, maxSockets: 64 });
const RENDER_TIMEOUT_MS = 30_000;

function render(key: string): Promise<Rendered> {
  const id = (++fillCount).toString(36);
  const dependencies: Dependencies = { tags: new Set(), freshFor: Infinity };
  collecting.set(id, dependencies);
  return new Promise<Rendered>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: key,
        method: "GET",
        agent: loopback,
        headers: { [FILL_HEADER]: `${secret}:${id}`, "accept-encoding": "identity", "user-agent": "Broadsheet page cache" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers: [string, string][] = [];
          for (const [name, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) headers.push([name, v]);
          }
          resolve({ status: response.statusCode ?? 500, headers, body: Buffer.concat(chunks), dependencies: dependencies.tags.size ? dependencies : null });
        });
      },
    );
    request.setTimeout(RENDER_TIMEOUT_MS, () => request.destroy(new Error(`rendering ${key} took longer than ${RENDER_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end();
  }).finally(() => collecting.delete(id));
}

const cache = new PageCache({ render, log: (line) => console.warn(line) });
if (enabled) installPageCache(cache);

// ───────────── answering readers ─────────────

/** Anonymous page reads only: no client-side navigation payloads, nothing under /admin, /api, /_next or media. */
function cacheable(req: IncomingMessage): boolean {
  if (!enabled || (req.method !== "GET" && req.method !== "HEAD")) return false;
  if (req.headers.rsc !== undefined || req.headers["next-router-prefetch"] !== undefined) return false;
  // Next's draft mode (previews) must never be served from, or stored into, a shared cache.
  if (/(?:^|;\s*)__prerender_bypass=/.test(req.headers.cookie ?? "")) return false;
  const url = req.url ?? "/";
  if (url.includes("_rsc=")) return false;
  return !/^\/(admin|api|_next|media|img)(\/|$|\?)/.test(url);
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
}

function send(req: IncomingMessage, res: ServerResponse, served: Served): void {
  res.setHeader("x-cache", served.state satisfies CacheState);
  if ("page" in served) {
    const { page } = served;
    for (const [name, value] of page.headers) res.setHeader(name, value);
    res.setHeader("cache-control", PUBLIC_CACHE_CONTROL);
    res.setHeader("etag", page.etag);
    res.setHeader("vary", "Accept-Encoding");
    if (req.headers["if-none-match"] === page.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const { body, gzipped } = bodyFor(page, acceptsGzip(req));
    if (gzipped) res.setHeader("content-encoding", "gzip");
    res.setHeader("content-length", body.length);
    res.writeHead(page.status);
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  // Not stored (a redirect, a 404, an error): the render as Next answered it.
  const { rendered } = served;
  for (const [name, value] of rendered.headers) {
    if (["connection", "keep-alive", "transfer-encoding", "content-length", "date"].includes(name)) continue;
    // Redirects name the loopback origin the page was rendered through; the path alone is what the reader needs.
    const v = name === "location" ? value.replace(/^http:\/\/127\.0\.0\.1:\d+(?=\/)/, "") : value;
    res.appendHeader(name, v);
  }
  res.setHeader("content-length", rendered.body.length);
  res.writeHead(rendered.status);
  res.end(req.method === "HEAD" ? undefined : rendered.body);
}

/**
 * Next streams a page in many small chunks, each a socket write; a render for the cache is read whole anyway, so
 * its chunks are gathered and written once (a profile showed the loopback writes costing more than gzip).
 */
function coalesceWrites(res: ServerResponse): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse;
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding) : Buffer.from(chunk as Uint8Array);
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk !== undefined && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
    const done = [chunk, encoding, callback].find((x) => typeof x === "function") as (() => void) | undefined;
    if (chunks.length > 0) write(Buffer.concat(chunks));
    end();
    if (done) res.once("finish", done);
    return res;
  }) as typeof res.end;
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fill = req.headers[FILL_HEADER];
  if (fill !== undefined) {
    delete req.headers[FILL_HEADER];
    const [given, id] = String(fill).split(":");
    const dependencies = given === secret && id ? collecting.get(id) : undefined;
    if (dependencies) {
      coalesceWrites(res);
      await new Promise<void>((resolve, reject) => runCollecting(dependencies, () => void handle(req, res).then(resolve, reject)));
      return;
    }
  }
  if (!cacheable(req)) {
    res.setHeader("x-cache", "BYPASS");
    await handle(req, res);
    return;
  }
  send(req, res, await cache.get(req.url ?? "/"));
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
    loopback.destroy();
    void app.close().finally(() => process.exit(0));
  });
}
