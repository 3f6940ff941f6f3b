import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import type { Actor } from "./permissions";
import { hashPassword } from "./passwords";
import { actorForSessionToken, createSessionForCredentials } from "./sessions";
import { actorFromBearer, createApiToken, issueApiToken } from "./tokens";
import { changeUserRole, setUserDisabled } from "./users";

/** Managing staff from the users screen: roles, disabling, tokens with roles, and the audit rows of each. */

const f = new Factory();
let admin: Actor;
const PASSWORD = "correct horse battery staple 42";
let passwordHash = "";

async function rejects(fn: () => Promise<unknown>, status: number) {
  await assert.rejects(fn, (error: unknown) => error instanceof DomainError && error.status === status);
}

const auditRows = (subjectId: number, action: string) =>
  db().auditEvent.findMany({ where: { subjectId, action: action as never }, orderBy: { id: "asc" } });

before(async () => {
  passwordHash = await hashPassword(PASSWORD);
  const a = await f.user({ role: "ADMIN" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("staff management", () => {
  test("a role change applies to the next request of the user's session and tokens, and is audited", async () => {
    const u = await f.user({ role: "EDITOR", passwordHash });
    const signedIn = await createSessionForCredentials(u.email, PASSWORD, { ip: "203.0.113.9" });
    assert.ok(signedIn.ok);
    const { token } = await createApiToken({ email: u.email, name: "cms" });
    await changeUserRole(admin, u.id, "contributor", "198.51.100.1");
    assert.equal((await actorForSessionToken(signedIn.token))?.role, "CONTRIBUTOR");
    assert.equal((await actorFromBearer(`Bearer ${token}`))?.role, "CONTRIBUTOR");
    const [row] = await auditRows(u.id, "role_change");
    assert.equal(row?.actorId, admin.id);
    assert.deepEqual(row?.detail, { email: u.email, from: "EDITOR", to: "CONTRIBUTOR" });
    assert.equal(row?.ip, "198.51.100.1");
    await rejects(() => changeUserRole(admin, u.id, "owner"), 422);
    await rejects(() => changeUserRole(admin, 2_000_000_000, "author"), 404);
  });

  test("disabling ends sessions and tokens at once; re-enabling lets the user sign in again; both audited", async () => {
    const u = await f.user({ role: "AUTHOR", passwordHash });
    const signedIn = await createSessionForCredentials(u.email, PASSWORD, { ip: "203.0.113.9" });
    assert.ok(signedIn.ok);
    const { token } = await createApiToken({ email: u.email, name: "cms" });
    await setUserDisabled(admin, u.id, true);
    assert.equal(await actorForSessionToken(signedIn.token), null);
    assert.equal(await actorFromBearer(`Bearer ${token}`), null);
    assert.equal(await db().session.count({ where: { userId: u.id } }), 0, "their sessions are deleted");
    assert.equal((await createSessionForCredentials(u.email, PASSWORD, { ip: "203.0.113.9" })).ok, false);
    await setUserDisabled(admin, u.id, false);
    assert.ok((await actorFromBearer(`Bearer ${token}`))?.role === "AUTHOR", "tokens were not revoked, only refused");
    assert.equal((await createSessionForCredentials(u.email, PASSWORD, { ip: "203.0.113.9" })).ok, true);
    assert.equal((await auditRows(u.id, "user_disable")).length, 1);
    assert.equal((await auditRows(u.id, "user_enable")).length, 1);
  });

  test("the last enabled admin cannot be demoted or disabled, by themselves or anyone", async () => {
    // Make `admin` the only enabled admin for the length of this test, then put the others back.
    const others = await db().user.findMany({
      where: { role: "ADMIN", disabledAt: null, id: { not: admin.id } },
      select: { id: true },
    });
    const ids = others.map((o) => o.id);
    await db().user.updateMany({ where: { id: { in: ids } }, data: { disabledAt: new Date() } });
    try {
      await rejects(() => changeUserRole(admin, admin.id, "editor"), 409);
      await rejects(() => setUserDisabled(admin, admin.id, true), 409);
      assert.equal((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role, "ADMIN");
      // With a second admin, either may step down.
      const second = await f.user({ role: "ADMIN" });
      await changeUserRole(admin, admin.id, "editor");
      await changeUserRole({ ...admin, id: second.id }, admin.id, "admin");
    } finally {
      await db().user.updateMany({ where: { id: { in: ids } }, data: { disabledAt: null } });
    }
  });

  test("a token acts with its own role, never above its user's, and its creation by an admin is audited", async () => {
    const u = await f.user({ role: "EDITOR" });
    await rejects(() => issueApiToken(admin, { email: u.email, name: "too much", role: "admin" }), 422);
    const { id, token } = await issueApiToken(admin, { email: u.email, name: "importer", role: "contributor" }, "::1");
    assert.equal((await actorFromBearer(`Bearer ${token}`))?.role, "CONTRIBUTOR");
    const [row] = await db().auditEvent.findMany({ where: { action: "token_create", subjectId: id } });
    assert.equal(row?.actorId, admin.id);
    assert.equal(row?.detail && (row.detail as Record<string, unknown>).role, "CONTRIBUTOR");
    // Demoting the user below the token's role demotes the token.
    const { token: full } = await issueApiToken(admin, { email: u.email, name: "full" });
    await changeUserRole(admin, u.id, "author");
    assert.equal((await actorFromBearer(`Bearer ${full}`))?.role, "AUTHOR");
    assert.equal((await actorFromBearer(`Bearer ${token}`))?.role, "CONTRIBUTOR");
  });
});
