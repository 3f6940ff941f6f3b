import type { Metadata } from "next";
import { listUsers } from "@/lib/auth/users";
import { requireActor } from "@/lib/auth/sessions";
import { EntityForm } from "@/components/admin/EntityForm";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor("user:manage", "/admin/users");
  const users = await listUsers(actor);
  return (
    <>
      <div className="nr-page-head">
        <h1>Users</h1>
        <span className="nr-muted">Add people with npm run admin -- create-user.</span>
      </div>
      <section className="nr-panel" aria-labelledby="users">
        <h2 id="users">Newsroom users</h2>
        <table className="nr-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
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
                <td>{user.role.toLowerCase()}</td>
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
    </>
  );
}
