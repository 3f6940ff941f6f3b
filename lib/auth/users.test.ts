import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import type { Actor } from "./permissions";
import { verifyPassword } from "./passwords";
import { createUser, findUserForSignIn, inviteUser, listUsers } from "./users";

const f = new Factory();
let admin: Actor;
let editor: Actor;

async function rejects(fn: () => Promise<unknown>, status: number) {
  await assert.rejects(fn, (error: unknown) => error instanceof DomainError && error.status === status);
}

before(async () => {
  const a = await f.user({ role: "ADMIN" });
  const e = await f.user({ role: "EDITOR" });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("users", () => {
  test("createUser generates a password when none is given and stores only its hash", async () => {
    const email = `New.Person-${f.suffix}@Example.test`;
    const { user, password } = await createUser({ email, name: "New Person", role: "editor" });
    f.track("users", user.id);
    assert.equal(user.email, email.toLowerCase());
    assert.equal(user.role, "EDITOR");
    assert.ok(!("passwordHash" in user), "the summary never carries the hash");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    assert.notEqual(row.passwordHash, password);
    assert.equal(await verifyPassword(row.passwordHash, password), true);
  });

  test("a given password is used; short passwords, bad roles and bad emails are 422; duplicates 409", async () => {
    const email = `chosen-${f.suffix}@example.test`;
    const { user, password } = await createUser({
      email,
      name: "Chosen",
      role: "ADMIN",
      password: "a-long-enough-password",
    });
    f.track("users", user.id);
    assert.equal(password, "a-long-enough-password");
    assert.equal(user.role, "ADMIN");
    await rejects(
      () => createUser({ email: `x-${f.suffix}@example.test`, name: "X", role: "editor", password: "short" }),
      422,
    );
    await rejects(() => createUser({ email: `x-${f.suffix}@example.test`, name: "X", role: "owner" }), 422);
    await rejects(() => createUser({ email: "not-an-email", name: "X", role: "editor" }), 422);
    await rejects(() => createUser({ email: email.toUpperCase(), name: "Again", role: "editor" }), 409);
  });

  test("findUserForSignIn returns the hash, ignores case, and hides disabled users", async () => {
    const email = `signin-${f.suffix}@example.test`;
    const { user } = await createUser({ email, name: "Sign In", role: "editor", password: "sign-in-password" });
    f.track("users", user.id);
    const found = await findUserForSignIn(`  ${email.toUpperCase()} `);
    assert.ok(found);
    assert.match(found.passwordHash, /^\$argon2id\$/);
    assert.equal(await findUserForSignIn(`nobody-${f.suffix}@example.test`), null);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    assert.equal(await findUserForSignIn(email), null);
  });

  test("only admins list or invite users; nobody signed in is 401", async () => {
    const list = await listUsers(admin);
    assert.ok(list.some((u) => u.id === editor.id));
    assert.ok(list.every((u) => !("passwordHash" in u)));
    await rejects(() => listUsers(editor), 403);
    await rejects(() => listUsers(null), 401);
    await rejects(() => inviteUser(editor, { email: `inv-${f.suffix}@example.test`, name: "I", role: "admin" }), 403);
    assert.equal(await db().user.count({ where: { email: `inv-${f.suffix}@example.test` } }), 0);
  });
});
