import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthorProfile } from "@/components/site/AuthorProfile";
import { Breadcrumb } from "@/components/site/Breadcrumb";
import { Pagination } from "@/components/site/Pagination";
import { StoryList } from "@/components/site/StoryList";
import { parsePageParam } from "@/lib/articles/view-models";
import { getAuthorPage } from "@/lib/authors/public";
import { JsonLd } from "@/components/site/JsonLd";
import { crumbs } from "@/lib/seo/breadcrumbs";
import { authorJsonLd } from "@/lib/seo/json-ld";
import { authorMetadata, notFoundMetadata } from "@/lib/seo/metadata";
import { absoluteUrl } from "@/lib/seo/urls";
import { getPublication } from "@/lib/settings/publication";

/** Author page: /authors/<slug>?page=N — profile, then published articles newest first, 20 a page. */
type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function authorFor({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const page = parsePageParam(query.page);
  return page === null ? null : getAuthorPage(slug, page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [author, publication] = await Promise.all([authorFor(props), getPublication()]);
  if (!author) return notFoundMetadata(publication);
  const photo = author.photo
    ? {
        url: absoluteUrl(author.photo.src),
        width: author.photo.width,
        height: author.photo.height,
        alt: author.photo.alt,
      }
    : null;
  return authorMetadata(publication, { ...author, page: author.articles.page, photo });
}

export default async function AuthorPageRoute(props: Props) {
  const [author, publication] = await Promise.all([authorFor(props), getPublication()]);
  if (!author) notFound();
  const { items, page, pageCount, countCapped } = author.articles;
  return (
    <div className="listing">
      <JsonLd data={authorJsonLd(publication, { ...author, photoUrl: author.photo?.src ?? null })} />
      <Breadcrumb crumbs={crumbs.author(publication.name, author)} />
      <AuthorProfile author={author} language={publication.language} />
      <section aria-labelledby="author-articles">
        <h2 id="author-articles" className="section-heading">
          Articles
        </h2>
        {items.length === 0 ? (
          <p className="empty">No published articles yet.</p>
        ) : (
          // Every item is theirs: the byline names only co-authors ("with …").
          <StoryList cards={items} locale={publication} omitAuthor={author.slug} />
        )}
      </section>
      <Pagination basePath={author.url} page={page} pageCount={pageCount} countCapped={countCapped} />
    </div>
  );
}
