import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleView } from "@/components/site/ArticleView";
import { getArticlePage } from "@/lib/articles/public";
import { parseArticlePath } from "@/lib/articles/urls";
import { plainText } from "@/lib/documents/schema";
import { getPublication } from "@/lib/settings/publication";

/**
 * Article page: /YYYY/MM/DD/<slug>-a<id>. The first folder is named [section] only because Next requires sibling
 * dynamic folders to share a name (the section front lives at /[section]); here it holds the year.
 *
 * ISR: nothing is built ahead of time; each article renders on first request and is cached until one of its tags
 * expires (see getArticlePage). Non-canonical paths get a 301 in proxy.ts before reaching this page.
 */
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = { section: string; month: string; day: string; slug: string };
type Props = { params: Promise<Params> };

const requestedPath = (p: Params) => `/${p.section}/${p.month}/${p.day}/${p.slug}`;

async function articleFor(p: Params) {
  const parsed = parseArticlePath(requestedPath(p));
  return parsed ? getArticlePage(parsed.id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFor(await params);
  if (!article) return { title: "Page not found" };
  const description = article.dek || plainText(article.body).slice(0, 200);
  return {
    title: article.headline,
    description,
    alternates: { canonical: article.url },
  };
}

export default async function ArticlePage({ params }: Props) {
  const p = await params;
  const [article, publication] = await Promise.all([articleFor(p), getPublication()]);
  if (!article) notFound();
  // The proxy answers wrong slugs and dates with a 301; this covers the few seconds its memo may be stale.
  if (requestedPath(p) !== article.url) permanentRedirect(article.url);
  return <ArticleView article={article} locale={publication} opinionDisclaimer={publication.opinionDisclaimer} />;
}
