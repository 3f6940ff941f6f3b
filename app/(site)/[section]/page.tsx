import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/site/Breadcrumb";
import { Pagination } from "@/components/site/Pagination";
import { SectionFront } from "@/components/site/front/SectionFront";
import { getSectionFeature } from "@/lib/fronts/home";
import { parsePageParam } from "@/lib/articles/view-models";
import { getSectionPage } from "@/lib/sections/public";
import { JsonLd } from "@/components/site/JsonLd";
import { crumbs } from "@/lib/seo/breadcrumbs";
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
  // Page 1 features the editors' pinned lead, else the newest story; it is not repeated in the list below.
  const featured = page === 1 ? ((await getSectionFeature(section.slug)) ?? items[0] ?? null) : null;
  const rest = featured ? items.filter((card) => card.id !== featured.id) : items;
  return (
    <div className="listing">
      <JsonLd data={sectionJsonLd(publication, section)} />
      <Breadcrumb crumbs={crumbs.section(publication.name, section)} />
      <header className="listing__header">
        <h1>{section.name}</h1>
        {section.description && <p className="listing__description">{section.description}</p>}
      </header>
      {items.length === 0 ? (
        <p className="empty">No stories in this section yet.</p>
      ) : (
        <SectionFront featured={featured} cards={rest} locale={publication} />
      )}
      <Pagination basePath={section.url} page={page} pageCount={pageCount} countCapped={countCapped} />
    </div>
  );
}
