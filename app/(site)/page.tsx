import type { Metadata } from "next";
import { HomeFront } from "@/components/site/front/HomeFront";
import { getHomeFront } from "@/lib/fronts/home";
import { JsonLd } from "@/components/site/JsonLd";
import { homeJsonLd } from "@/lib/seo/json-ld";
import { homeMetadata } from "@/lib/seo/metadata";
import { getPublication } from "@/lib/settings/publication";

// Rendered per request from cached data: there is no database at build time, and the front changes often.
// (`connection()` alone is not enough: the layout and metadata would still be prerendered at build.)
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return homeMetadata(await getPublication());
}

export default async function HomePage() {
  const [home, publication] = await Promise.all([getHomeFront(), getPublication()]);
  return (
    <>
      <JsonLd data={homeJsonLd(publication)} />
      <HomeFront home={home} locale={publication} publicationName={publication.name} />
    </>
  );
}
