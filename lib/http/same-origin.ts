/**
 * Cross-site request forgery, refused with a 403 before anything runs. Newsroom writes are server actions (form
 * posts) authenticated by the session cookie; Next itself refuses a server action whose Origin is another host,
 * but by throwing, which readers and monitors see as a 500. This check answers first, for every write that carries
 * a browser's provenance headers; the admin API is exempt (bearer tokens, no cookies, not reached by proxy.ts).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type WriteRequest = {
  method: string;
  /** The Origin header, if any. */
  origin: string | null;
  /** The Sec-Fetch-Site header, if any. */
  secFetchSite: string | null;
  /** The host the browser addressed (x-forwarded-host from the front, else Host). */
  host: string | null;
  /** SITE_URL: its host is always ours. */
  siteUrl: string;
};

/** True when a state-changing request was sent by a page of another site. */
export function isCrossSiteWrite(request: WriteRequest): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite === "cross-site") return true;
  if (request.origin === null) return false;
  let originHost: string;
  try {
    // "null" (sandboxed frames, some redirects) does not parse: refused like a foreign origin.
    originHost = new URL(request.origin).host;
  } catch {
    return true;
  }
  return originHost !== new URL(request.siteUrl).host && originHost !== request.host;
}

export const CROSS_SITE_MESSAGE =
  "This form was sent from another site, so it was refused. Open the newsroom from this site's own address and try again.";

/** The 403 page: a sentence a person understands, never a stack trace. */
export function crossSiteRefusal(): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Refused</title></head>` +
      `<body><h1>Refused</h1><p>${CROSS_SITE_MESSAGE}</p></body></html>`,
    { status: 403, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}
