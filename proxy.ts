import { NextResponse, type NextRequest } from "next/server";
import { canonicalRedirectFor } from "@/lib/articles/routing";

/**
 * Article URLs carry a slug and a date only for people; the id decides. Any other slug or date for a published
 * article gets a 301 to the canonical URL. This lives here rather than in the page because Next's
 * `permanentRedirect` answers 308, and some crawlers and link checkers only treat 301 as "moved for good".
 * Unpublished or unknown ids pass through and the page answers 404.
 */
export async function proxy(request: NextRequest) {
  let target: string | null;
  try {
    target = await canonicalRedirectFor(request.nextUrl.pathname);
  } catch (error) {
    // The page does the same check (with a 308), so a database hiccup here costs at most a redirect code.
    console.error("article redirect lookup failed", error);
    return NextResponse.next();
  }
  if (!target) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = target;
  return NextResponse.redirect(url, 301);
}

export const config = {
  // Only article-shaped paths: /YYYY/MM/DD/<slug>-a<id>.
  matcher: ["/:year(\\d{4})/:month(\\d{2})/:day(\\d{2})/:slug([^/]*-a\\d{1,9})"],
};
