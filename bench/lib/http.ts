import http from "node:http";
import { gunzipSync } from "node:zlib";

/**
 * Where a response came from. `x-cache` (HIT | STALE | MISS | BYPASS) is the server's answer; servers before it
 * sent `x-page-cache` (HIT | MISS | BYPASS), read when `x-cache` is absent. "none" when neither is present.
 */
export function cacheState(header: (name: string) => string | string[] | undefined | null): string {
  const value = header("x-cache") ?? header("x-page-cache");
  return (Array.isArray(value) ? value[0] : value) ?? "none";
}

export type RawResponse = { status: number; rawHeaders: string[]; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET that keeps the bytes as sent (no decompression), on the given agent (one keep-alive connection, say). */
export function getRaw(
  url: string,
  headers: Record<string, string>,
  agent?: http.Agent,
  timeoutMs = 15_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          rawHeaders: res.rawHeaders,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/** The body as text, gunzipped when the server compressed it. */
export function bodyText(res: RawResponse): string {
  return (res.headers["content-encoding"] === "gzip" ? gunzipSync(res.body) : res.body).toString("utf8");
}
