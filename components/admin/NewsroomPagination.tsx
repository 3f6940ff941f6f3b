import Link from "next/link";

/** "← Newer · Page N of M · Older →" under a newsroom list; nothing when the list fits on one page. */
export function NewsroomPagination({
  page,
  pageCount,
  href,
  labels = ["← Newer", "Older →"],
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  /** The links' words: time-ordered lists go newer/older, alphabetical ones previous/next. */
  labels?: [previous: string, next: string];
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="nr-pagination" aria-label="Pages">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          {labels[0]}
        </Link>
      ) : null}
      <span className="nr-muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next">
          {labels[1]}
        </Link>
      ) : null}
    </nav>
  );
}
