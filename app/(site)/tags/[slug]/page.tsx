import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/site/Breadcrumb";
import { FollowFeed } from "@/components/site/FollowFeed";
import { JsonLd } from "@/components/site/JsonLd";
import { Pagination } from "@/components/site/Pagination";
import { StoryList } from "@/components/site/StoryList";
import { parsePageParam } from "@/lib/articles/view-models";
import { crumbs } from "@/lib/seo/breadcrumbs";
import { breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { notFoundMetadata, tagMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";
import { getTagPage } from "@/lib/tags/public";

/**
 * Tag page: /tags/<slug>?page=N — what the topic is about (written by editors), a link to follow it by feed, then
 * its published stories, newest first, 20 a page.
 */
type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function tagFor({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const page = parsePageParam(query.page);
  return page === null ? null : getTagPage(slug, page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [tag, publication] = await Promise.all([tagFor(props), getPublication()]);
  if (!tag) return notFoundMetadata(publication);
  return tagMetadata(publication, { ...tag, page: tag.articles.page });
}

export default async function TagPageRoute(props: Props) {
  const [tag, publication] = await Promise.all([tagFor(props), getPublication()]);
  if (!tag) notFound();
  const { items, page, pageCount, countCapped } = tag.articles;
  const trail = crumbs.tag(publication.name, tag);
  return (
    <div className="listing">
      <JsonLd data={[breadcrumbJsonLd(trail)]} />
      <Breadcrumb crumbs={trail} />
      <header className="listing__header">
        <h1>{tag.name}</h1>
        {tag.description && <p className="listing__description">{tag.description}</p>}
        <FollowFeed scopePath={tag.url} name={tag.name} />
      </header>
      {items.length === 0 ? (
        <p className="empty">No stories with this topic yet.</p>
      ) : (
        <StoryList cards={items} locale={publication} />
      )}
      <Pagination basePath={tag.url} page={page} pageCount={pageCount} countCapped={countCapped} />
    </div>
  );
}
