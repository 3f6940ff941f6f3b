import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleView } from "@/components/site/ArticleView";
import { getArticlePage } from "@/lib/articles/public";
import { parseArticlePath } from "@/lib/articles/urls";
import { plainText } from "@/lib/documents/schema";
import { JsonLd } from "@/components/site/JsonLd";
import type { ArticlePageView } from "@/lib/articles/view-models";
import { articleJsonLd } from "@/lib/seo/json-ld";
import { articleMetadata, notFoundMetadata, summarize } from "@/lib/seo/metadata";
import { searchFacing } from "@/lib/seo/overrides";
import { getPublication } from "@/lib/settings/publication";

/**
 * Article page: /YYYY/MM/DD/<slug>-a<id>. The first folder is named [section] only because Next requires sibling
 * dynamic folders to share a name (the section front lives at /[section]); here it holds the year.
 *
 * Rendered on request, never by Next's own caches: the page cache in front of Next keeps the result under the tags
 * its getters declare (docs/caching.md). Non-canonical paths get a 301 in proxy.ts before reaching this page.
 */
export const dynamic = "force-dynamic";

type Params = { section: string; month: string; day: string; slug: string };
type Props = { params: Promise<Params> };

/** The dek, or the start of the body when there is none: search snippets and cards need a sentence. */
const describe = (article: ArticlePageView) => article.dek || summarize(plainText(article.body));

const requestedPath = (p: Params) => `/${p.section}/${p.month}/${p.day}/${p.slug}`;

async function articleFor(p: Params) {
  const parsed = parseArticlePath(requestedPath(p));
  return parsed ? getArticlePage(parsed.id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [article, publication] = await Promise.all([articleFor(await params), getPublication()]);
  if (!article) return notFoundMetadata(publication);
  const facing = searchFacing(article, describe(article));
  return articleMetadata(publication, {
    ...article,
    headline: facing.title,
    description: facing.description,
    modifiedAt: article.contentUpdatedAt ?? article.publishedAt,
    imageAlt: facing.imageAlt,
  });
}

export default async function ArticlePage({ params }: Props) {
  const p = await params;
  const [article, publication] = await Promise.all([articleFor(p), getPublication()]);
  if (!article) notFound();
  // The proxy answers wrong slugs and dates with a 301; this covers the few seconds its memo may be stale.
  if (requestedPath(p) !== article.url) permanentRedirect(article.url);
  const facing = searchFacing(article, describe(article));
  const structured = articleJsonLd(publication, {
    ...article,
    description: facing.description,
    modifiedAt: article.contentUpdatedAt ?? article.publishedAt,
    heroMediaId: facing.imageMediaId,
  });
  return (
    <>
      <JsonLd data={structured} />
      <ArticleView article={article} locale={publication} opinionDisclaimer={publication.opinionDisclaimer} />
    </>
  );
}
