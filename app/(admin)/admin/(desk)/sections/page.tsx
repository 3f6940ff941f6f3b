import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/sessions";
import { listSections } from "@/lib/sections/mutations";
import { EntityForm, type EntityFieldSpec } from "@/components/admin/EntityForm";
import { saveSectionAction } from "./actions";

export const metadata: Metadata = { title: "Sections" };

const fields: EntityFieldSpec[] = [
  { name: "name", label: "Name" },
  { name: "slug", label: "Slug" },
  { name: "description", label: "Description" },
  { name: "position", label: "Position", kind: "number" },
];

export default async function SectionsPage() {
  const actor = await requireActor("section:manage", "/admin/sections");
  const sections = await listSections(actor);
  return (
    <>
      <div className="nr-page-head">
        <h1>Sections</h1>
        <span className="nr-muted">Lower positions come first in the site’s navigation.</span>
      </div>
      {sections.map((s) => (
        <section key={s.id} className="nr-panel" aria-label={`Section ${s.name}`}>
          <h2>
            {s.name}{" "}
            <span className="nr-muted">
              · {s.articleCount} article{s.articleCount === 1 ? "" : "s"} ·{" "}
              <a href={`/${s.slug}`} target="_blank" rel="noopener">
                /{s.slug}
              </a>
            </span>
          </h2>
          <EntityForm
            action={saveSectionAction}
            layout="row"
            label={`Edit section ${s.name}`}
            submitLabel="Save"
            hidden={{ id: String(s.id) }}
            fields={fields}
            values={{ name: s.name, slug: s.slug, description: s.description, position: String(s.position) }}
          />
        </section>
      ))}
      <section className="nr-panel" aria-labelledby="new-section">
        <h2 id="new-section">New section</h2>
        <EntityForm
          action={saveSectionAction}
          layout="row"
          label="New section"
          submitLabel="Create section"
          fields={fields.map((f) => (f.name === "slug" ? { ...f, hint: "Empty: made from the name." } : f))}
          values={{ position: String((sections.at(-1)?.position ?? 0) + 10) }}
        />
      </section>
    </>
  );
}
