import { XMLBuilder } from "fast-xml-parser";
import { absoluteUrl, logoPath } from "../seo/urls";

/**
 * The OpenSearch description (/opensearch.xml, linked from every page's <head>): lets a browser add the site's
 * search to its address bar. ShortName is limited to 16 characters by the specification.
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  processEntities: true,
  suppressEmptyNode: true,
});

export function openSearchDescription(
  site: { name: string; tagline: string; language: string },
  siteUrl?: string,
): string {
  const document = {
    OpenSearchDescription: {
      "@_xmlns": "http://a9.com/-/spec/opensearch/1.1/",
      ShortName: site.name.slice(0, 16),
      Description: `Search ${site.name}`.slice(0, 1024),
      InputEncoding: "UTF-8",
      Language: site.language,
      Image: { "@_width": 512, "@_height": 512, "@_type": "image/png", "#text": absoluteUrl(logoPath, siteUrl) },
      Url: {
        "@_type": "text/html",
        "@_method": "get",
        "@_template": `${absoluteUrl("/search", siteUrl)}?q={searchTerms}`,
      },
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(document)}`;
}
