import { publicationLogo } from "@/lib/media/crops";
import { readPublication } from "@/lib/settings/publication";

/** /img/logo.png — the publisher logo named in structured data, drawn from the publication's name. */
export const dynamic = "force-dynamic";

export async function GET() {
  const bytes = await publicationLogo((await readPublication()).name);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=3600" },
  });
}
