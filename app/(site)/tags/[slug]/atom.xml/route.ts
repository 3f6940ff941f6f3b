import { feedResponse } from "@/lib/feeds/feeds";

/** /tags/<slug>/atom.xml — Atom feed of a tag's articles; 404 for an unknown tag. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: "tag", slug: (await params).slug }, "atom");
}
