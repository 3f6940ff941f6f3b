import { noticePageHtml } from "./notice-page";

/**
 * How the server behaves while the database is down (issue 8, finding 13): cached pages keep being served by the
 * front; everything that needs the database says so in words (a 503 page with Retry-After for readers, a 503 JSON
 * for the API), and the log gets one line per kind of failure per interval instead of a 17-line Prisma error per
 * request (6,366 lines in a minute of outage).
 *
 * State lives on globalThis: Next's server bundles and the renderer's entry point each load their own copy of
 * this module, and all of them must see the same outage.
 */

/** Prisma's codes for "could not reach / lost / timed out waiting for" the database. */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_MESSAGE =
  /Can't reach database server|Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/** Seconds a reader or client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;
/** A failure this recent means the database counts as down. */
const DOWN_FOR_MS = 15_000;
/** At most one log line per kind of failure in this interval. */
export const LOG_INTERVAL_MS = 30_000;

type OutageState = { databaseFailedAt: number; logged: Map<string, { at: number; suppressed: number }> };
const shared = globalThis as unknown as { broadsheetOutage?: OutageState };
const state = (): OutageState => (shared.broadsheetOutage ??= { databaseFailedAt: 0, logged: new Map() });

/** Whether `error` (or what it wraps) means the database could not be reached, rather than a bug or bad input. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error === "string") return UNAVAILABLE_MESSAGE.test(error);
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, message, meta } = e as {
      code?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: string } } };
    };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    const kind = meta?.driverAdapterError?.cause?.kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

/** Remembers that the database just failed us (for callers that only see a 500 afterwards). */
export function noteDatabaseFailure(): void {
  state().databaseFailedAt = Date.now();
}

/** True while a database failure is recent. */
export function databaseRecentlyUnavailable(now = Date.now()): boolean {
  return now - state().databaseFailedAt < DOWN_FOR_MS;
}

/**
 * Logs `line` under `kind` at most once per LOG_INTERVAL_MS; the next line of that kind says how many were left
 * out, so the log still tells how bad it was.
 */
export function logThrottled(
  kind: string,
  line: string,
  write: (line: string) => void = console.log,
  now = Date.now(),
): void {
  const { logged } = state();
  const last = logged.get(kind);
  if (last && now - last.at < LOG_INTERVAL_MS) {
    last.suppressed += 1;
    return;
  }
  const more = last?.suppressed
    ? ` (${last.suppressed} more like this in the last ${Math.round((now - last.at) / 1000)} s)`
    : "";
  logged.set(kind, { at: now, suppressed: 0 });
  write(`${line}${more}`);
}

/** The first line of an error's message, without Prisma's code excerpt: enough to tell failures apart. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Raw queries wrap the reason: "Raw query failed. Code: `N/A`. Message: `Can't reach database server at …`".
  const wrapped = /Message: `([^`]+)`/.exec(message)?.[1];
  if (wrapped) return wrapped;
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  // Prisma puts "Invalid `prisma.x.y()` invocation" and a source excerpt first and the reason last.
  return (lines.length > 1 && /^Invalid `/.test(lines[0]!) ? lines.at(-1)! : lines[0]) ?? "unknown error";
}

/** Logs a database outage once per interval, and remembers it. */
export function reportDatabaseUnavailable(error: unknown, write: (line: string) => void = console.error): void {
  noteDatabaseFailure();
  logThrottled(
    "database-unavailable",
    `[server] The database is unavailable: ${oneLine(error)}. Cached pages are still served.`,
    write,
  );
}

/**
 * The page readers get when a page is not cached and cannot be made right now (the database is down, the renderer
 * is restarting): a complete document, readable without JavaScript, never indexed, with when to come back.
 */
export function unavailablePageHtml(): string {
  return noticePageHtml({
    title: "Back in a moment",
    heading: "Back in a moment",
    paragraphs: ["This page cannot be shown right now. Please try again in a minute."],
  });
}

export function unavailableHeaders(): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
  };
}
