import { EntityForm, type EntityFormState } from "./EntityForm";

type Props = {
  action: (prev: EntityFormState, form: FormData) => Promise<EntityFormState>;
  values: Record<string, string | boolean>;
  id?: number;
  hasPhoto?: boolean;
  label: string;
  submitLabel: string;
};

/** Create/edit an author: byline name, slug, job title, bio, links, pseudonym flag and photo. */
export function AuthorForm({ action, values, id, hasPhoto, label, submitLabel }: Props) {
  return (
    <EntityForm
      action={action}
      label={label}
      submitLabel={submitLabel}
      values={values}
      hidden={id ? { id: String(id) } : {}}
      fields={[
        { name: "name", label: "Name" },
        {
          name: "slug",
          label: "Slug",
          hint: id ? "The author page's URL. Changing it moves the page." : "Leave empty to make one from the name.",
        },
        { name: "title", label: "Job title", hint: "Shown on the byline, e.g. “Political correspondent”." },
        { name: "bio", label: "Bio", kind: "textarea", rows: 4 },
        { name: "links", label: "Links", kind: "textarea", rows: 3, hint: "One per line: Label | https://example.com" },
        { name: "pseudonymous", label: "Pseudonymous (the name is a pen name)", kind: "checkbox" },
        {
          name: "photo",
          label: hasPhoto ? "Replace photo" : "Photo",
          kind: "file",
          accept: "image/jpeg,image/png,image/webp,image/gif,image/avif",
        },
        ...(hasPhoto ? [{ name: "removePhoto", label: "Remove the current photo", kind: "checkbox" as const }] : []),
      ]}
    />
  );
}
