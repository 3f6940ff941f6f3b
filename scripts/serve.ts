import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { clientAddress, parseTrustedProxies } from "../lib/http/client-address";
import { securityHeaders } from "../lib/http/security-headers";
import {
  PageCache,
  bodyFor,
  documentBody,
  installPageCache,
  type CacheState,
  type Rendered,
  type Served,
} from "../lib/publishing/page-cache";
import { surrogateHeaders } from "../lib/cluster/varnish";
import { freePort, rendererNodeArgs } from "./lib/server-command";
import { unavailableHeaders, unavailablePageHtml } from "../lib/ops/outage";
import { ViewCounter } from "../lib/fronts/view-counter";
import {
  DATABASE_DOWN_HEADER,
  DEPENDENCY_HEADERS,
  FILL_HEADER,
  PRIMARY_HEADER,
  type FrontMessage,
  type RendererMessage,
} from "./lib/renderer-protocol";

/**
 * The production web server, in two processes:
 *
 * - **the front** (this file) answers every request. It owns the page cache (lib/publishing/page-cache.ts,
 *   docs/caching.md): cached pages are served from here in a millisecond, whatever the renderer is doing. Misses,
 *   refreshes and everything that is not cacheable (newsroom, API, Next's assets) go to the renderer.
 * - **the renderer** (scripts/render.ts) is Next.js. It renders pages for the cache with their dependency tags, and
 *   its writes purge the cache over IPC. The front supervises it: if it dies (say, out of memory), the front logs one
 *   line, keeps serving cached pages, answers what it cannot serve with a readable 503, and starts a new one.
 *
 * `npm start`, the Playwright suites and the benchmarks all run this, so what is tested is what readers get.
 * PAGE_CACHE=off sends every request to the renderer.
 */

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const enabled = process.env.PAGE_CACHE !== "off";
const cacheBytes = Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024;
const siteUrl = new URL(process.env.SITE_URL ?? `http://localhost:${port}`);
const secret = randomBytes(16).toString("hex");
/** Who may tell us a client's address (lib/http/client-address.ts); a bad entry stops the start with its name. */
const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
/** The same for every response (they depend only on SITE_URL): built once, not per request. */
const SECURITY_HEADERS = securityHeaders(siteUrl);
/** Public pages are revalidated by the browser on every visit (a cheap 304 while unchanged), never kept stale. */
const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate";
const RENDER_TIMEOUT_MS = 30_000;
/** How long a request waits for a renderer that is (re)starting before it gets a 503. */
const READY_WAIT_MS = 10_000;
const say = (line: string) => console.log(`[server] ${line}`);
/**
 * Tags for shared caches in front (Varnish, a CDN: lib/cluster/varnish.ts), sent only when one is configured: the
 * tags name article ids, which a lone server has no reason to publish.
 */
const sendSurrogates = !!process.env.VARNISH_PURGE_URLS || process.env.SURROGATE_HEADERS === "on";
/** How long a shared cache may serve a page stale when it cannot reach any instance (stale-if-error). */
const SHARED_STALE_SECONDS = 24 * 60 * 60;
/**
 * After a purge, renders read the primary database for this long, so a lagging replica cannot put the old version
 * back into the cache (lib/db.ts). Replication lag on a healthy replica is well under a second.
 */
const PRIMARY_AFTER_PURGE_MS = 10_000;
let lastPurgeAt = 0;

// ───────────── the renderer process ─────────────

class Renderer {
  port = 0;
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private stopping = false;
  private failures = 0;
  private startedAt = 0;

  constructor(
    private readonly onRevalidate: (message: Extract<RendererMessage, { type: "revalidate" }>) => Promise<void>,
  ) {}

  /** Resolves once the renderer listens; a start in progress is shared. */
  async whenReady(): Promise<void> {
    this.ready ??= this.start();
    return this.ready;
  }

  /** Like whenReady, but gives up after `ms`: a reader is better served by a 503 than by a hanging request. */
  async readyWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.whenReady(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("the renderer is restarting")), ms);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async start(): Promise<void> {
    this.port = await freePort();
    this.startedAt = Date.now();
    // Bundled (npm run build), the renderer sits beside this file as plain JavaScript; run from source (tsx), it is
    // the TypeScript file and needs tsx too.
    const bundled = import.meta.url.endsWith(".mjs");
    const entry = fileURLToPath(new URL(bundled ? "./render.mjs" : "./render.ts", import.meta.url));
    const child = fork(entry, [], {
      execArgv: [...rendererNodeArgs(), ...(bundled ? [] : ["--import", "tsx"])],
      env: { ...process.env, RENDER_PORT: String(this.port), RENDER_SECRET: secret, NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    child.on("message", (message: RendererMessage) => {
      if (message.type === "revalidate") {
        void this.onRevalidate(message).finally(() => {
          if (child.connected) child.send({ type: "revalidated", id: message.id } satisfies FrontMessage);
        });
      }
    });
    child.on("exit", (code, signal) => this.exited(child, code, signal));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: RendererMessage) => {
        if (message.type !== "ready") return;
        child.off("message", onMessage);
        resolve();
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`the renderer exited with ${code ?? "a signal"} while starting`)));
    });
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child || this.stopping) return;
    this.child = undefined;
    // Back off when it keeps dying at start (a broken build, no database), not when it ran for a while.
    this.failures = Date.now() - this.startedAt > 60_000 ? 1 : this.failures + 1;
    const delay = Math.min(30_000, 1000 * 2 ** (this.failures - 1));
    say(
      `The renderer stopped (${signal ?? `exit code ${code}`}); cached pages are still served; starting a new one in ${delay / 1000} s.`,
    );
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() => this.start());
    this.ready.catch((error: unknown) =>
      say(`The renderer did not start again: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Sends a message to the renderer if one is running; false when it could not be delivered. */
  send(message: FrontMessage): boolean {
    const child = this.child;
    if (!child?.connected) return false;
    child.send(message);
    return true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([
      new Promise((resolve) => child.once("exit", resolve)),
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

const toRenderer = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Asks the renderer for `key` as a page for the cache; its dependency tags come back in a header. */
async function render(key: string): Promise<Rendered> {
  await renderer.readyWithin(READY_WAIT_MS);
  return new Promise<Rendered>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: renderer.port,
        path: key,
        method: "GET",
        agent: toRenderer,
        // A news sitemap lists up to a thousand articles, each a tag.
        maxHeaderSize: 256 * 1024,
        headers: {
          [FILL_HEADER]: secret,
          ...(Date.now() - lastPurgeAt < PRIMARY_AFTER_PURGE_MS ? { [PRIMARY_HEADER]: "1" } : {}),
          host: siteUrl.host,
          "x-forwarded-proto": siteUrl.protocol.replace(":", ""),
          "accept-encoding": "identity",
          "user-agent": "Broadsheet page cache",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers: [string, string][] = [];
          let tags: Set<string> | null = null;
          let freshFor = Infinity;
          let staticDocument = false;
          for (const [name, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            if (name === DEPENDENCY_HEADERS.tags) tags = new Set(String(value).split(" ").filter(Boolean));
            else if (name === DEPENDENCY_HEADERS.freshFor) freshFor = Number(value) || Infinity;
            else if (name === DEPENDENCY_HEADERS.staticDocument) staticDocument = true;
            else for (const v of Array.isArray(value) ? value : [value]) headers.push([name, v]);
          }
          resolve({
            status: response.statusCode ?? 500,
            headers,
            body: Buffer.concat(chunks),
            // A render with no tags is never stored, but may still be a static document (a 404 page).
            dependencies: tags || staticDocument ? { tags: tags ?? new Set(), freshFor, staticDocument } : null,
          });
        });
      },
    );
    request.setTimeout(RENDER_TIMEOUT_MS, () =>
      request.destroy(new Error(`rendering ${key} took longer than ${RENDER_TIMEOUT_MS / 1000} s`)),
    );
    request.on("error", reject);
    request.end();
  });
}

const cache = new PageCache({ render, maxBytes: cacheBytes, log: (line) => say(line) });
if (enabled) installPageCache(cache);
const renderer = new Renderer(async ({ plan }) => {
  lastPurgeAt = Date.now();
  if (enabled) await cache.revalidate(plan);
});

// ───────────── counting article views for "most read" ─────────────

/**
 * Article page views are counted here, in memory, and flushed to the renderer (which writes them to the database in
 * one statement) every MOST_READ_FLUSH_SECONDS, or at once when the buffer reaches MOST_READ_BUFFER_KB: no reader's
 * request waits for, or causes, a database write (lib/fronts/view-counter.ts, lib/fronts/most-read.ts).
 */
const views = new ViewCounter(Number(process.env.MOST_READ_BUFFER_KB ?? 256) * 1024);
const flushEveryMs = Math.max(1, Number(process.env.MOST_READ_FLUSH_SECONDS ?? 60)) * 1000;
function flushViews(): void {
  if (views.bytes === 0) return;
  const dropped = views.dropped;
  if (!renderer.send({ type: "views", counts: views.drain() })) return; // no renderer: this interval's counts are lost
  if (dropped > 0) say(`The page-view buffer was full: ${dropped} view(s) of other articles were not counted.`);
}
setInterval(flushViews, flushEveryMs).unref();

/** Crawlers and link previews announce themselves; their visits say nothing about what readers read. */
const NOT_A_READER = /bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|java\/|go-http/i;

/** Counts a reader's successful GET of an article page (a HIT, STALE or MISS that answered 200). */
function countView(req: IncomingMessage, status: number): void {
  if (req.method !== "GET" || status !== 200) return;
  if (NOT_A_READER.test(req.headers["user-agent"] ?? "")) return;
  if (views.hit(req.url ?? "/") === "full") flushViews();
}

// ───────────── answering readers ─────────────

/** Anonymous page reads only: no client-side navigation payloads, nothing under /admin, /api, /_next or media. */
function cacheable(req: IncomingMessage): boolean {
  if (!enabled || (req.method !== "GET" && req.method !== "HEAD")) return false;
  if (req.headers.rsc !== undefined || req.headers["next-router-prefetch"] !== undefined) return false;
  // Next's draft mode (previews) must never be served from, or stored into, a shared cache.
  if (/(?:^|;\s*)__prerender_bypass=/.test(req.headers.cookie ?? "")) return false;
  const url = req.url ?? "/";
  if (url.includes("_rsc=")) return false;
  // /search: every typed query is its own URL, so storing results would let anyone evict the article pages the cache
  // is for, and results must drop an unpublished article at once and find a new one at once (docs/caching.md).
  return !/^\/(admin|api|_next|media|img|search)(\/|$|\?)/.test(url);
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
    const surrogate = sendSurrogates ? surrogateHeaders(page.tags) : null;
    if (surrogate) {
      for (const [name, value] of Object.entries(surrogate)) res.setHeader(name, value);
      // A shared cache keeps a fresh copy for what is left of its time limit; a stale one is already expired there
      // (it refetches on the next request, while this cache has its re-render under way). Either may be served
      // while every instance is down.
      const fresh = page.stale ? 0 : Math.max(1, Math.round((page.freshUntil - Date.now()) / 1000));
      res.setHeader("surrogate-control", `max-age=${fresh}, stale-if-error=${SHARED_STALE_SECONDS}`);
    } else if (sendSurrogates) {
      // Too many tags to name (lib/cluster/varnish.ts): shared caches must not keep what they could not purge.
      res.setHeader("surrogate-control", "no-store");
    }
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
  // Not stored (a redirect, a 404, an error): the render as Next answered it, except a failed render: Next's error
  // page is an empty shell that needs JavaScript, so readers get a complete page instead (503 while the database
  // is down, saying when to retry).
  const { rendered } = served;
  if (rendered.status >= 500) {
    unavailable(res, rendered.headers.some(([name]) => name === DATABASE_DOWN_HEADER) ? 503 : 500);
    return;
  }
  for (const [name, value] of rendered.headers) {
    if (["connection", "keep-alive", "transfer-encoding", "content-length", "date"].includes(name)) continue;
    res.appendHeader(name, value);
  }
  // Every public 404 is a reader page (the site's not-found pages), but those reached through proxy.ts's rewrite are
  // rendered outside the collector that would record their noClientRuntime(): treat them as declared.
  const body = documentBody(rendered, rendered.status === 404 || rendered.dependencies?.staticDocument);
  res.setHeader("content-length", body.length);
  res.writeHead(rendered.status);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** What readers get when a page is not cached and cannot be rendered right now: a real page, and when to retry. */
function unavailable(res: ServerResponse, status: 500 | 503 = 503): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { ...unavailableHeaders(), "x-cache": "BYPASS" };
  // Retry-After promises that waiting helps: true of a restart or an outage, not of a page that fails to render.
  if (status !== 503) delete headers["Retry-After"];
  res.writeHead(status, headers);
  res.end(unavailablePageHtml());
}

/** Everything that is not cached goes to the renderer as it came, with the reader's address for rate limits. */
async function proxy(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await renderer.readyWithin(READY_WAIT_MS);
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
  const headers = {
    ...req.headers,
    "x-forwarded-for": address,
    "x-forwarded-proto": siteUrl.protocol.replace(":", ""),
    "x-forwarded-host": req.headers.host ?? siteUrl.host,
  };
  await new Promise<void>((resolve, reject) => {
    let finished = false;
    const upstream = http.request(
      { host: "127.0.0.1", port: renderer.port, path: req.url, method: req.method, headers, agent: toRenderer },
      (response) => {
        res.setHeader("x-cache", "BYPASS");
        // Hop-by-hop: the renderer's keep-alive is about our connection to it, not the reader's to us.
        const { connection: _connection, "keep-alive": _keepAlive, ...headers } = response.headers;
        res.writeHead(response.statusCode ?? 502, headers);
        response.pipe(res);
        response.on("end", () => {
          finished = true;
          resolve();
        });
        response.on("error", reject);
      },
    );
    upstream.on("error", reject);
    // A reader who goes away mid-answer frees the renderer's work; a finished exchange keeps its connection.
    res.on("close", () => {
      if (!finished) upstream.destroy();
    });
    req.pipe(upstream);
  });
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Security headers on every response, cache hits included (lib/http/security-headers.ts); the newsroom's nonce
  // policy from the renderer replaces the static one in writeHead.
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  delete req.headers[FILL_HEADER];
  delete req.headers[PRIMARY_HEADER];
  if (!cacheable(req)) return proxy(req, res);
  const served = await cache.get(req.url ?? "/");
  countView(req, "page" in served ? served.page.status : served.rendered.status);
  send(req, res, served);
}

// ───────────── start and stop ─────────────

await renderer.whenReady();
let shuttingDown = false;
/** Requests being answered, so a shutdown can let them finish before the renderer (and the database) stop. */
let inFlight = 0;
/** Responses not yet sent, so a shutdown can tell their clients to close the connection. */
const unanswered = new Set<ServerResponse>();
const server = http.createServer((req, res) => {
  inFlight += 1;
  unanswered.add(res);
  res.once("close", () => {
    inFlight -= 1;
    unanswered.delete(res);
  });
  if (shuttingDown) res.setHeader("connection", "close");
  serve(req, res).catch((error: unknown) => {
    say(`Could not answer ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
    unavailable(res);
  });
});
server.keepAliveTimeout = 65_000;
server.on("error", (error: NodeJS.ErrnoException) => {
  say(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use: stop the other server or set PORT.`
      : `The server failed: ${error.message}`,
  );
  void renderer.stop().finally(() => process.exit(1));
});
server.listen(port, hostname, () => {
  console.log(`Serving on http://localhost:${port}${enabled ? " (page cache on)" : ""}`);
});

/**
 * Stopping, in order: stop accepting connections, let the requests in flight finish (a write is then either answered
 * or was never sent to the renderer), then stop the renderer, then exit — and whoever started us (npm start) stops
 * the database only after that. Bounded, so a stuck request cannot hold a shutdown forever.
 */
const DRAIN_TIMEOUT_MS = 10_000;
async function shutdown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close();
  server.closeIdleConnections();
  // A client on a keep-alive connection would otherwise go on sending requests on it (server.close() only stops
  // new connections), keeping the drain busy until its bound cuts a write in the middle. Each answer from now on
  // closes its connection; the client's next request is refused and can be retried elsewhere or later.
  for (const res of unanswered) if (!res.headersSent) res.setHeader("connection", "close");
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (inFlight > 0) say(`Stopping with ${inFlight} request(s) still unanswered after ${DRAIN_TIMEOUT_MS / 1000} s.`);
  toRenderer.destroy();
  flushViews();
  await renderer.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown());
