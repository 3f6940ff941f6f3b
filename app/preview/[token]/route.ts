import { cookies, draftMode } from "next/headers";
import { previewPath, resolvePreviewToken } from "@/lib/articles/preview";
import { PREVIEW_COOKIE } from "@/lib/articles/preview-cookie";
import { env } from "@/lib/env";
import { noticePageHtml } from "@/lib/ops/notice-page";
import { readPublication } from "@/lib/settings/publication";

/**
 * Opens a preview link (lib/articles/preview.ts): turns on Next's draft mode, keeps the token in an http-only cookie
 * for the article page, and sends the browser to the article's path. An unknown or expired link answers 410 with a
 * short notice. Nothing here is cacheable or indexable.
 */
export const dynamic = "force-dynamic";

const privateHeaders = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [grant, publication] = await Promise.all([resolvePreviewToken(token), readPublication()]);
  if (!grant) {
    const html = noticePageHtml({
      lang: publication.language,
      title: `Preview unavailable | ${publication.name}`,
      heading: "This preview link has expired",
      paragraphs: ["Preview links work for 48 hours, until they are revoked. Ask the newsroom for a new one."],
    });
    return new Response(html, {
      status: 410,
      headers: { ...privateHeaders, "Content-Type": "text/html; charset=utf-8" },
    });
  }
  (await draftMode()).enable();
  (await cookies()).set(PREVIEW_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().SITE_URL.startsWith("https:"),
    path: "/",
    expires: grant.expiresAt,
  });
  const to = await previewPath(grant.articleId, publication.timeZone);
  return new Response(null, { status: 303, headers: { ...privateHeaders, Location: to } });
}
