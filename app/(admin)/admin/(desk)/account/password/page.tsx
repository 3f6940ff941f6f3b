import type { Metadata } from "next";
import { MIN_PASSWORD_LENGTH, MAX_NEW_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { requireActor } from "@/lib/auth/sessions";
import { EntityForm } from "@/components/admin/EntityForm";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const actor = await requireActor(undefined, "/admin/account/password");
  return (
    <>
      <div className="nr-page-head">
        <h1>Change password</h1>
        <span className="nr-muted">{actor.email}</span>
      </div>
      <section className="nr-panel" aria-labelledby="change-password">
        <h2 id="change-password">Your password</h2>
        <EntityForm
          action={changePasswordAction}
          label="Change password"
          submitLabel="Change password"
          fields={[
            { name: "current", label: "Current password", kind: "password", autoComplete: "current-password" },
            {
              name: "next",
              label: "New password",
              kind: "password",
              autoComplete: "new-password",
              hint: `${MIN_PASSWORD_LENGTH} to ${MAX_NEW_PASSWORD_LENGTH} characters, spaces welcome; not one of the commonest passwords. A few unrelated words make a good one.`,
            },
            { name: "repeat", label: "Repeat the new password", kind: "password", autoComplete: "new-password" },
          ]}
          values={{}}
        />
      </section>
    </>
  );
}
