import type { Metadata } from "next";
import { listUsers } from "@/lib/auth/users";
import { listApiTokens } from "@/lib/auth/tokens";
import { readPublication } from "@/lib/settings/publication";
import { formatInZone } from "@/lib/time/zones";
import { ROLES } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/sessions";
import { EntityForm } from "@/components/admin/EntityForm";
import {
  changeRoleAction,
  createTokenAction,
  inviteUserAction,
  resetPasswordAction,
  revokeTokenAction,
  setDisabledAction,
} from "./actions";

export const metadata: Metadata = { title: "Users" };

/** What each role may do, in the words of the screen (lib/auth/permissions.ts is the rule). */
const ROLE_HELP: Record<(typeof ROLES)[number], string> = {
  CONTRIBUTOR: "Contributor — writes drafts and submits them for review; never publishes.",
  AUTHOR: "Author — writes and publishes their own articles.",
  EDITOR: "Editor — every article: review, publish, schedule, take down, corrections; authors, tags, sections.",
  ADMIN: "Admin — everything an editor does, plus users, API tokens, settings and the audit log.",
};
const roleOptions = ROLES.map((r) => ({ value: r, label: r.charAt(0) + r.slice(1).toLowerCase() }));

export default async function UsersPage() {
  const actor = await requireActor("user:manage", "/admin/users");
  const [users, tokens, { timeZone }] = await Promise.all([listUsers(actor), listApiTokens(actor), readPublication()]);
  const when = (at: Date) => <time dateTime={at.toISOString()}>{formatInZone(at, timeZone)}</time>;
  const roleName = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();
  return (
    <>
      <div className="nr-page-head">
        <h1>Users</h1>
      </div>
      <section className="nr-panel" aria-labelledby="users">
        <h2 id="users">Newsroom users</h2>
        <table className="nr-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Access</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.name}
                  {user.disabledAt ? <span className="nr-muted"> (disabled)</span> : null}
                </td>
                <td>{user.email}</td>
                <td>
                  <EntityForm
                    action={changeRoleAction}
                    label={`Role of ${user.name} <${user.email}>`}
                    submitLabel="Change role"
                    layout="row"
                    fields={[{ name: "role", label: `Role of ${user.name}`, kind: "select", options: roleOptions }]}
                    hidden={{ userId: String(user.id) }}
                    values={{ role: user.role }}
                  />
                </td>
                <td>
                  <EntityForm
                    action={setDisabledAction}
                    label={`${user.disabledAt ? "Re-enable" : "Disable"} ${user.name} <${user.email}>`}
                    submitLabel={user.disabledAt ? "Re-enable" : "Disable"}
                    fields={[]}
                    hidden={{ userId: String(user.id), disable: user.disabledAt ? "0" : "1" }}
                    values={{}}
                  />
                </td>
                <td>
                  <EntityForm
                    action={resetPasswordAction}
                    label={`Reset the password of ${user.name} <${user.email}>`}
                    submitLabel="Reset password"
                    fields={[]}
                    hidden={{ email: user.email }}
                    values={{}}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="nr-panel" aria-labelledby="add-user">
        <h2 id="add-user">Add a user</h2>
        <ul className="nr-muted">
          {ROLES.map((r) => (
            <li key={r}>{ROLE_HELP[r]}</li>
          ))}
        </ul>
        <EntityForm
          action={inviteUserAction}
          label="Add a user"
          submitLabel="Add user"
          fields={[
            { name: "name", label: "Name", autoComplete: "off" },
            { name: "email", label: "Email", autoComplete: "off" },
            { name: "role", label: "Role", kind: "select", options: roleOptions },
          ]}
          values={{ name: "", email: "", role: "CONTRIBUTOR" }}
        />
      </section>
      <section className="nr-panel" aria-labelledby="tokens">
        <h2 id="tokens">API tokens</h2>
        <p className="nr-muted">
          Only a token&apos;s first characters are kept in readable form; the token itself was shown once, when it was
          made. Last use is recorded to the minute. Times in {timeZone}.
        </p>
        <table className="nr-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Prefix</th>
              <th scope="col">Acts as</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={7} className="nr-muted">
                  No API tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.map((token) => (
              <tr key={token.id} data-testid={`token-${token.id}`}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>
                  {token.owner.name} &lt;{token.owner.email}&gt;
                  {token.owner.disabled ? <span className="nr-muted"> (disabled: the token does not work)</span> : null}
                </td>
                <td>{token.role ? roleName(token.role) : "The user's role"}</td>
                <td>{when(token.createdAt)}</td>
                <td>{token.lastUsedAt ? when(token.lastUsedAt) : <span className="nr-muted">Never</span>}</td>
                <td>
                  {token.revokedAt ? (
                    <>Revoked {when(token.revokedAt)}</>
                  ) : (
                    <EntityForm
                      action={revokeTokenAction}
                      label={`Revoke the API token ${token.name} (${token.prefix}…)`}
                      submitLabel="Revoke"
                      fields={[]}
                      hidden={{ tokenId: String(token.id) }}
                      values={{}}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="nr-panel" aria-labelledby="add-token">
        <h2 id="add-token">New API token</h2>
        <p className="nr-muted">
          A token acts as its user, with their role or a lesser one, and stops working when the user is disabled.
        </p>
        <EntityForm
          action={createTokenAction}
          label="New API token"
          submitLabel="Create token"
          fields={[
            { name: "email", label: "Email of the user it acts as", autoComplete: "off" },
            { name: "name", label: "Label", hint: "What uses it, e.g. wire importer." },
            {
              name: "role",
              label: "Role",
              kind: "select",
              options: [{ value: "", label: "The user's role" }, ...roleOptions],
            },
          ]}
          values={{ email: "", name: "", role: "" }}
        />
      </section>
    </>
  );
}
