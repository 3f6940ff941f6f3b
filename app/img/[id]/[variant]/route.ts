import { CROP_CACHE_CONTROL, heroCrop, isCropName } from "@/lib/media/crops";
import { goneResponse, mediaRemoved } from "@/lib/media/removal";

/** /img/<mediaId>/<16x9|4x3|1x1>.jpg — hero crops for article structured data (see lib/media/crops.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; variant: string }> }) {
  const { id, variant } = await params;
  const name = variant.endsWith(".jpg") ? variant.slice(0, -4) : "";
  if (!/^[1-9][0-9]{0,8}$/.test(id) || !isCropName(name)) return notFound();
  const bytes = await heroCrop(Number(id), name);
  if (!bytes) return (await mediaRemoved(Number(id))) ? goneResponse() : notFound();
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/jpeg", "Cache-Control": CROP_CACHE_CONTROL, "X-Content-Type-Options": "nosniff" },
  });
}

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
