import type { Metadata } from "next";
import type { ArticleType as ArticleKind } from "../../generated/prisma/client";
import type { PublicationSettings } from "../settings/publication";
import { AUTHORS_INDEX_PATH } from "./breadcrumbs";
import { absoluteUrl, feedPaths, logoPath, ogImagePath, tagPath } from "./urls";

/**
 * The one place that says what every public page tells search engines and social networks: title, description,
 * canonical, robots, OpenGraph, Twitter card and feed autodiscovery. Pages call one builder each; the builders are
 * pure (site URL passed in or read from env) so tests can state the rules without a server.
 */

type Site = Pick<PublicationSettings, "name" | "tagline" | "language">;

/** Indexable pages let search engines show large image previews (Discover and Top Stories need it). */
export const INDEXABLE_ROBOTS = {
  index: true,
  follow: true,
  "max-image-preview": "large",
  "max-snippet": -1,
  "max-video-preview": -1,
} as const satisfies NonNullable<Metadata["robots"]>;

/** The publisher logo doubles as the favicon, so browsers stop asking for a missing /favicon.ico. */
export const SITE_ICONS = {
  icon: [{ url: logoPath, type: "image/png", sizes: "512x512" }],
} as const satisfies NonNullable<Metadata["icons"]>;

const DESCRIPTION_MAX = 200;

/** A description that fits a search snippet: whitespace collapsed, cut at a word boundary. */
export function summarize(text: string, max = DESCRIPTION_MAX): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** `?page=N` pages are their own canonical (page 1 has no query), so each page of a list is indexed once. */
export function pagedPath(path: string, page: number): string {
  return page > 1 ? `${path}?page=${page}` : path;
}

const pageSuffix = (page: number) => (page > 1 ? ` (page ${page})` : "");

type FeedScope = { title: string; path: string };

function feedAlternates(site: Site, scope: FeedScope | null, siteUrl?: string) {
  const siteFeeds = feedPaths();
  const rss = [{ url: absoluteUrl(siteFeeds.rss, siteUrl), title: `${site.name} (RSS)` }];
  const atom = [{ url: absoluteUrl(siteFeeds.atom, siteUrl), title: `${site.name} (Atom)` }];
  if (scope) {
    const own = feedPaths(scope.path);
    rss.push({ url: absoluteUrl(own.rss, siteUrl), title: `${scope.title} — ${site.name} (RSS)` });
    atom.push({ url: absoluteUrl(own.atom, siteUrl), title: `${scope.title} — ${site.name} (Atom)` });
  }
  return { "application/rss+xml": rss, "application/atom+xml": atom };
}

type PageInput = {
  site: Site;
  /** Path of this page including `?page=N` when past page 1. */
  path: string;
  /** Page title without the publication name. Null for the home page. */
  title: string | null;
  description: string;
  feed: FeedScope | null;
  siteUrl?: string;
  openGraph?: Metadata["openGraph"];
  image?: { url: string; width: number; height: number; alt: string };
};

function localeOf(language: string): string {
  // OpenGraph wants ll_CC; "en" alone is accepted by parsers but a region makes it valid.
  return language.includes("-") ? language.replace("-", "_") : language;
}

function pageMetadata(input: PageInput): Metadata {
  const { site, siteUrl } = input;
  const title = input.title
    ? `${input.title} — ${site.name}`
    : site.tagline
      ? `${site.name} — ${site.tagline}`
      : site.name;
  const url = absoluteUrl(input.path, siteUrl);
  const image = input.image ?? { url: absoluteUrl(logoPath, siteUrl), width: 512, height: 512, alt: site.name };
  return {
    title: { absolute: title },
    description: input.description,
    alternates: { canonical: url, types: feedAlternates(site, input.feed, siteUrl) },
    robots: INDEXABLE_ROBOTS,
    openGraph: {
      type: "website",
      siteName: site.name,
      locale: localeOf(site.language),
      url,
      title: input.title ?? title,
      description: input.description,
      images: [image],
      ...input.openGraph,
    } as Metadata["openGraph"],
    twitter: {
      card: "summary_large_image",
      title: input.title ?? title,
      description: input.description,
      images: [image],
    },
  };
}

export function homeMetadata(site: Site, siteUrl?: string): Metadata {
  return pageMetadata({
    site,
    siteUrl,
    path: "/",
    title: null,
    description: site.tagline || `News and analysis from ${site.name}.`,
    feed: null,
  });
}

export function sectionMetadata(
  site: Site,
  section: { name: string; description: string; url: string; page: number },
  siteUrl?: string,
): Metadata {
  return pageMetadata({
    site,
    siteUrl,
    path: pagedPath(section.url, section.page),
    title: `${section.name}${pageSuffix(section.page)}`,
    description:
      summarize(section.description || `The latest ${section.name} stories from ${site.name}.`) +
      pageSuffix(section.page),
    feed: { title: section.name, path: section.url },
  });
}

export function authorMetadata(
  site: Site,
  author: {
    name: string;
    jobTitle: string;
    bio: string;
    url: string;
    page: number;
    photo?: { url: string; width: number; height: number; alt: string } | null;
  },
  siteUrl?: string,
): Metadata {
  const fallback = `${author.name}${author.jobTitle ? `, ${author.jobTitle}` : ""}: articles in ${site.name}.`;
  return pageMetadata({
    site,
    siteUrl,
    path: pagedPath(author.url, author.page),
    title: `${author.name}${pageSuffix(author.page)}`,
    description: summarize(author.bio || fallback) + pageSuffix(author.page),
    feed: { title: author.name, path: author.url },
    openGraph: { type: "profile" },
    image: author.photo ?? undefined,
  });
}

export function tagMetadata(
  site: Site,
  tag: { name: string; slug: string; page: number; description?: string },
  siteUrl?: string,
): Metadata {
  return pageMetadata({
    site,
    siteUrl,
    path: pagedPath(tagPath(tag.slug), tag.page),
    title: `${tag.name}${pageSuffix(tag.page)}`,
    description: summarize(tag.description || `Stories about ${tag.name} from ${site.name}.`) + pageSuffix(tag.page),
    feed: { title: tag.name, path: tagPath(tag.slug) },
  });
}

/** /authors, or one desk of it page by page (`desk.path` is /authors?desk=…). */
export function authorsIndexMetadata(
  site: Site,
  desk: { name: string; path: string; page: number } | null = null,
  siteUrl?: string,
): Metadata {
  if (!desk)
    return pageMetadata({
      site,
      siteUrl,
      path: AUTHORS_INDEX_PATH,
      title: "Authors",
      description: `The writers of ${site.name}, by desk.`,
      feed: null,
    });
  return pageMetadata({
    site,
    siteUrl,
    path: desk.page > 1 ? `${desk.path}&page=${desk.page}` : desk.path,
    title: `Authors: ${desk.name}${pageSuffix(desk.page)}`,
    description: `The ${desk.name} writers of ${site.name}.${pageSuffix(desk.page)}`,
    feed: null,
  });
}

export function correctionsMetadata(site: Site, page: number, siteUrl?: string): Metadata {
  return pageMetadata({
    site,
    siteUrl,
    path: pagedPath("/corrections", page),
    title: `Corrections${pageSuffix(page)}`,
    description: `Corrections to stories published by ${site.name}, newest first.${pageSuffix(page)}`,
    feed: null,
  });
}

export type ArticleMetaInput = {
  id: number;
  url: string;
  headline: string;
  description: string;
  type: ArticleKind;
  publishedAt: string;
  modifiedAt: string;
  section: { name: string };
  authors: { name: string; url: string }[];
  tags: { name: string }[];
  imageAlt: string;
};

export function articleMetadata(site: Site, article: ArticleMetaInput, siteUrl?: string): Metadata {
  const image = {
    url: absoluteUrl(ogImagePath(article.id), siteUrl),
    width: 1200,
    height: 630,
    alt: article.imageAlt || article.headline,
  };
  return {
    ...pageMetadata({
      site,
      siteUrl,
      path: article.url,
      title: article.headline,
      description: summarize(article.description),
      feed: null,
      image,
      openGraph: {
        type: "article",
        publishedTime: article.publishedAt,
        modifiedTime: article.modifiedAt,
        authors: article.authors.map((a) => absoluteUrl(a.url, siteUrl)),
        section: article.section.name,
        tags: article.tags.map((t) => t.name),
      },
    }),
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(a.url, siteUrl) })),
  };
}

/** Search results: never indexed (endless thin duplicates of the site), but their links may be followed. */
export function searchMetadata(q: string): Metadata {
  return {
    title: q ? `Search results for “${q}”` : "Search",
    robots: { index: false, follow: true },
  };
}

/**
 * Error pages: no canonical (a 404 has no address of its own to claim) and never indexed. Next itself writes
 * `<meta name="robots" content="noindex">` on every 404 response; `robots: null` drops the site layout's
 * indexable default so that tag is the only robots rule on the page.
 */
export function notFoundMetadata(site?: Pick<Site, "name">): Metadata {
  return {
    title: { absolute: site ? `Page not found — ${site.name}` : "Page not found" },
    robots: null,
    icons: SITE_ICONS,
  };
}
