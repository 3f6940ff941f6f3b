import type { SearchHit } from "@/lib/search/public";
import { formatDate, type Locale } from "./format";
import { Highlighted } from "./Highlighted";

/** Search results: highlighted headline, a snippet around the matches, section, byline and date. */
export function SearchResultsList({ hits, locale, start }: { hits: SearchHit[]; locale: Locale; start: number }) {
  return (
    <ol className="search-results" start={start}>
      {hits.map((hit) => (
        <li key={hit.id} className="search-result">
          <h2 className="search-result__headline">
            <a href={hit.url}>
              <Highlighted value={hit.headlineMarked} />
            </a>
          </h2>
          {hit.snippetMarked && (
            <p className="search-result__snippet">
              <Highlighted value={hit.snippetMarked} />
            </p>
          )}
          <p className="search-result__meta">
            <a href={hit.section.url}>{hit.section.name}</a>
            {hit.authors.length > 0 && <> · {hit.authors.map((a) => a.name).join(", ")}</>} ·{" "}
            <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt, locale)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
