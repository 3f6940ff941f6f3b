import type { AuthorsDesk } from "@/lib/authors/directory";
import { Picture, THUMBNAIL_MAX_WIDTH } from "./Picture";

/**
 * /authors: one block per desk, each writer with their photo (when there is one) and job title, and a link to the
 * whole desk when it has more writers than shown. `whole`: the page of one desk, which needs no such link.
 */
export function AuthorsIndex({ desks, whole = false }: { desks: AuthorsDesk[]; whole?: boolean }) {
  if (desks.length === 0) return <p className="empty">No writers yet.</p>;
  return (
    <>
      {desks.map((desk) => (
        <section key={desk.name} className="authors-desk" aria-labelledby={`desk-${desk.url ?? "contributors"}`}>
          <h2 id={`desk-${desk.url ?? "contributors"}`} className="section-heading">
            {desk.url ? <a href={desk.url}>{desk.name}</a> : desk.name}
          </h2>
          <ul className="authors-list">
            {desk.authors.map((a) => (
              <li key={a.slug} className="authors-list__item">
                {a.photo ? (
                  <Picture
                    className="authors-list__photo"
                    image={a.photo}
                    alt=""
                    sizes="3rem"
                    maxWidth={THUMBNAIL_MAX_WIDTH}
                  />
                ) : (
                  <span className="authors-list__photo authors-list__photo--none" aria-hidden="true">
                    {a.name.trim().charAt(0)}
                  </span>
                )}
                <span>
                  <a href={a.url} className="authors-list__name">
                    {a.name}
                  </a>
                  {a.jobTitle && <span className="authors-list__job">{a.jobTitle}</span>}
                </span>
              </li>
            ))}
          </ul>
          {!whole && desk.total > desk.authors.length && (
            <p className="authors-desk__more">
              <a href={desk.deskUrl}>
                {desk.url ? `All ${desk.total} ${desk.name} writers` : `All ${desk.total} contributors`}
              </a>
            </p>
          )}
        </section>
      ))}
    </>
  );
}
