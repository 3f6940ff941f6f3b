"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/sessions";
import { assertStorableText } from "@/lib/text/hygiene";
import { takeDownArticle } from "@/lib/articles/takedown";
import type { TakeDownState } from "@/components/admin/TakeDownPanel";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

/**
 * Takes an article down (legal or ethical removal) with the reason typed in the panel. On success the editor page
 * is loaded again, so every part of it shows the new status.
 */
export async function takeDownArticleAction(_prev: TakeDownState, form: FormData): Promise<TakeDownState> {
  const id = Number(form.get("id"));
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647)
      return { message: "The editor sent something unexpected. Reload the page and try again." };
    assertStorableText({ takenDownReason: form.get("reason") });
    await takeDownArticle(actor, id, form.get("reason"), { removeImages: form.get("removeImages") === "on" });
  } catch (error) {
    const failure = domainFailure(error);
    return { message: failure.fields?.takenDownReason ?? failure.message };
  }
  redirect(`/admin/articles/${id}?taken-down=1`);
}
