import http from "node:http";

/**
 * Purges of the shared HTTP caches in front of the instances (Varnish, deploy/varnish/default.vcl), by tag: the
 * front sends each cached response's tags in an `xkey` header (surrogateHeaders, scripts/serve.ts), and a change
 * sends `PURGE` with the tags it touched to every URL in VARNISH_PURGE_URLS (comma-separated, e.g.
 * `http://10.0.0.5:6081/`). Soft tags (`xkey-softpurge`) keep the old copy servable while Varnish fetches the new
 * one; hard tags (`xkey-purge`) delete, for what may no longer be shown (docs/caching.md).
 *
 * After the commit, never before; the first try is awaited (the writer's next request should see the change), the
 * retries run in the background, and a purge that still fails is logged loudly with its tags, so an operator can
 * replay it (`curl -X PURGE -H 'xkey-purge: <tags>' <url>`) — it is never dropped silently.
 */

/** Past this, a response is not offered to shared caches at all (see surrogateHeaders). */
export const MAX_TAG_HEADER_BYTES = 4096;
const ATTEMPT_TIMEOUT_MS = 2_000;
const RETRY_DELAYS_MS = [250, 1_000, 4_000];

export function varnishUrls(): URL[] {
  return (process.env.VARNISH_PURGE_URLS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s));
}

/**
 * The headers that tell shared caches what a cached response shows, or null when its tags do not fit in
 * MAX_TAG_HEADER_BYTES (a news sitemap of a thousand articles): such a response is sent `private` to the shared
 * cache, which then passes it through to the instance's own page cache, where every tag is kept. Dropping tags
 * instead would let a take-down miss it.
 */
export function surrogateHeaders(tags: readonly string[]): Record<string, string> | null {
  const value = tags.join(" ");
  if (Buffer.byteLength(value) > MAX_TAG_HEADER_BYTES) return null;
  // xkey for Varnish, Surrogate-Key for Fastly (space-separated), Cache-Tag for Cloudflare (commas).
  return { xkey: value, "surrogate-key": value, "cache-tag": tags.join(",") };
}

/** Splits tags into header values of at most `max` bytes (Varnish refuses request headers past 8 KB). */
function chunks(tags: readonly string[], max = 3_000): string[] {
  const out: string[] = [];
  let current = "";
  for (const tag of tags) {
    if (current && current.length + tag.length + 1 > max) {
      out.push(current);
      current = "";
    }
    current = current ? `${current} ${tag}` : tag;
  }
  if (current) out.push(current);
  return out;
}

function purgeOnce(url: URL, header: "xkey-purge" | "xkey-softpurge", value: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port || 80, path: url.pathname, method: "PURGE", headers: { [header]: value } },
      (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`${url.origin} answered ${response.statusCode} ${response.statusMessage ?? ""}`)),
        );
      },
    );
    request.setTimeout(ATTEMPT_TIMEOUT_MS, () => request.destroy(new Error(`${url.origin} did not answer in time`)));
    request.on("error", reject);
    request.end();
  });
}

async function purgeWithRetries(
  url: URL,
  header: "xkey-purge" | "xkey-softpurge",
  value: string,
  first: (settled: void) => void,
): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      await purgeOnce(url, header, value);
      first();
      return;
    } catch (error) {
      lastError = error;
      first();
      if (attempt < RETRY_DELAYS_MS.length) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
    }
  }
  console.error(
    `[server] PURGE FAILED after ${RETRY_DELAYS_MS.length + 1} tries on ${url.origin}: ${lastError instanceof Error ? lastError.message : String(lastError)}. ` +
      `Pages tagged "${value}" may be served stale by that cache until their time limit; replay with: curl -X PURGE -H '${header}: ${value}' ${url.href}`,
  );
}

/** Purges these tags on every configured Varnish; resolves after the first try of each (retries go on after). */
export async function purgeSharedCaches(plan: { hard?: readonly string[]; soft?: readonly string[] }): Promise<void> {
  const urls = varnishUrls();
  if (urls.length === 0) return;
  const jobs: Promise<void>[] = [];
  for (const url of urls) {
    for (const [header, tags] of [
      ["xkey-purge", plan.hard ?? []],
      ["xkey-softpurge", plan.soft ?? []],
    ] as const) {
      for (const value of chunks(tags)) {
        jobs.push(new Promise<void>((first) => void purgeWithRetries(url, header, value, first)));
      }
    }
  }
  await Promise.all(jobs);
}
