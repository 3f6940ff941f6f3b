import { NextResponse, type NextRequest } from "next/server";
import { goneNoticeHtml, goneResponseInit } from "@/lib/articles/gone";
import { DRAFT_MODE_COOKIE, PREVIEW_COOKIE } from "@/lib/articles/preview-cookie";
import { resolveArticleRequest } from "@/lib/articles/routing";
import { parseArticlePath } from "@/lib/articles/urls";
import { looksLikeArticlePath, normalizeSitePath } from "@/lib/routing/paths";
import { env } from "@/lib/env";
import { crossSiteRefusal, isCrossSiteWrite } from "@/lib/http/same-origin";
import { CSP_HEADER, newNonce, newsroomContentSecurityPolicy } from "@/lib/http/security-headers";
import {
  isDatabaseUnavailable,
  reportDatabaseUnavailable,
  unavailableHeaders,
  unavailablePageHtml,
} from "@/lib/ops/outage";
import { scopeOfPath, scopePageExists } from "@/lib/routing/scopes";

/**
 * Status codes and URL hygiene for every page request, in one place and in one hop:
 *
 * - A trailing slash, repeated slashes or upper case in a site path, and any non-canonical article URL, get a single
 *   301 to the final URL (a wrong slug with a trailing slash goes straight to the canonical article). 301 rather
 *   than Next's 308 (`permanentRedirect`, and its own trailing-slash redirect, switched off in next.config.js)
 *   because some crawlers and link checkers only treat 301 as "moved for good".
 * - Taken-down articles answer 410 Gone with a short notice, written here because a page cannot choose its status.
 * - Unknown and unpublished ids, malformed article paths and malformed `?page=` values are rewritten to a path no
 *   route matches, so Next answers with the global 404 page as a full HTML document. (A `notFound()` thrown by a
 *   page is answered with an empty HTML shell that only renders with JavaScript; readers without it and crawlers
 *   would see a blank page. It also keeps such ids from filling the ISR cache.)
 * - An absurdly long query string, or a path with broken percent-escapes, is a malformed request: 400.
 *
 * - Section, author and tag paths whose slug does not exist, or whose `?page=` is past the last page, are rewritten
 *   the same way, for the same reason.
 *
 * - A write (POST …) sent by a page of another site is refused with a 403 page (lib/http/same-origin.ts), before
 *   Next's own server-action check would throw a 500.
 * - Newsroom requests get a fresh CSP nonce (lib/http/security-headers.ts): Next stamps it on its scripts.
 * - An article path opened from a preview link (draft mode and the preview cookie) goes straight to the page, which
 *   checks the link and may show an unpublished article; the answer is marked `noindex` and `no-store`.
 *
 * Only article, section, author and tag paths touch the database (through short in-process memos).
 */
const NOT_FOUND_PATH = "/_broadsheet/article-not-found";
/** Far above any real query (tracking parameters included), far below what would strain a page. */
const MAX_QUERY_LENGTH = 2_048;
const PAGE_PARAM = /^[1-9][0-9]{0,5}$/;

function notFound(request: NextRequest) {
  const url = request.nextUrl.clone();
  url.pathname = NOT_FOUND_PATH;
  url.search = "";
  return NextResponse.rewrite(url);
}

/** A 301 to `pathname` with the query kept. Built from the raw URL, so NextURL's trailing-slash memory stays out of it. */
function redirect(request: NextRequest, pathname: string) {
  const url = new URL(request.url);
  url.pathname = pathname;
  return NextResponse.redirect(url, 301);
}

/**
 * Lets a newsroom request through with a fresh nonce: set on the request's CSP header, from which Next takes it for
 * its own scripts (Next's CSP guide), and on the response, which the front passes on in place of its static policy.
 */
function newsroom(request: NextRequest) {
  const nonce = newNonce();
  const policy = newsroomContentSecurityPolicy(nonce, env().SITE_URL);
  const headers = new Headers(request.headers);
  headers.set(CSP_HEADER, policy);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP_HEADER, policy);
  return response;
}

/** Draft mode's cookie and a preview link's: the page decides what is shown (lib/articles/preview.ts). */
function inPreview(request: NextRequest): boolean {
  return request.cookies.has(DRAFT_MODE_COOKIE) && request.cookies.has(PREVIEW_COOKIE);
}

function preview() {
  const response = NextResponse.next();
  response.headers.set("Cache-Control", "private, no-store");
  response.headers.set("X-Robots-Tag", "noindex, nofollow");
  return response;
}

function decodable(pathname: string): boolean {
  if (!pathname.includes("%")) return true;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The page would fail too: answer a readable 503 with Retry-After now (Next's own error page is an empty shell with
 * status 500), and log the outage once per interval rather than once per request.
 */
function databaseDown(error: unknown) {
  reportDatabaseUnavailable(error);
  return new NextResponse(unavailablePageHtml(), { status: 503, headers: unavailableHeaders() });
}

export async function proxy(request: NextRequest) {
  // The path exactly as requested: NextURL normalises trailing slashes by configuration, and they matter here.
  const { pathname, search, searchParams } = new URL(request.url);
  const reading = request.method === "GET" || request.method === "HEAD";
  // Files (feeds, sitemaps, robots.txt, icons) have no other spelling worth a redirect, and the newsroom's forms
  // post to their own URLs: leave both alone.
  const isFile = /\.[a-z0-9]+$/i.test(pathname);
  if (!decodable(pathname)) {
    // Next would fail to decode the route parameters and answer 500.
    if (pathname.startsWith("/api/"))
      return NextResponse.json({ error: "The address is malformed (invalid percent-encoding)." }, { status: 400 });
    return new NextResponse("The address is malformed.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const crossSite = isCrossSiteWrite({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    siteUrl: env().SITE_URL,
  });
  if (crossSite) return crossSiteRefusal();
  const newsroomPath = pathname === "/admin" || pathname.startsWith("/admin/");
  if (!reading) return newsroomPath ? newsroom(request) : NextResponse.next();
  // Media, crops, the API and preview links only needed the decoding check (their handlers take it from here; a
  // preview token is case-sensitive, so its path must not be lower-cased).
  if (isFile || /^\/(?:media|img|api|preview)\//.test(pathname)) return NextResponse.next();

  if (search.length > MAX_QUERY_LENGTH) {
    return new NextResponse("The query string is too long.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  const target = normalizeSitePath(pathname);
  const isAdmin = target === "/admin" || target.startsWith("/admin/");
  if (!isAdmin) {
    const pages = searchParams.getAll("page");
    if (pages.length > 1 || (pages.length === 1 && !PAGE_PARAM.test(pages[0]!))) return notFound(request);
  }

  if (!isAdmin && looksLikeArticlePath(target)) {
    if (!parseArticlePath(target)) return notFound(request);
    if (inPreview(request)) return preview();
    let result;
    try {
      result = await resolveArticleRequest(target);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return databaseDown(error);
      // The page makes the same checks (308 and notFound()), so a database hiccup here only costs the best answer.
      console.error("article route lookup failed", error);
      return target === pathname ? NextResponse.next() : redirect(request, target);
    }
    if (result?.kind === "gone") return new NextResponse(goneNoticeHtml(result), goneResponseInit());
    if (result?.kind === "missing") return notFound(request);
    if (result?.kind === "redirect") return redirect(request, result.to);
  }

  const scope = isAdmin || /\.[a-z0-9]+$/i.test(target) ? null : scopeOfPath(target);
  if (scope) {
    try {
      const page = Number(searchParams.get("page") ?? 1);
      if (!(await scopePageExists(scope.kind, scope.slug, page))) return notFound(request);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return databaseDown(error);
      // The page makes the same check with notFound(), so a database hiccup only costs the full-HTML 404.
      console.error("scope lookup failed", error);
    }
  }

  if (target !== pathname) return redirect(request, target);
  return isAdmin ? newsroom(request) : NextResponse.next();
}

export const config = {
  // Every path except Next's own assets. Media, crops and the API pass through at once, after the check that
  // their path decodes (Next answers 500 when a route parameter is malformed percent-encoding).
  matcher: ["/((?!_next/).*)"],
};
