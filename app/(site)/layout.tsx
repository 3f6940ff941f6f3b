import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteDocument } from "@/components/site/SiteDocument";
import { env } from "@/lib/env";
import { noClientRuntime } from "@/lib/publishing/dependencies";
import { INDEXABLE_ROBOTS, SITE_ICONS } from "@/lib/seo/metadata";
import { getSectionNav } from "@/lib/sections/public";
import { getPublication } from "@/lib/settings/publication";
import { fontVariables } from "./fonts";
import "./site.css";

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return {
    metadataBase: new URL(env().SITE_URL),
    title: { default: publication.name, template: `%s — ${publication.name}` },
    description: publication.tagline || undefined,
    // Pages set their own robots; this covers any page that forgets (indexable, large previews).
    robots: INDEXABLE_ROBOTS,
    icons: SITE_ICONS,
  };
}

/** Root layout of the public site (the newsroom has its own under app/(admin)). */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  // Reader pages have no client components and link with plain anchors: they are served without Next's client
  // runtime (lib/publishing/static-html.ts). A reader page that needs JavaScript must remove this.
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
      {children}
    </SiteDocument>
  );
}
