/**
 * A plain GET form to /search: works without JavaScript, and the browser keeps the query in history like any link.
 * `id` keeps label and field paired when a page shows two boxes (header and 404 page).
 */
export function SearchBox({ id, q = "", className = "search-box" }: { id: string; q?: string; className?: string }) {
  return (
    <form role="search" action="/search" method="get" className={className}>
      <label htmlFor={id} className="visually-hidden">
        Search articles
      </label>
      <input id={id} type="search" name="q" defaultValue={q} maxLength={200} placeholder="Search articles" />
      <button type="submit">Search</button>
    </form>
  );
}
