"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getCurrentActor } from "@/lib/auth/sessions";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { updatePublication } from "@/lib/settings/publication";
import type { EntityFormState } from "@/components/admin/EntityForm";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

/** Saves the publication's settings. Admins only (lib/settings/publication.ts checks `settings:manage`). */
export async function saveSettingsAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  const values = {
    name: text("name"),
    tagline: text("tagline"),
    language: text("language"),
    opinionDisclaimer: text("opinionDisclaimer"),
  };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const saved = await updatePublication(actor, values, clientAddressFromHeaders(await headers()));
    revalidatePath("/admin/settings");
    return {
      outcome: "saved",
      message: "Settings saved. Every page of the site shows them from now on.",
      values: { ...values, name: saved.name, tagline: saved.tagline, language: saved.language },
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
}
