import { feedResponse } from "@/lib/feeds/feeds";

/** /atom.xml — Atom feed of the whole site (newest 50 articles). */
export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse({ kind: "site" }, "atom");
}
