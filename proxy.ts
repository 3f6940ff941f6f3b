import { NextResponse, type NextRequest } from "next/server";
import { resolveArticleRequest } from "@/lib/articles/routing";

/**
 * Article URLs carry a slug and a date only for people; the id decides. Any other slug or date for a published
 * article gets a 301 to the canonical URL — here rather than in the page because Next's `permanentRedirect`
 * answers 308, and some crawlers and link checkers only treat 301 as "moved for good".
 *
 * Unknown and unpublished ids are sent to a path no route matches, so Next answers with the global 404 page as
 * a full HTML document. (A `notFound()` thrown by a page is answered with an empty HTML shell that only renders
 * with JavaScript; readers without it and crawlers would see a blank page. It also keeps such ids from filling
 * the ISR cache.) The page still calls `notFound()` for the seconds the lookup memo may be stale.
 */
const NOT_FOUND_PATH = "/_broadsheet/article-not-found";

export async function proxy(request: NextRequest) {
  let result;
  try {
    result = await resolveArticleRequest(request.nextUrl.pathname);
  } catch (error) {
    // The page makes the same checks (308 and notFound()), so a database hiccup here only costs the best answer.
    console.error("article route lookup failed", error);
    return NextResponse.next();
  }
  if (result?.kind === "redirect") {
    const url = request.nextUrl.clone();
    url.pathname = result.to;
    return NextResponse.redirect(url, 301);
  }
  if (result?.kind === "missing") {
    const url = request.nextUrl.clone();
    url.pathname = NOT_FOUND_PATH;
    url.search = "";
    return NextResponse.rewrite(url);
  }
  return NextResponse.next();
}

export const config = {
  // Only article-shaped paths: /YYYY/MM/DD/<slug>-a<id>.
  matcher: ["/:year(\\d{4})/:month(\\d{2})/:day(\\d{2})/:slug([^/]*-a\\d{1,9})"],
};
