import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleView } from "@/components/site/ArticleView";
import { PreviewBanner } from "@/components/site/PreviewBanner";
import { getArticlePage } from "@/lib/articles/public";
import { getArticlePreview, getPreviewGrant } from "@/lib/articles/preview";
import { parseArticlePath } from "@/lib/articles/urls";
import { plainText } from "@/lib/documents/schema";
import { JsonLd } from "@/components/site/JsonLd";
import type { ArticlePageView } from "@/lib/articles/view-models";
import { articleJsonLd } from "@/lib/seo/json-ld";
import { crumbs } from "@/lib/seo/breadcrumbs";
import { articleMetadata, notFoundMetadata, summarize } from "@/lib/seo/metadata";
import { searchFacing } from "@/lib/seo/overrides";
import { absoluteUrl } from "@/lib/seo/urls";
import { getPublication } from "@/lib/settings/publication";

/**
 * Article page: /YYYY/MM/DD/<slug>-a<id>. The first folder is named [section] only because Next requires sibling
 * dynamic folders to share a name (the section front lives at /[section]); here it holds the year.
 *
 * Rendered on request, never by Next's own caches: the page cache in front of Next keeps the result under the tags
 * its getters declare (docs/caching.md). Non-canonical paths get a 301 in proxy.ts before reaching this page.
 *
 * In draft mode, with a preview link's cookie for this article (lib/articles/preview.ts), the same page shows the
 * article whatever its status, with the editor's unsaved fields, a preview banner and `noindex`; nothing caches it.
 */
export const dynamic = "force-dynamic";

type Params = { section: string; month: string; day: string; slug: string };
type Props = { params: Promise<Params> };

/** The dek, or the start of the body when there is none: search snippets and cards need a sentence. */
const describe = (article: ArticlePageView) => article.dek || summarize(plainText(article.body));

const requestedPath = (p: Params) => `/${p.section}/${p.month}/${p.day}/${p.slug}`;

async function articleFor(p: Params) {
  const parsed = parseArticlePath(requestedPath(p));
  if (!parsed) return { article: null, preview: null };
  const preview = await getPreviewGrant(parsed.id);
  return { article: await (preview ? getArticlePreview(preview) : getArticlePage(parsed.id)), preview };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ article, preview }, publication] = await Promise.all([articleFor(await params), getPublication()]);
  if (!article) return notFoundMetadata(publication);
  const facing = searchFacing(article, describe(article));
  const metadata = articleMetadata(publication, {
    ...article,
    headline: facing.title,
    description: facing.description,
    modifiedAt: article.contentUpdatedAt ?? article.publishedAt,
    imageAlt: facing.imageAlt,
  });
  return preview ? { ...metadata, robots: { index: false, follow: false } } : metadata;
}

export default async function ArticlePage({ params }: Props) {
  const p = await params;
  const [{ article, preview }, publication] = await Promise.all([articleFor(p), getPublication()]);
  if (!article) notFound();
  // The proxy answers wrong slugs and dates with a 301; this covers the few seconds its memo may be stale. A preview
  // is shown wherever its link sent it: an unpublished article has no canonical date yet.
  if (!preview && requestedPath(p) !== article.url) permanentRedirect(article.url);
  const facing = searchFacing(article, describe(article));
  const structured = articleJsonLd(publication, {
    ...article,
    description: facing.description,
    modifiedAt: article.contentUpdatedAt ?? article.publishedAt,
    heroMediaId: facing.imageMediaId,
  });
  return (
    <>
      {preview ? (
        <PreviewBanner
          status={preview.status}
          unsaved={!!preview.snapshot}
          expiresAt={preview.expiresAt}
          timeZone={publication.timeZone}
        />
      ) : null}
      <JsonLd data={structured} />
      <ArticleView
        article={article}
        locale={publication}
        opinionDisclaimer={publication.opinionDisclaimer}
        canonicalUrl={absoluteUrl(article.url)}
        crumbs={crumbs.article(publication.name, article)}
      />
    </>
  );
}
