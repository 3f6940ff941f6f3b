import { getSitemapIndex } from "@/lib/sitemaps/sitemaps";
import { renderSitemapIndex, xmlResponse } from "@/lib/sitemaps/xml";

/** /sitemap.xml — the sitemap index: article sitemaps by month, then sections, authors and tags. */
export const dynamic = "force-dynamic";

export async function GET() {
  return xmlResponse(renderSitemapIndex(await getSitemapIndex()));
}
