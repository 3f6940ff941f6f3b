import { OG_CACHE_CONTROL, socialCard } from "@/lib/media/crops";
import { readPublication } from "@/lib/settings/publication";

/** /img/og/<articleId>.jpg — the 1200×630 social card of a published article; 404 for anything else. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^([1-9][0-9]{0,8})\.jpg$/.exec(file);
  const bytes = match ? await socialCard(Number(match[1]), (await readPublication()).name) : null;
  if (!bytes) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/jpeg", "Cache-Control": OG_CACHE_CONTROL, "X-Content-Type-Options": "nosniff" },
  });
}
