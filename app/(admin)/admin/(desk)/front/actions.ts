"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/sessions";
import { pinArticle, unpinSlot, type FrontRef } from "@/lib/fronts/curation";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { DomainError } from "@/lib/errors";
import { readPublication } from "@/lib/settings/publication";
import { zonedLocalToDate } from "@/lib/time/zones";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

/**
 * The front screen's two writes. Plain form posts that end in a redirect back to the screen with what happened
 * (`?done=` or `?error=`), so they work with JavaScript off; lib/fronts/curation.ts authorizes, validates, audits and
 * refreshes the public fronts before this returns.
 */

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
/** Empty means the home page; any other value names a section, which lib/fronts answers with a 404 if unknown. */
const frontOf = (form: FormData): FrontRef => {
  const section = field(form, "section").trim().slice(0, 200);
  return { section: section || null };
};
const whole = (text: string, max: number) => (/^\d{1,10}$/.test(text) && Number(text) <= max ? Number(text) : null);

function back(front: FrontRef, outcome: { done: string } | { error: string }): never {
  const p = new URLSearchParams({
    ...(front.section ? { section: front.section } : {}),
    ...("done" in outcome ? { done: outcome.done } : { error: outcome.error.slice(0, 300) }),
  });
  redirect(`/admin/front?${p}`);
}

export async function pinAction(form: FormData): Promise<void> {
  const front = frontOf(form);
  let outcome: { done: string } | { error: string };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const slot = whole(field(form, "slot"), 100);
    const articleId = whole(field(form, "articleId"), 2_147_483_647);
    if (slot === null || articleId === null)
      throw new DomainError(400, "The form sent something unexpected. Reload and try again.");
    const expiresText = field(form, "expiresAt").trim();
    let expiresAt: Date | null = null;
    if (expiresText) {
      expiresAt = zonedLocalToDate(expiresText, (await readPublication()).timeZone);
      if (!expiresAt)
        throw new DomainError(422, "The expiry is not a date and time: use the picker, or leave it empty.");
    }
    await pinArticle(actor, front, { slot, articleId, expiresAt }, { ip: clientAddressFromHeaders(await headers()) });
    outcome = { done: "pinned" };
  } catch (error) {
    outcome = { error: domainFailure(error).message };
  }
  back(front, outcome);
}

export async function unpinAction(form: FormData): Promise<void> {
  const front = frontOf(form);
  let outcome: { done: string } | { error: string };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const slot = whole(field(form, "slot"), 100);
    if (slot === null) throw new DomainError(400, "The form sent something unexpected. Reload and try again.");
    await unpinSlot(actor, front, slot, { ip: clientAddressFromHeaders(await headers()) });
    outcome = { done: "unpinned" };
  } catch (error) {
    outcome = { error: domainFailure(error).message };
  }
  back(front, outcome);
}
