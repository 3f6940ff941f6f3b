import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/sessions";
import { listTags } from "@/lib/tags/mutations";
import { EntityForm } from "@/components/admin/EntityForm";
import { ListSearch } from "@/components/admin/ListSearch";
import { NewsroomPagination } from "@/components/admin/NewsroomPagination";
import { saveTagAction } from "./actions";

export const metadata: Metadata = { title: "Tags" };

type Search = { q?: string | string[]; page?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function TagsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 200);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(one(sp.page) ? { page: one(sp.page) } : {}) });
  const actor = await requireActor("tag:manage", `/admin/tags${query.size ? `?${query}` : ""}`);
  const list = await listTags(actor, { q, page: Number.parseInt(one(sp.page), 10) || 1 });
  const tags = list.items;
  const pageHref = (n: number) => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) });
    return p.size ? `/admin/tags?${p}` : "/admin/tags";
  };
  return (
    <>
      <div className="nr-page-head">
        <h1>Tags</h1>
        <span className="nr-muted">Tags are also created when an article is saved with a new one.</span>
      </div>
      <section className="nr-panel" aria-labelledby="new-tag">
        <h2 id="new-tag">New tag</h2>
        <EntityForm
          action={saveTagAction}
          layout="row"
          label="New tag"
          submitLabel="Create tag"
          fields={[
            { name: "name", label: "Name" },
            { name: "slug", label: "Slug", hint: "Empty: made from the name." },
            {
              name: "description",
              label: "Description",
              kind: "textarea",
              hint: "A sentence or two on the topic, shown on its page and to search engines.",
            },
          ]}
          values={{}}
        />
      </section>
      <ListSearch
        action="/admin/tags"
        q={q}
        label="Search tags"
        placeholder="Search tag names"
        total={list.total}
        noun={["tag", "tags"]}
      />
      {tags.length ? (
        <table className="nr-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Articles</th>
              <th scope="col">Edit</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr key={t.id}>
                <td>
                  <strong>{t.name}</strong>
                  <div className="nr-hint">
                    <a href={`/tags/${t.slug}`} target="_blank" rel="noopener">
                      /tags/{t.slug}
                    </a>
                  </div>
                </td>
                <td className="nr-num">{t.articleCount}</td>
                <td>
                  <EntityForm
                    action={saveTagAction}
                    layout="row"
                    label={`Edit tag ${t.name}`}
                    submitLabel="Save"
                    hidden={{ id: String(t.id) }}
                    fields={[
                      { name: "name", label: "Name" },
                      { name: "slug", label: "Slug" },
                      { name: "description", label: "Description", kind: "textarea", rows: 2 },
                    ]}
                    values={{ name: t.name, slug: t.slug, description: t.description }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="nr-empty nr-panel">{q ? "No tag matches that search." : "No tags yet."}</p>
      )}
      <NewsroomPagination
        page={list.page}
        pageCount={list.pageCount}
        href={pageHref}
        labels={["← Previous", "Next →"]}
      />
    </>
  );
}
