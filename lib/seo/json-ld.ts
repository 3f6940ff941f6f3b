import type {
  AnalysisNewsArticle,
  BreadcrumbList,
  CorrectionComment,
  NewsArticle,
  NewsMediaOrganization,
  OpinionNewsArticle,
  Person,
  ProfilePage,
  SearchAction,
  WebSite,
  WithContext,
} from "schema-dts";
import type { ArticleType as ArticleKind } from "../../generated/prisma/client";
import type { PublicationSettings } from "../settings/publication";
import { isoWithOffset } from "../time/zones";
import { crumbs as trail, type Crumb } from "./breadcrumbs";
import { CROP_VARIANTS, absoluteUrl, cropPath, logoPath } from "./urls";

/**
 * Structured data (schema.org JSON-LD) for every public page type, typed with schema-dts. Builders are pure and
 * take the site URL, so tests can check the rules; `serializeJsonLd` is the only way it reaches HTML.
 */

type Site = Pick<PublicationSettings, "name" | "tagline" | "language" | "timeZone">;

export type JsonLdDocument = WithContext<
  | NewsArticle
  | OpinionNewsArticle
  | AnalysisNewsArticle
  | BreadcrumbList
  | ProfilePage
  | WebSite
  | NewsMediaOrganization
>;

/**
 * JSON for a <script type="application/ld+json">: `<`, `>` and `&` are escaped so no string in the data (a
 * headline containing `</script>` or `<!--`) can end the script element, and U+2028/U+2029 so the text stays valid
 * JavaScript for old parsers. JSON.parse reads the escapes back to the same characters.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function organization(site: Site, siteUrl?: string) {
  return {
    "@type": "NewsMediaOrganization" as const,
    name: site.name,
    url: absoluteUrl("/", siteUrl),
    logo: { "@type": "ImageObject", url: absoluteUrl(logoPath, siteUrl), width: "512", height: "512" },
  } satisfies NewsMediaOrganization;
}

export function homeJsonLd(site: Site, siteUrl?: string): JsonLdDocument[] {
  return [
    {
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: site.name,
      url: absoluteUrl("/", siteUrl),
      inLanguage: site.language,
      ...(site.tagline ? { description: site.tagline } : {}),
      publisher: organization(site, siteUrl),
      // Sitelinks search box: where a search engine may send a reader's query (app/(site)/search).
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search", siteUrl)}?q={search_term_string}` },
        // Google's documented property; schema-dts does not list it.
        "query-input": "required name=search_term_string",
      } as SearchAction,
    },
    { "@context": "https://schema.org", ...organization(site, siteUrl) },
  ];
}

export function breadcrumbJsonLd(crumbs: Crumb[], siteUrl?: string): WithContext<BreadcrumbList> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.name,
      item: absoluteUrl(c.path, siteUrl),
    })),
  };
}

export function sectionJsonLd(site: Site, section: { name: string; url: string }, siteUrl?: string): JsonLdDocument[] {
  return [breadcrumbJsonLd(trail.section(site.name, section), siteUrl)];
}

export type ArticleLdInput = {
  url: string;
  headline: string;
  description: string;
  type: ArticleKind;
  publishedAt: string;
  modifiedAt: string;
  section: { name: string; url: string };
  authors: { name: string; url: string }[];
  tags: { name: string }[];
  heroMediaId: number | null;
  /** Corrections printed on the page, oldest first: `correction` as CorrectionComment items. */
  corrections?: readonly { text: string; at: string }[];
};

const articleType = (type: ArticleKind) =>
  type === "OPINION" ? "OpinionNewsArticle" : type === "ANALYSIS" ? "AnalysisNewsArticle" : "NewsArticle";

export function articleJsonLd(site: Site, article: ArticleLdInput, siteUrl?: string): JsonLdDocument[] {
  const url = absoluteUrl(article.url, siteUrl);
  // Every author is a separate Person with their page, so co-authors are credited individually.
  const authors: Person[] = article.authors.map((a) => ({
    "@type": "Person",
    name: a.name,
    url: absoluteUrl(a.url, siteUrl),
  }));
  const body = {
    "@context": "https://schema.org",
    "@type": articleType(article.type),
    headline: article.headline.slice(0, 110),
    description: article.description,
    datePublished: isoWithOffset(article.publishedAt, site.timeZone),
    dateModified: isoWithOffset(article.modifiedAt, site.timeZone),
    author: authors,
    publisher: organization(site, siteUrl),
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    inLanguage: site.language,
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name),
    isAccessibleForFree: true,
    ...(article.corrections?.length
      ? {
          correction: article.corrections.map((c): CorrectionComment => ({
            "@type": "CorrectionComment",
            text: c.text,
            datePublished: isoWithOffset(c.at, site.timeZone),
          })),
        }
      : {}),
    ...(article.heroMediaId !== null
      ? { image: CROP_VARIANTS.map((v) => absoluteUrl(cropPath(article.heroMediaId as number, v), siteUrl)) }
      : {}),
  } as WithContext<NewsArticle | OpinionNewsArticle | AnalysisNewsArticle>;
  return [body, breadcrumbJsonLd(trail.article(site.name, article), siteUrl)];
}

export function authorJsonLd(
  site: Site,
  author: {
    name: string;
    url: string;
    jobTitle: string;
    bio: string;
    photoUrl: string | null;
    links: { url: string }[];
  },
  siteUrl?: string,
): JsonLdDocument[] {
  const url = absoluteUrl(author.url, siteUrl);
  const sameAs = author.links.map((l) => l.url).filter((u) => /^https?:\/\//.test(u));
  return [
    {
      "@context": "https://schema.org",
      "@type": "ProfilePage",
      url,
      mainEntity: {
        "@type": "Person",
        name: author.name,
        url,
        ...(author.jobTitle ? { jobTitle: author.jobTitle } : {}),
        ...(author.bio ? { description: author.bio } : {}),
        ...(author.photoUrl ? { image: absoluteUrl(author.photoUrl, siteUrl) } : {}),
        ...(sameAs.length ? { sameAs } : {}),
        worksFor: organization(site, siteUrl),
      },
    },
    breadcrumbJsonLd(trail.author(site.name, author), siteUrl),
  ];
}
