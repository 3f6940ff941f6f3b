import { cookies, draftMode } from "next/headers";
import { PREVIEW_COOKIE } from "@/lib/articles/preview-cookie";

/** Leaves preview: draft mode off, the preview cookie gone, back to the front page. */
export const dynamic = "force-dynamic";

export async function GET() {
  (await draftMode()).disable();
  (await cookies()).delete(PREVIEW_COOKIE);
  return new Response(null, { status: 303, headers: { Location: "/", "Cache-Control": "private, no-store" } });
}
