import { fieldError, type ArticleTypeOption } from "../article-form";
import { Field, type PanelProps } from "./Field";

const TYPES: { value: ArticleTypeOption; label: string }[] = [
  { value: "news", label: "News" },
  { value: "opinion", label: "Opinion" },
  { value: "analysis", label: "Analysis" },
  { value: "feature", label: "Feature" },
];

/** Section, type, slug and publication date: where the article sits and what its URL is. */
export function PlacementPanel({
  fid,
  errors,
  values,
  update,
  sections,
  timeZone,
  slugEdited,
  onSlugEdit,
  liveSlug = null,
}: PanelProps & {
  sections: { slug: string; name: string }[];
  timeZone: string;
  slugEdited: boolean;
  onSlugEdit: (slug: string) => void;
  /** The slug readers have already seen (the article was published under it), or null. */
  liveSlug?: string | null;
}) {
  const slugMoved = liveSlug !== null && values.slug.trim() !== "" && values.slug.trim() !== liveSlug;
  return (
    <section className="nr-panel">
      <h2>Placement</h2>
      <Field id={fid("section")} label="Section" error={fieldError(errors, "section")}>
        {(a) => (
          <select {...a} value={values.section} onChange={(e) => update("section", e.target.value)}>
            <option value="">Choose a section…</option>
            {sections.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={fid("type")} label="Type" error={fieldError(errors, "type")}>
        {(a) => (
          <select {...a} value={values.type} onChange={(e) => update("type", e.target.value as ArticleTypeOption)}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={fid("slug")}
        label="Slug"
        error={fieldError(errors, "slug")}
        hint={
          slugEdited
            ? "Part of the URL. Changing it after publication redirects the old URL."
            : "Suggested from the headline until you edit it."
        }
      >
        {(a) => (
          <input
            {...a}
            type="text"
            value={values.slug}
            spellCheck={false}
            onChange={(e) => onSlugEdit(e.target.value)}
          />
        )}
      </Field>
      {slugMoved ? (
        <p className="nr-alert nr-alert-warn" role="status" data-testid="slug-warning">
          This article has been published as “{liveSlug}”. After you save, the old URL will redirect (301) to the new
          one; links and search results keep working, but shared links show the new address.
        </p>
      ) : null}
      <Field
        id={fid("publishedAt")}
        label={`Publication date (${timeZone})`}
        error={fieldError(errors, "publishedAt")}
        hint="Leave empty to use the moment of first publication. A time in the future schedules the article: Publish then keeps it off the site until that time."
      >
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            value={values.publishedAt}
            onChange={(e) => update("publishedAt", e.target.value)}
          />
        )}
      </Field>
    </section>
  );
}
