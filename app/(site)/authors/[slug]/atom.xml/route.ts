import { feedResponse } from "@/lib/feeds/feeds";

/** /authors/<slug>/atom.xml — Atom feed of an author's articles; 404 for an unknown author. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: "author", slug: (await params).slug }, "atom");
}
