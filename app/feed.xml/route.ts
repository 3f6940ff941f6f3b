import { feedResponse } from "@/lib/feeds/feeds";

/** /feed.xml — RSS 2.0 feed of the whole site (newest 50 articles). */
export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse({ kind: "site" }, "rss");
}
