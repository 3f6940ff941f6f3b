"use server";

import { revalidatePath } from "next/cache";
import { assertStorableText } from "@/lib/text/hygiene";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { createSection, updateSection } from "@/lib/sections/mutations";
import { DomainError } from "@/lib/errors";
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
  position: z.string().max(20),
});

/** Creates or edits a section (admins only; lib/sections checks). */
export async function saveSectionAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  const parsed = formSchema.safeParse({
    id: text("id") || undefined,
    name: text("name"),
    slug: text("slug"),
    description: text("description"),
    position: text("position"),
  });
  if (!parsed.success)
    return { outcome: "error", message: "The form sent something unexpected. Reload and try again.", at };
  const f = parsed.data;
  const values = { name: f.name, slug: f.slug, description: f.description, position: f.position };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    // NUL and lone surrogates cannot be stored: say which field holds one instead of failing in the database.
    assertStorableText(f);
    const position = f.position.trim();
    if (position && !/^\d{1,5}$/.test(position)) {
      throw new DomainError(422, "Some fields need attention.", {
        position: "Position is a whole number (lower comes first).",
      });
    }
    const input = {
      name: f.name,
      ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
      description: f.description,
      ...(position ? { position: Number(position) } : {}),
    };
    if (f.id) await updateSection(actor, Number(f.id), input);
    else await createSection(actor, input);
    revalidatePath("/admin/sections");
    return f.id
      ? { outcome: "saved", message: "Section saved.", values, at }
      : { outcome: "saved", message: `Section “${f.name.trim()}” created.`, values: {}, at };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
}
