import type { Metadata } from "next";
import { notFoundMetadata } from "@/lib/seo/metadata";
import { NotFoundMessage } from "@/components/site/NotFoundMessage";
import { noClientRuntime } from "@/lib/publishing/dependencies";
import { getSectionNav } from "@/lib/sections/public";
import { getPublication } from "@/lib/settings/publication";
import { SiteDocument } from "@/components/site/SiteDocument";
import { fontVariables } from "./(site)/fonts";
import "./(site)/site.css";

/**
 * 404 for URLs that match no route at all (e.g. /a/b/c). The site and the newsroom have separate root layouts,
 * so there is no shared layout a plain not-found.tsx could render in; this page brings its own <html>.
 * Rendered per request: settings (name, language) live in the database, which does not exist at build time.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = notFoundMetadata();

export default async function GlobalNotFound() {
  // A reader page like any other: no client runtime (lib/publishing/static-html.ts; the public CSP allows no script).
  noClientRuntime();
  const [publication, sections] = await Promise.all([getPublication(), getSectionNav()]);
  return (
    <SiteDocument
      language={publication.language}
      name={publication.name}
      tagline={publication.tagline}
      sections={sections}
      fontClassName={fontVariables}
    >
      <NotFoundMessage />
    </SiteDocument>
  );
}
