import { feedResponse } from "@/lib/feeds/feeds";

/** /<section>/feed.xml — RSS 2.0 feed of a section; 404 for an unknown section. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ section: string }> }) {
  return feedResponse({ kind: "section", slug: (await params).section }, "rss");
}
