import { HomeFront } from "@/components/site/HomeFront";
import { getHomePage } from "@/lib/articles/public";
import { getPublication } from "@/lib/settings/publication";

// Rendered per request from cached data: there is no database at build time, and the front changes often.
// (`connection()` alone is not enough: the layout and metadata would still be prerendered at build.)
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const publication = await getPublication();
  return { title: { absolute: publication.tagline ? `${publication.name} — ${publication.tagline}` : publication.name }, alternates: { canonical: "/" } };
}

export default async function HomePage() {
  const [home, publication] = await Promise.all([getHomePage(), getPublication()]);
  return <HomeFront home={home} locale={publication} publicationName={publication.name} />;
}
