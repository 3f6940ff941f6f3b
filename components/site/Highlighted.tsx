import { parseHighlight } from "@/lib/search/highlight";

/** Search-marked text as React text and <mark> elements: never HTML from the database. */
export function Highlighted({ value }: { value: string }) {
  return <>{parseHighlight(value).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
