"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/sessions";
import { addArticleNote } from "@/lib/articles/notes";
import type { NotesPanelState } from "@/components/admin/ArticleNotesPanel";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

/**
 * Adds a correction or update from the editor's panel. On success the editor page is loaded again, so the list
 * and the "Updated" time show the new note.
 */
export async function addArticleNoteAction(_prev: NotesPanelState, form: FormData): Promise<NotesPanelState> {
  const id = Number(form.get("id"));
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647)
      return { message: "The editor sent something unexpected. Reload the page and try again." };
    await addArticleNote(actor, id, { kind: form.get("kind"), text: form.get("text") });
  } catch (error) {
    const failure = domainFailure(error);
    return { message: failure.fields?.text ?? failure.fields?.kind ?? failure.message };
  }
  redirect(`/admin/articles/${id}?noted=1`);
}
