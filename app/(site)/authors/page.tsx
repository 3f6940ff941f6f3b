import type { Metadata } from "next";
import { AuthorsIndex } from "@/components/site/AuthorsIndex";
import { Breadcrumb } from "@/components/site/Breadcrumb";
import { JsonLd } from "@/components/site/JsonLd";
import { getAuthorsIndex } from "@/lib/authors/directory";
import { crumbs } from "@/lib/seo/breadcrumbs";
import { breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { authorsIndexMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";

/** /authors: the publication's writers, grouped by desk (lib/authors/directory.ts decides the desk). */
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return authorsIndexMetadata(await getPublication());
}

export default async function AuthorsIndexPage() {
  const [desks, publication] = await Promise.all([getAuthorsIndex(), getPublication()]);
  const trail = crumbs.authors(publication.name);
  return (
    <div className="listing">
      <JsonLd data={[breadcrumbJsonLd(trail)]} />
      <Breadcrumb crumbs={trail} />
      <header className="listing__header">
        <h1>Authors</h1>
      </header>
      <AuthorsIndex desks={desks} />
    </div>
  );
}
