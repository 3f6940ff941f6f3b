import { getSitemap, parseSitemapName } from "@/lib/sitemaps/sitemaps";
import { renderUrlSet, xmlResponse } from "@/lib/sitemaps/xml";

/** /sitemaps/articles-YYYY-MM.xml, /sitemaps/sections.xml, /sitemaps/authors.xml, /sitemaps/tags.xml */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const name = parseSitemapName((await params).name);
  const entries = name ? await getSitemap(name) : null;
  if (!entries)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xmlResponse(renderUrlSet(entries));
}
