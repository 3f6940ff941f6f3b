import type { ComponentProps, ReactNode } from "react";
import { SiteFooter } from "./SiteFooter";
import { SiteHeader } from "./SiteHeader";

/**
 * The public site's whole HTML document: skip link, header with section navigation, main, footer. Rendered by the
 * site's root layout and by the global 404 page, which (with two root layouts) has to bring its own <html>.
 */
export function SiteDocument({
  language,
  name,
  tagline,
  sections,
  fontClassName,
  children,
}: {
  language: string;
  name: string;
  tagline: string;
  sections: ComponentProps<typeof SiteHeader>["sections"];
  fontClassName: string;
  children: ReactNode;
}) {
  return (
    <html lang={language} className={fontClassName}>
      <body className="site">
        {/* Browsers offer the site's search from the address bar (/opensearch.xml); React hoists this into <head>. */}
        <link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title={name} />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader name={name} tagline={tagline} sections={sections} />
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter name={name} sections={sections} />
      </body>
    </html>
  );
}
