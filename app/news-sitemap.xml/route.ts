import { getNewsSitemap } from "@/lib/sitemaps/sitemaps";
import { renderNewsSitemap, xmlResponse } from "@/lib/sitemaps/xml";

/** /news-sitemap.xml — Google News: articles first published in the last 48 hours, newest first, at most 1,000. */
export const dynamic = "force-dynamic";

export async function GET() {
  const { publication, entries } = await getNewsSitemap(new Date());
  return xmlResponse(renderNewsSitemap(publication, entries));
}
