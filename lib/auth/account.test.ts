import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import { changeOwnPassword, resetPassword, resetPasswordTrusted } from "./account";
import { hashPassword, verifyPassword } from "./passwords";
import { actorForSessionToken, createSessionForCredentials } from "./sessions";
import { createUser } from "./users";
import { SIGN_IN_LIMITS, resetSignInLimits } from "./rate-limit";
import type { Actor } from "./permissions";

const factory = new Factory();
const first = "first long passphrase";
let editor: Actor;
let admin: Actor;

before(async () => {
  const e = await factory.user({ role: "EDITOR", passwordHash: await hashPassword(first) });
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
  const a = await factory.user({ role: "ADMIN", passwordHash: await hashPassword("admin long passphrase") });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
});

after(async () => {
  await factory.cleanup();
  await disconnectDb();
});

async function session(email: string, password: string, ip = "198.51.100.40") {
  await resetSignInLimits();
  const result = await createSessionForCredentials(email, password, { ip });
  assert.ok(result.ok, `signed in as ${email}`);
  return result.ok ? result.token : "";
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    return error;
  }
  assert.fail("expected a refusal");
}

describe("passwords after sign-up", () => {
  test("creating a user refuses the weak passwords from the report", async () => {
    for (const [password, message] of [
      ["aaaaaaaaaaaa", "A password cannot be one character repeated."],
      [
        "password1234",
        "That is one of the most common passwords, which attackers try first. Choose another: a few unrelated words make a good one.",
      ],
      ["            ", "A password cannot be only spaces."],
    ] as const) {
      const error = await refusal(
        createUser({ email: `weak-${factory.suffix}@example.test`, name: "Weak", role: "admin", password }),
      );
      assert.equal(error.status, 422);
      assert.equal(error.fields?.password, message, password);
    }
    assert.equal(await db().user.count({ where: { email: `weak-${factory.suffix}@example.test` } }), 0);
  });

  test("changing your own password needs the current one and a good new one, and ends your other sessions", async () => {
    const here = await session(editor.email, first);
    const elsewhere = await session(editor.email, first, "203.0.113.41");

    const wrong = await refusal(
      changeOwnPassword(
        editor,
        { current: "not it at all", next: "second long passphrase", repeat: "second long passphrase" },
        here,
      ),
    );
    assert.deepEqual(wrong.toJSON(), {
      error: "Your current password is not right.",
      fields: { current: "This is not your current password." },
    });
    const common = await refusal(
      changeOwnPassword(editor, { current: first, next: "password1234", repeat: "password1234" }, here),
    );
    assert.equal(
      common.fields?.next,
      "That is one of the most common passwords, which attackers try first. Choose another: a few unrelated words make a good one.",
    );
    const differ = await refusal(
      changeOwnPassword(
        editor,
        { current: first, next: "second long passphrase", repeat: "second long passphrase!" },
        here,
      ),
    );
    assert.deepEqual(differ.fields, { repeat: "This does not match the new password." });
    assert.equal((await actorForSessionToken(elsewhere))?.id, editor.id, "refusals change nothing");

    await changeOwnPassword(
      editor,
      { current: first, next: "second long passphrase", repeat: "second long passphrase" },
      here,
    );
    assert.equal((await actorForSessionToken(here))?.id, editor.id, "this browser stays signed in");
    assert.equal(await actorForSessionToken(elsewhere), null, "the other browser is signed out");
    const row = await db().user.findUniqueOrThrow({ where: { id: editor.id }, omit: { passwordHash: false } });
    assert.equal(await verifyPassword(row.passwordHash, "second long passphrase"), true);
    assert.equal(await verifyPassword(row.passwordHash, first), false);
  });

  test("guessing the current password on the change screen is throttled like sign-in: locked after a few, for sign-in too", async () => {
    const password = "third long passphrase";
    const u = await factory.user({ role: "EDITOR", passwordHash: await hashPassword(password) });
    const guesser: Actor = { id: u.id, email: u.email, name: u.name, role: u.role };
    await resetSignInLimits();
    const ip = "203.0.113.77";
    const guess = (current: string) =>
      refusal(
        changeOwnPassword(
          guesser,
          { current, next: "fourth long passphrase", repeat: "fourth long passphrase" },
          undefined,
          ip,
        ),
      );
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++)
      assert.equal((await guess(`wrong guess ${i}`)).status, 422);
    const locked = await guess(password);
    assert.equal(locked.status, 429, "the right password is not even checked once locked");
    assert.match(locked.message, /^Too many wrong passwords\. Try again in \d+ minutes?\.$/);
    const signIn = await createSessionForCredentials(u.email, password, { ip });
    assert.equal(signIn.ok, false, "the lockout covers sign-in from that address too");
    const fromElsewhere = await createSessionForCredentials(u.email, password, { ip: "198.51.100.99" });
    assert.equal(fromElsewhere.ok, true, "the owner elsewhere is not locked out");
    await resetSignInLimits();
  });

  test("an admin resets someone's password: a generated one, every session of theirs ends; editors may not", async () => {
    const current = "second long passphrase";
    const theirs = await session(editor.email, current);
    const denied = await refusal(resetPassword(editor, admin.email));
    assert.equal(denied.status, 403);

    const { password } = await resetPassword(admin, editor.email.toUpperCase());
    assert.match(password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    assert.equal(await actorForSessionToken(theirs), null);
    await session(editor.email, password);
    const weak = await refusal(resetPasswordTrusted(editor.email, "aaaaaaaaaaaa"));
    assert.equal(weak.status, 422);
    const missing = await refusal(resetPasswordTrusted(`nobody-${factory.suffix}@example.test`));
    assert.equal(missing.message, `There is no user with the email nobody-${factory.suffix}@example.test.`);
  });
});
