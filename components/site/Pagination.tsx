/** Previous/next links for ?page=N lists. Page 1 has no query string, so it has one URL. */
export function Pagination({
  basePath,
  page,
  pageCount,
  countCapped = false,
}: {
  basePath: string;
  page: number;
  pageCount: number;
  /** The list was not counted to its end: no "of N". */
  countCapped?: boolean;
}) {
  if (pageCount <= 1) return null;
  // basePath may carry a query already (/authors?desk=news).
  const href = (n: number) => (n === 1 ? basePath : `${basePath}${basePath.includes("?") ? "&" : "?"}page=${n}`);
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span className="pagination__status">{countCapped ? `Page ${page}` : `Page ${page} of ${pageCount}`}</span>
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
