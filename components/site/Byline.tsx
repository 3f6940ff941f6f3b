import { Fragment } from "react";
import type { AuthorRef } from "@/lib/articles/view-models";

/** "By A, B and C", every name linking to its author page, in byline order. */
export function Byline({ authors, className }: { authors: AuthorRef[]; className?: string }) {
  if (authors.length === 0) return null;
  return (
    <p className={className ?? "byline"}>
      By{" "}
      {authors.map((author, i) => (
        <Fragment key={author.slug}>
          {i > 0 ? (i === authors.length - 1 ? " and " : ", ") : null}
          <a href={author.url} rel="author">
            {author.name}
          </a>
        </Fragment>
      ))}
    </p>
  );
}
