import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/sessions";
import { listAuthors } from "@/lib/authors/mutations";
import { AuthorForm } from "@/components/admin/AuthorForm";
import { saveAuthorAction } from "./actions";

export const metadata: Metadata = { title: "Authors" };

export default async function AuthorsPage() {
  const actor = await requireActor("author:manage", "/admin/authors");
  const authors = await listAuthors(actor);
  return (
    <>
      <div className="nr-page-head">
        <h1>Authors</h1>
      </div>
      <div className="nr-grid-2">
        <div>
          {authors.length ? (
            <table className="nr-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Job title</th>
                  <th scope="col">Articles</th>
                  <th scope="col">Page</th>
                </tr>
              </thead>
              <tbody>
                {authors.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/admin/authors/${a.id}`} className="nr-headline-link">
                        {a.name}
                      </Link>
                      {a.pseudonymous ? (
                        <span className="nr-status" style={{ marginLeft: 6 }}>
                          pseudonym
                        </span>
                      ) : null}
                    </td>
                    <td>{a.jobTitle}</td>
                    <td className="nr-num">{a.articleCount}</td>
                    <td>
                      <a href={`/authors/${a.slug}`} target="_blank" rel="noopener">
                        /authors/{a.slug}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="nr-empty nr-panel">No authors yet.</p>
          )}
        </div>
        <section className="nr-panel" aria-labelledby="new-author">
          <h2 id="new-author">New author</h2>
          <AuthorForm action={saveAuthorAction} values={{}} label="New author" submitLabel="Create author" />
        </section>
      </div>
    </>
  );
}
