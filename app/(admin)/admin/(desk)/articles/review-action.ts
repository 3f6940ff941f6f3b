"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/sessions";
import { updateArticle } from "@/lib/articles/mutations";
import type { ReviewPanelState } from "@/components/admin/ReviewPanel";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

/**
 * The review step from the editor page: "submit" puts a draft in the editors' queue with a note; "return" sends an
 * article in review back to draft with the editor's note; "withdraw" takes the writer's own submission back (no
 * note: lib clears it). lib/articles/mutations.ts decides who may (403 otherwise); on success the page is loaded
 * again with the new status.
 */
export async function reviewAction(_prev: ReviewPanelState, form: FormData): Promise<ReviewPanelState> {
  const id = Number(form.get("id"));
  const intent = form.get("intent");
  const note = form.get("note");
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    if (
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      id > 2_147_483_647 ||
      (intent !== "submit" && intent !== "return" && intent !== "withdraw")
    )
      return { message: "The form sent something unexpected. Reload the page and try again." };
    await updateArticle(
      actor,
      id,
      intent === "withdraw"
        ? { status: "draft" }
        : { status: intent === "submit" ? "in_review" : "draft", reviewNote: typeof note === "string" ? note : "" },
    );
  } catch (error) {
    const failure = domainFailure(error);
    return { message: failure.fields?.reviewNote ?? failure.message };
  }
  redirect(`/admin/articles/${id}?review=${intent}`);
}
