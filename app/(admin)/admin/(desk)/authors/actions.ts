"use server";

import { revalidatePath } from "next/cache";
import { assertStorableText } from "@/lib/text/hygiene";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { createAuthor, updateAuthor } from "@/lib/authors/mutations";
import { authorInputSchema, authorPatchSchema } from "@/lib/authors/input";
import { uploadImage } from "@/lib/media/upload";
import { validationError } from "@/lib/errors";
import type { EntityFormState } from "@/components/admin/EntityForm";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const formSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  name: z.string().max(1000),
  slug: z.string().max(1000),
  title: z.string().max(1000),
  bio: z.string().max(20_000),
  links: z.string().max(20_000),
  pseudonymous: z.boolean(),
  removePhoto: z.boolean(),
});

/** "Label | https://…" per line; a bare URL is labelled with its host name. */
function parseLinks(text: string): { label: string; url: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf("|");
      if (bar >= 0) return { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
      let label = line;
      try {
        label = new URL(line).hostname.replace(/^www\./, "") || line;
      } catch {
        // Left as typed; lib/authors rejects the URL with a message beside the field.
      }
      return { label, url: line };
    });
}

/** Creates or edits an author, uploading a new photo first when one was chosen. Works without JavaScript. */
export async function saveAuthorAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  const parsed = formSchema.safeParse({
    id: text("id") || undefined,
    name: text("name"),
    slug: text("slug"),
    title: text("title"),
    bio: text("bio"),
    links: text("links"),
    pseudonymous: form.get("pseudonymous") === "on",
    removePhoto: form.get("removePhoto") === "on",
  });
  if (!parsed.success)
    return { outcome: "error", message: "The form sent something unexpected. Reload and try again.", at };
  const f = parsed.data;
  const values = {
    name: f.name,
    slug: f.slug,
    title: f.title,
    bio: f.bio,
    links: f.links,
    pseudonymous: f.pseudonymous,
  };

  let createdId: number | null = null;
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    // NUL and lone surrogates cannot be stored: say which field holds one instead of failing in the database.
    assertStorableText(f);
    const input: Record<string, unknown> = {
      name: f.name,
      ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
      title: f.title,
      bio: f.bio,
      links: parseLinks(f.links),
      pseudonymous: f.pseudonymous,
      ...(f.removePhoto ? { photoId: null } : {}),
    };
    // Check the fields before storing a photo, so a typo does not leave an orphan image behind.
    const check = (f.id ? authorPatchSchema : authorInputSchema).safeParse(input);
    if (!check.success) throw validationError(check.error.issues);

    const photo = form.get("photo");
    if (photo instanceof File && photo.size > 0) {
      const media = await uploadImage(actor, { bytes: Buffer.from(await photo.arrayBuffer()), alt: f.name });
      input.photoId = media.id;
    }
    if (f.id) {
      await updateAuthor(actor, Number(f.id), input);
    } else {
      createdId = (await createAuthor(actor, input)).id;
    }
    revalidatePath("/admin/authors", "layout");
  } catch (error) {
    const failure = domainFailure(error);
    // A photo problem is reported beside the photo field.
    const fields = failure.fields?.file ? { ...failure.fields, photo: failure.fields.file } : failure.fields;
    return { outcome: "error", message: failure.message, ...(fields ? { fields } : {}), values, at };
  }
  if (createdId !== null) redirect(`/admin/authors/${createdId}?created=1`);
  return { outcome: "saved", message: "Author saved.", values, at };
}
