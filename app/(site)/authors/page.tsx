import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthorsIndex } from "@/components/site/AuthorsIndex";
import { Breadcrumb } from "@/components/site/Breadcrumb";
import { JsonLd } from "@/components/site/JsonLd";
import { Pagination } from "@/components/site/Pagination";
import { parsePageParam } from "@/lib/articles/view-models";
import { deskPath, getAuthorsIndex } from "@/lib/authors/directory";
import { crumbs } from "@/lib/seo/breadcrumbs";
import { breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { authorsIndexMetadata, notFoundMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";

/**
 * /authors: the publication's writers, grouped by desk (lib/authors/directory.ts decides the desk), a few per desk;
 * /authors?desk=<slug>&page=N: one desk's writers, page by page.
 */
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function indexFor({ searchParams }: Props) {
  const query = await searchParams;
  const page = parsePageParam(query.page);
  const desk = query.desk;
  if (page === null || Array.isArray(desk) || (desk === undefined && page > 1)) return null;
  return getAuthorsIndex(desk, page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [index, publication] = await Promise.all([indexFor(props), getPublication()]);
  if (!index) return notFoundMetadata(publication);
  const one = index.desk && index.desks[0];
  return authorsIndexMetadata(
    publication,
    one ? { name: one.name, path: deskPath(index.desk!.key), page: index.desk!.page } : null,
  );
}

export default async function AuthorsIndexPage(props: Props) {
  const [index, publication] = await Promise.all([indexFor(props), getPublication()]);
  if (!index) notFound();
  const trail = crumbs.authors(publication.name);
  const one = index.desk ? index.desks[0]! : null;
  return (
    <div className="listing">
      <JsonLd data={[breadcrumbJsonLd(trail)]} />
      <Breadcrumb crumbs={trail} />
      <header className="listing__header">
        <h1>{one ? `Authors: ${one.name}` : "Authors"}</h1>
      </header>
      <AuthorsIndex desks={index.desks} whole={!!one} />
      {one && index.desk && (
        <Pagination basePath={one.deskUrl} page={index.desk.page} pageCount={index.desk.pageCount} />
      )}
    </div>
  );
}
