import { after, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";

// This file runs in a process of its own (node:test), so it can point the app at a database that is down: a port
// where nothing listens. The client is created lazily, so this must happen before the first query.
const probe = net.createServer();
await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
const deadPort = (probe.address() as net.AddressInfo).port;
await new Promise((resolve) => probe.close(resolve));
process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${deadPort}/broadsheet`;

const { db, disconnectDb } = await import("../db");
const { isDatabaseUnavailable, logThrottled, LOG_INTERVAL_MS } = await import("./outage");
const articlesRoute = await import("../../app/api/admin/v1/articles/route");

/**
 * During a database outage (issue 8, finding 13) the API says what happened in words that fit a read or a write,
 * with 503 and Retry-After, and the log gets one line per interval instead of a Prisma error per request.
 */

after(() => disconnectDb());

const TOKEN = "bst_0123456789abcdef0123456789abcdef";

async function call(method: "GET" | "POST") {
  const handler = articlesRoute[method] as (request: Request, context: never) => Promise<Response>;
  const request = new Request("http://localhost:3000/api/admin/v1/articles", {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(method === "POST" ? { "content-type": "application/json" } : {}) },
    body: method === "POST" ? JSON.stringify({ headline: "During the outage" }) : undefined,
  });
  const response = await handler(request, {} as never);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { error: string },
  };
}

/** Runs `fn` with console.error and console.log captured. */
async function capturing<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const { error, log } = console;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  console.log = console.error;
  try {
    return { result: await fn(), lines };
  } finally {
    Object.assign(console, { error, log });
  }
}

test("a real Prisma error for an unreachable database is recognised; a bug is not", async () => {
  const failure = await db()
    .section.findFirst()
    .then(
      () => null,
      (error: unknown) => error,
    );
  assert.ok(failure, "the query must fail");
  assert.equal(isDatabaseUnavailable(failure), true);
  assert.equal(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'slug')")), false);
});

test("API reads and writes answer 503 with Retry-After and a sentence that fits each; the log gets one line", async () => {
  const { result, lines } = await capturing(async () => {
    const reads = [];
    for (let i = 0; i < 20; i++) reads.push(await call("GET"));
    return { read: reads[0]!, reads, write: await call("POST") };
  });
  assert.equal(result.read.status, 503);
  assert.equal(result.read.retryAfter, "30");
  assert.equal(result.read.body.error, "The database is not answering right now. Try again in 30 seconds.");
  assert.ok(result.reads.every((r) => r.status === 503));
  assert.equal(result.write.status, 503);
  assert.equal(
    result.write.body.error,
    "The database is not answering right now, so the change was not saved. Try again in 30 seconds.",
  );
  assert.equal(lines.length, 1, `log lines:\n${lines.join("\n")}`);
  assert.match(
    lines[0]!,
    new RegExp(
      `^\\[server\\] The database is unavailable: Can't reach database server at 127\\.0\\.0\\.1:${deadPort}\\. Cached pages are still served\\.$`,
    ),
  );
});

test("one log line per kind per interval; the next one says how many were left out", () => {
  const lines: string[] = [];
  const t0 = 1_000_000_000;
  for (let i = 0; i < 100; i++) logThrottled("test-kind", "a failure", (line) => lines.push(line), t0 + i);
  logThrottled("other-kind", "another failure", (line) => lines.push(line), t0 + 200);
  logThrottled("test-kind", "a failure", (line) => lines.push(line), t0 + LOG_INTERVAL_MS + 1);
  assert.deepEqual(lines, ["a failure", "another failure", "a failure (99 more like this in the last 30 s)"]);
});
