import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getRaw } from "./http";

/**
 * A bare node:http server that replays one response, to put a cached page's throughput in proportion: what share
 * of "node:http writing these bytes" the real server achieves.
 */

export type ResponseSnapshot = { status: number; headers: Record<string, string>; body: string; gzip: string };

/** Per-connection or per-response headers that the replaying server sets itself. */
const OWN_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
]);

/** The response to `url` as the server sends it: headers, identity body and gzipped body (base64). */
export async function snapshotResponse(url: string): Promise<ResponseSnapshot> {
  const gzipped = await getRaw(url, { "accept-encoding": "gzip" });
  const plain = await getRaw(url, { "accept-encoding": "identity" });
  if (gzipped.headers["content-encoding"] !== "gzip")
    throw new Error(`${url} did not answer gzip to a request that accepts it.`);
  const headers: Record<string, string> = {};
  for (let i = 0; i < gzipped.rawHeaders.length; i += 2) {
    const name = gzipped.rawHeaders[i]!.toLowerCase();
    if (OWN_HEADERS.has(name)) continue;
    headers[name] =
      headers[name] === undefined ? gzipped.rawHeaders[i + 1]! : `${headers[name]}, ${gzipped.rawHeaders[i + 1]!}`;
  }
  return {
    status: gzipped.status,
    headers,
    body: plain.body.toString("base64"),
    gzip: gzipped.body.toString("base64"),
  };
}

/** Starts the replaying server as a child process on `port`; resolves once it listens. */
export function startBareServer(
  snapshot: ResponseSnapshot,
  port: number,
): Promise<{ base: string; pid: number; stop(): void }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bench-bare-")), "snapshot.json");
  writeFileSync(file, JSON.stringify(snapshot));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("bench", "lib", "bare-http-child.ts"), file, String(port)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const stop = () => void (child.exitCode === null && child.kill("SIGTERM"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("The bare node:http server did not start within 10 s."));
    }, 10_000);
    child.on("exit", (code) => reject(new Error(`The bare node:http server exited with code ${code}.`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("listening")) return;
      clearTimeout(timer);
      resolve({ base: `http://127.0.0.1:${port}`, pid: child.pid!, stop });
    });
  });
}
