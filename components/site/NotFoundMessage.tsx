import { SearchBox } from "./SearchBox";

/** What a reader sees on any 404: what happened and where to go next (a search, the front page). */
export function NotFoundMessage({ title = "Page not found" }: { title?: string }) {
  return (
    <div className="not-found">
      <h1>{title}</h1>
      <p>
        We could not find the page you asked for. It may have been moved or withdrawn, or the address may be mistyped.
      </p>
      <SearchBox id="not-found-search" className="search-box search-box--large" />
      <ul>
        <li>
          <a href="/">Go to the front page</a> for the latest stories.
        </li>
        <li>Check the address for typing mistakes.</li>
      </ul>
    </div>
  );
}
