import { serializeJsonLd, type JsonLdDocument } from "@/lib/seo/json-ld";

/** Structured data for crawlers. The serialiser escapes `<`, `>` and `&`, so stored text cannot break out of the script. */
export function JsonLd({ data }: { data: JsonLdDocument[] }) {
  return (
    <>
      {data.map((doc, i) => (
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(doc) }} />
      ))}
    </>
  );
}
