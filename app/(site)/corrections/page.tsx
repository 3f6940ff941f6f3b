import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/site/JsonLd";
import { Pagination } from "@/components/site/Pagination";
import { Time } from "@/components/site/Time";
import { getCorrectionsPage } from "@/lib/articles/notes";
import { parsePageParam } from "@/lib/articles/view-models";
import { breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { correctionsMetadata, notFoundMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";

/**
 * /corrections?page=N — the latest corrections, newest first, each linking to its article. A static segment, so
 * Next matches it before [section] (and proxy.ts does not look it up as a section).
 */
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

async function correctionsFor({ searchParams }: Props) {
  const page = parsePageParam((await searchParams).page);
  if (page === null) return null;
  const list = await getCorrectionsPage(page);
  return page > list.pageCount ? null : list;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [list, publication] = await Promise.all([correctionsFor(props), getPublication()]);
  if (!list) return notFoundMetadata(publication);
  return correctionsMetadata(publication, list.page);
}

export default async function CorrectionsPage(props: Props) {
  const [list, publication] = await Promise.all([correctionsFor(props), getPublication()]);
  if (!list) notFound();
  return (
    <div className="listing">
      <JsonLd
        data={[
          breadcrumbJsonLd([
            { name: publication.name, path: "/" },
            { name: "Corrections", path: "/corrections" },
          ]),
        ]}
      />
      <header className="listing__header">
        <h1>Corrections</h1>
      </header>
      {list.items.length === 0 ? (
        <p className="empty">No corrections yet.</p>
      ) : (
        <ul className="corrections-list">
          {list.items.map((c) => (
            <li key={c.id}>
              <p className="article-notes__note">
                <strong>
                  <Time iso={c.createdAt} locale={publication} />:
                </strong>{" "}
                {c.text}
              </p>
              <p>
                <a href={c.article.url}>{c.article.headline}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/corrections" page={list.page} pageCount={list.pageCount} />
    </div>
  );
}
