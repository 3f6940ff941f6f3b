import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { tags } from "@/lib/publishing/cache-tags";
import { dependsOn } from "@/lib/publishing/dependencies";

/**
 * /robots.txt — the public site is open to every crawler; the newsroom, the API and previews are not. The sitemap
 * lines are absolute (SITE_URL), as the robots.txt standard requires. Read per request: SITE_URL is a deployment
 * setting, not a build-time one.
 */
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  dependsOn(tags.deployment);
  const site = env().SITE_URL;
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/preview"] }],
    sitemap: [new URL("/sitemap.xml", site).toString(), new URL("/news-sitemap.xml", site).toString()],
  };
}
