"use server";

import { revalidatePath } from "next/cache";
import { assertStorableText } from "@/lib/text/hygiene";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { createTag, renameTag } from "@/lib/tags/mutations";
import type { EntityFormState } from "@/components/admin/EntityForm";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const formSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  name: z.string().max(1000),
  slug: z.string().max(1000),
  description: z.string().max(10_000),
});

/** Creates a tag, or renames one (its slug, and so its page URL, changes only when given). */
export async function saveTagAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  const parsed = formSchema.safeParse({
    id: text("id") || undefined,
    name: text("name"),
    slug: text("slug"),
    description: text("description"),
  });
  if (!parsed.success)
    return { outcome: "error", message: "The form sent something unexpected. Reload and try again.", at };
  const f = parsed.data;
  const values = { name: f.name, slug: f.slug, description: f.description };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    // NUL and lone surrogates cannot be stored: say which field holds one instead of failing in the database.
    assertStorableText(f);
    const input = { name: f.name, description: f.description, ...(f.slug.trim() ? { slug: f.slug.trim() } : {}) };
    if (f.id) await renameTag(actor, Number(f.id), input);
    else await createTag(actor, input);
    revalidatePath("/admin/tags");
    return f.id
      ? { outcome: "saved", message: "Tag saved.", values, at }
      : { outcome: "saved", message: `Tag “${f.name.trim()}” created.`, values: {}, at };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
}
