import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/site/Pagination";
import { StoryList } from "@/components/site/StoryList";
import { parsePageParam } from "@/lib/articles/view-models";
import { getSectionPage } from "@/lib/sections/public";
import { JsonLd } from "@/components/site/JsonLd";
import { sectionJsonLd } from "@/lib/seo/json-ld";
import { notFoundMetadata, sectionMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";

/** Section front: /<section-slug>?page=N, 20 stories a page, newest first. */
type Props = {
  params: Promise<{ section: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function sectionFor({ params, searchParams }: Props) {
  const [{ section }, query] = await Promise.all([params, searchParams]);
  const page = parsePageParam(query.page);
  return page === null ? null : getSectionPage(section, page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [section, publication] = await Promise.all([sectionFor(props), getPublication()]);
  if (!section) return notFoundMetadata(publication);
  return sectionMetadata(publication, { ...section, page: section.articles.page });
}

export default async function SectionPage(props: Props) {
  const [section, publication] = await Promise.all([sectionFor(props), getPublication()]);
  if (!section) notFound();
  const { items, page, pageCount, countCapped } = section.articles;
  return (
    <div className="listing">
      <JsonLd data={sectionJsonLd(publication, section)} />
      <header className="listing__header">
        <h1>{section.name}</h1>
        {section.description && <p className="listing__description">{section.description}</p>}
      </header>
      {items.length === 0 ? (
        <p className="empty">No stories in this section yet.</p>
      ) : (
        <StoryList cards={items} locale={publication} showSection={false} />
      )}
      <Pagination basePath={section.url} page={page} pageCount={pageCount} countCapped={countCapped} />
    </div>
  );
}
