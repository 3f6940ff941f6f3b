import type { ArticleForEdit } from "@/lib/articles/admin";
import type { ArticleFormValues } from "./article-form";
import { dateToZonedLocal } from "@/lib/time/zones";

/** The editor's view of a stored article (dates in the publication's zone; names beside slugs). */
export function toFormValues(article: ArticleForEdit, timeZone: string): ArticleFormValues {
  const live = article.status === "published";
  return {
    id: article.id,
    status: article.status,
    headline: article.headline,
    dek: article.dek,
    slug: article.slug,
    type: article.type,
    section: article.section,
    authors: article.refs.authors,
    tags: article.tags,
    heroImage: article.heroImage
      ? {
          mediaId: article.heroImage.mediaId,
          src: article.heroImage.src,
          alt: article.heroImage.alt,
          caption: article.heroImage.caption,
          credit: article.heroImage.credit,
        }
      : null,
    body: article.body.doc,
    publishedAt: article.publishedAt ? dateToZonedLocal(article.publishedAt, timeZone) : "",
    related: article.refs.related.map((r) => ({ id: r.id, headline: r.headline, status: r.status })),
    path: live ? article.path : null,
    url: live ? article.url : null,
    version: article.version,
    seoTitle: article.seo.title,
    seoDescription: article.seo.description,
    seoImage: article.refs.seoImage,
  };
}
