import { openSearchDescription } from "@/lib/search/opensearch";
import { getPublication } from "@/lib/settings/publication";

/** /opensearch.xml: the site's search for browsers' address bars (lib/search/opensearch.ts). */
export const dynamic = "force-dynamic";

export async function GET() {
  return new Response(openSearchDescription(await getPublication()), {
    headers: {
      "Content-Type": "application/opensearchdescription+xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
