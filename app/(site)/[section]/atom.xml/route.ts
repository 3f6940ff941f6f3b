import { feedResponse } from "@/lib/feeds/feeds";

/** /<section>/atom.xml — Atom feed of a section; 404 for an unknown section. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ section: string }> }) {
  return feedResponse({ kind: "section", slug: (await params).section }, "atom");
}
