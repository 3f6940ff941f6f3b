import type { Metadata } from "next";
import { SearchResultsList } from "@/components/site/SearchResultsList";
import { parseSearchParams, searchHref, TYPE_NAMES, SEARCH_PAGE_SIZE } from "@/lib/search/request";
import { RANK_WINDOW, searchArticles, searchFilterOptions } from "@/lib/search/public";
import { searchMetadata } from "@/lib/seo/metadata";
import { getSectionNav } from "@/lib/sections/public";
import { getPublication } from "@/lib/settings/publication";
import { formatDate } from "@/lib/time/reader-format";

/**
 * /search?q=…&section=&type=&author=&from=&to=&page=: reader search (lib/search). Never indexed (results pages are
 * thin, endless duplicates) and never kept in the page cache (scripts/serve.ts bypasses /search; docs/caching.md).
 */
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { request } = parseSearchParams(await searchParams);
  return searchMetadata(request.q);
}

const typeLabel = (name: string) => name[0]!.toUpperCase() + name.slice(1);

export default async function SearchPage({ searchParams }: Props) {
  const { request, problems } = parseSearchParams(await searchParams);
  const [publication, sections, options] = await Promise.all([
    getPublication(),
    getSectionNav(),
    searchFilterOptions(),
  ]);
  const results = problems.length ? null : await searchArticles(request, publication.timeZone);
  const count = results
    ? results.capped
      ? `More than ${RANK_WINDOW.toLocaleString("en")}`
      : results.total.toLocaleString("en")
    : "";
  return (
    <div className="listing search-page">
      <header className="listing__header">
        <h1>{request.q ? <>Search results for “{request.q}”</> : "Search"}</h1>
      </header>
      <form action="/search" method="get" className="search-form">
        <div className="search-form__query">
          <label htmlFor="search-page-q">Search for</label>
          <input
            id="search-page-q"
            type="search"
            name="q"
            defaultValue={request.q}
            maxLength={200}
            aria-describedby="search-hint"
          />
          <button type="submit">Search</button>
        </div>
        <p className="search-form__hint" id="search-hint">
          Use quotes for an exact phrase (“climate change”), a minus to leave a word out (-football), OR for either
          word.
        </p>
        <fieldset className="search-form__filters">
          <legend>Narrow your search</legend>
          <label>
            Section
            <select name="section" defaultValue={request.section ?? ""}>
              <option value="">All sections</option>
              {sections.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Type
            <select name="type" defaultValue={request.type ?? ""}>
              <option value="">All types</option>
              {TYPE_NAMES.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Writer
            <select name="author" defaultValue={request.author ?? ""}>
              <option value="">All writers</option>
              {options.authors.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" name="from" defaultValue={request.from ?? ""} />
          </label>
          <label>
            To
            <input type="date" name="to" defaultValue={request.to ?? ""} />
          </label>
        </fieldset>
      </form>

      {problems.length > 0 && (
        <div className="search-problems" role="alert">
          <p>We could not run this search:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      {results?.suggestion && (
        <p className="search-suggestion">
          Did you mean <a href={searchHref(request, { q: results.suggestion, page: 1 })}>{results.suggestion}</a>?
        </p>
      )}

      {results && request.q && (
        <>
          <p className="search-count" role="status">
            {results.onlyStopWords
              ? "Your search holds only very common words; add a more specific one."
              : results.total === 0
                ? "No articles match your search."
                : `${count} ${results.total === 1 ? "article" : "articles"}, most relevant and recent first.`}
          </p>
          {results.hits.length > 0 && (
            <SearchResultsList
              hits={results.hits}
              locale={publication}
              start={(results.page - 1) * SEARCH_PAGE_SIZE + 1}
            />
          )}
          {results.hits.length === 0 && results.page > 1 && <p className="empty">There are no more results.</p>}
          {results.searchedSince && (
            <p className="search-form__hint">
              This phrase was looked for in articles published since{" "}
              {formatDate(results.searchedSince.toISOString(), publication)}: choose dates above to search further back.
            </p>
          )}
          {results.capped && results.page === results.pageCount && (
            <p className="search-form__hint">
              Only the newest {RANK_WINDOW.toLocaleString("en")} matches are ranked: narrow your search with the filters
              or dates above to reach older articles.
            </p>
          )}
          {results.pageCount > 1 && (
            <nav className="pagination" aria-label="Result pages">
              {results.page > 1 ? (
                <a href={searchHref(request, { page: results.page - 1 })} rel="prev">
                  ← Previous
                </a>
              ) : (
                <span />
              )}
              <span className="pagination__status">
                Page {results.page} of {results.pageCount}
              </span>
              {results.page < results.pageCount ? (
                <a href={searchHref(request, { page: results.page + 1 })} rel="next">
                  Next →
                </a>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
