/**
 * Every response's security headers, decided here and nowhere else (docs/architecture.md, "Security headers").
 *
 * - The front (scripts/serve.ts) sets `securityHeaders()` on every response it writes, cache hits included, before
 *   anything else: pages, feeds, sitemaps, media, Next's assets, the API, errors and its own 503.
 * - Reader pages run no script at all (lib/publishing/static-html.ts removes Next's client runtime; JSON-LD blocks
 *   are data, which CSP does not govern), so the default policy is static and allows none: `script-src 'none'`.
 *   Being identical for every reader, it suits the page cache, where a per-request nonce could not live.
 * - The newsroom needs Next's inline bootstrap scripts. proxy.ts gives each /admin request a fresh nonce and
 *   `newsroomContentSecurityPolicy(nonce)`, which Next reads from the request to stamp its scripts (Next's CSP
 *   guide); the renderer's response carries it, and the front lets that one header replace the static policy.
 *   Newsroom pages are never cached, so a nonce is never served twice.
 * - Over https (SITE_URL), HSTS and `upgrade-insecure-requests` are added; over plain http they would be wrong.
 */

export const CSP_HEADER = "content-security-policy";

const isHttps = (siteUrl: URL | string) => new URL(siteUrl).protocol === "https:";

/** Directives both policies share: nothing may frame us, load plugins, rebase URLs, or post forms elsewhere. */
function commonDirectives(https: boolean): string[] {
  return [
    "default-src 'self'",
    // Inline style attributes and <style> are used by Next's CSS and the editor; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
}

/** Reader pages, feeds, sitemaps, media and everything without a nonce: no script runs. */
export function staticContentSecurityPolicy(siteUrl: URL | string): string {
  const [first, ...rest] = commonDirectives(isHttps(siteUrl));
  return [first, "script-src 'none'", ...rest].join("; ");
}

/**
 * The newsroom: Next's scripts carry the nonce, and `strict-dynamic` lets them load the chunks they need, so no
 * host list is needed (and `'self'` alone would not cover Next's inline bootstrap).
 */
export function newsroomContentSecurityPolicy(nonce: string, siteUrl: URL | string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error("A CSP nonce must be at least 16 base64 characters.");
  const [first, ...rest] = commonDirectives(isHttps(siteUrl));
  return [first, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, ...rest].join("; ");
}

/** 128 random bits, base64: a new one for every newsroom request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Features no page of ours uses; denying them means an injected frame or script cannot ask for them either. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
].join(", ");

/** The headers every response gets, with the static policy (the newsroom's nonce policy replaces that one). */
export function securityHeaders(siteUrl: URL | string): [string, string][] {
  const headers: [string, string][] = [
    [CSP_HEADER, staticContentSecurityPolicy(siteUrl)],
    // For browsers older than frame-ancestors; both say the same.
    ["x-frame-options", "DENY"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["permissions-policy", PERMISSIONS_POLICY],
    ["x-content-type-options", "nosniff"],
    ["cross-origin-opener-policy", "same-origin"],
  ];
  // Two years, the preload list's minimum; only when the site is https, since browsers ignore it over http and
  // it would pin a development host (localhost) to https.
  if (isHttps(siteUrl)) headers.push(["strict-transport-security", "max-age=63072000; includeSubDomains"]);
  return headers;
}
