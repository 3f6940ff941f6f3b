"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { resetPassword } from "@/lib/auth/account";
import { getCurrentActor } from "@/lib/auth/sessions";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import type { EntityFormState } from "@/components/admin/EntityForm";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const formSchema = z.object({ email: z.string().max(254) });

/** Gives a newsroom user a generated password, shown once here, and ends all their sessions. Admins only (lib). */
export async function resetPasswordAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const parsed = formSchema.safeParse({ email: typeof form.get("email") === "string" ? form.get("email") : "" });
  if (!parsed.success)
    return { outcome: "error", message: "The form sent something unexpected. Reload and try again.", at };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const { email, password } = await resetPassword(
      actor,
      parsed.data.email,
      undefined,
      clientAddressFromHeaders(await headers()),
    );
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: `New password for ${email}: ${password} — shown only now; give it to them in person. Their sessions have ended.`,
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), at };
  }
}
