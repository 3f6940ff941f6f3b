"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { changeOwnPassword } from "@/lib/auth/account";
import { currentSessionToken, getCurrentActor } from "@/lib/auth/sessions";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import type { EntityFormState } from "@/components/admin/EntityForm";
import { SIGNED_OUT, domainFailure } from "../../../action-errors";

const formSchema = z.object({
  current: z.string().max(2000),
  next: z.string().max(2000),
  repeat: z.string().max(2000),
});

/** Changes the signed-in person's password; this browser stays signed in, every other session ends. */
export async function changePasswordAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  const parsed = formSchema.safeParse({ current: text("current"), next: text("next"), repeat: text("repeat") });
  // Passwords are never echoed back into the form.
  if (!parsed.success) return { outcome: "error", message: "Passwords are at most 128 characters.", values: {}, at };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    await changeOwnPassword(actor, parsed.data, await currentSessionToken(), clientAddressFromHeaders(await headers()));
    return {
      outcome: "saved",
      message: "Your password has been changed. Your other browsers and devices were signed out.",
      values: {},
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values: {}, at };
  }
}
