"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { resetPassword } from "@/lib/auth/account";
import { getCurrentActor } from "@/lib/auth/sessions";
import { issueApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { changeUserRole, inviteUser, setUserDisabled } from "@/lib/auth/users";
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

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const idOf = (form: FormData) => (/^\d{1,10}$/.test(text(form, "userId")) ? Number(text(form, "userId")) : 0);

/** Adds a newsroom user with a role; their generated password is shown once, here. Admins only (lib). */
export async function inviteUserAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const values = { email: text(form, "email"), name: text(form, "name"), role: text(form, "role") };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const { user, password } = await inviteUser(actor, values, clientAddressFromHeaders(await headers()));
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: `Added ${user.name} <${user.email}> as ${user.role.toLowerCase()}. Their password: ${password} — shown only now; give it to them in person and ask them to change it.`,
      values: { email: "", name: "", role: values.role },
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
}

/** Gives a user another role, from their next request on. Admins only; never leaves the newsroom without an admin. */
export async function changeRoleAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const result = await changeUserRole(
      actor,
      idOf(form),
      text(form, "role"),
      clientAddressFromHeaders(await headers()),
    );
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: result.changed
        ? `${result.email} is now ${result.role.toLowerCase()}.`
        : `${result.email} already has that role.`,
      values: { role: result.role },
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values: { role: text(form, "role") }, at };
  }
}

/** Disables or re-enables a user; disabling ends their sessions and tokens at once. */
export async function setDisabledAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const disable = text(form, "disable") === "1";
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const result = await setUserDisabled(actor, idOf(form), disable, clientAddressFromHeaders(await headers()));
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: disable
        ? `${result.email} is disabled: their sessions and API tokens no longer work.`
        : `${result.email} can sign in again.`,
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), at };
  }
}

/** Makes an API token for a user, acting with their role or a lesser one; the token is shown once. */
export async function createTokenAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const values = { email: text(form, "email"), name: text(form, "name"), role: text(form, "role") };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const { token } = await issueApiToken(
      actor,
      { email: values.email, name: values.name, ...(values.role ? { role: values.role } : {}) },
      clientAddressFromHeaders(await headers()),
    );
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: `Token for ${values.email.trim().toLowerCase()}: ${token} — shown only now; store it in the client that uses it.`,
      values: { email: "", name: "", role: "" },
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), values, at };
  }
}

/** Revokes an API token for good: its next request is refused. Admins only (lib); recorded in the audit log. */
export async function revokeTokenAction(_prev: EntityFormState, form: FormData): Promise<EntityFormState> {
  const at = Date.now();
  const raw = text(form, "tokenId");
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647)
    return { outcome: "error", message: "The form sent something unexpected. Reload and try again.", at };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const changed = await revokeApiToken(actor, Number(raw), clientAddressFromHeaders(await headers()));
    revalidatePath("/admin/users");
    return {
      outcome: "saved",
      message: changed ? "Revoked: the token no longer works." : "That token was already revoked.",
      at,
    };
  } catch (error) {
    return { outcome: "error", ...domainFailure(error), at };
  }
}
