import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/sessions";
import { findAuthors } from "@/lib/authors/mutations";
import { AuthorForm } from "@/components/admin/AuthorForm";
import { ListSearch } from "@/components/admin/ListSearch";
import { NewsroomPagination } from "@/components/admin/NewsroomPagination";
import { saveAuthorAction } from "./actions";

export const metadata: Metadata = { title: "Authors" };

type Search = { q?: string | string[]; page?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AuthorsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 200);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(one(sp.page) ? { page: one(sp.page) } : {}) });
  const actor = await requireActor("author:manage", `/admin/authors${query.size ? `?${query}` : ""}`);
  const list = await findAuthors(actor, { q, page: Number.parseInt(one(sp.page), 10) || 1 });
  const authors = list.items;
  const pageHref = (n: number) => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) });
    return p.size ? `/admin/authors?${p}` : "/admin/authors";
  };
  return (
    <>
      <div className="nr-page-head">
        <h1>Authors</h1>
      </div>
      <div className="nr-grid-2">
        <div>
          <ListSearch
            action="/admin/authors"
            q={q}
            label="Search authors"
            placeholder="Search names and job titles"
            total={list.total}
            noun={["author", "authors"]}
          />
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
            <p className="nr-empty nr-panel">{q ? "No author matches that search." : "No authors yet."}</p>
          )}
          <NewsroomPagination
            page={list.page}
            pageCount={list.pageCount}
            href={pageHref}
            labels={["← Previous", "Next →"]}
          />
        </div>
        <section className="nr-panel" aria-labelledby="new-author">
          <h2 id="new-author">New author</h2>
          <AuthorForm action={saveAuthorAction} values={{}} label="New author" submitLabel="Create author" />
        </section>
      </div>
    </>
  );
}
