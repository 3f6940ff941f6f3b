import type { MetadataRoute } from "next";
import { tags } from "@/lib/publishing/cache-tags";
import { dependsOn } from "@/lib/publishing/dependencies";
import { absoluteUrl } from "@/lib/seo/urls";

/**
 * /robots.txt — the public site is open to every crawler; the newsroom, the API and previews are not. The sitemap
 * lines are absolute (SITE_URL), as the robots.txt standard requires. Read per request: SITE_URL is a deployment
 * setting, not a build-time one.
 */
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  dependsOn(tags.deployment);
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/preview"] }],
    sitemap: [absoluteUrl("/sitemap.xml"), absoluteUrl("/news-sitemap.xml")],
  };
}
