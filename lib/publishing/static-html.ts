/**
 * Next.js has no switch to leave its client runtime out of an app-router page (the pages router had
 * `unstable_runtimeJS: false`). Reader pages need none — no client components, plain links, everything works without
 * JavaScript (the e2e suites check it) — so the page cache removes it from pages whose render declared
 * `noClientRuntime()`: every <script> element except structured data (JSON-LD), and script preloads. What remains
 * is the document, its stylesheet and its fonts.
 */
const SCRIPT = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\bas="script")(?=[^>]*\brel="(?:preload|modulepreload)")[^>]*>/g;

export function withoutClientRuntime(html: string): string {
  return html.replace(SCRIPT_PRELOAD, "").replace(SCRIPT, "");
}
