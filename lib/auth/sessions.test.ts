import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { hashPassword } from "./passwords";
import { SIGN_IN_LIMITS, resetSignInLimits } from "./rate-limit";
import {
  BAD_CREDENTIALS,
  actorForSessionToken,
  createSessionForCredentials,
  deleteSessionByToken,
  hashSessionToken,
  isSessionLive,
  newSessionToken,
  safeNextPath,
  sessionExpiry,
} from "./sessions";

const factory = new Factory();
const password = "correct horse battery staple";
let email: string;
let userId: number;
const meta = { ip: "203.0.113.7", userAgent: "node:test" };

before(async () => {
  const user = await factory.user({ role: "EDITOR", passwordHash: await hashPassword(password) });
  email = user.email;
  userId = user.id;
});

beforeEach(() => resetSignInLimits());

after(async () => {
  await factory.cleanup(); // sessions cascade with the user
  await disconnectDb();
});

describe("session tokens", () => {
  test("are 32 random bytes, different every time", () => {
    const a = newSessionToken();
    const b = newSessionToken();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, "base64url").length, 32);
  });

  test("are stored only as their SHA-256, in hex", () => {
    // FIPS 180-2's test vector: SHA-256("abc").
    assert.equal(hashSessionToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("expire 14 days after sign-in, across a month end", () => {
    assert.equal(sessionExpiry(new Date("2026-01-01T00:00:00Z")).toISOString(), "2026-01-15T00:00:00.000Z");
    assert.equal(sessionExpiry(new Date("2026-02-20T09:30:00Z")).toISOString(), "2026-03-06T09:30:00.000Z");
  });

  test("count only while unexpired and the user is enabled", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const later = new Date(now.getTime() + 1000);
    const earlier = new Date(now.getTime() - 1000);
    assert.equal(isSessionLive({ expiresAt: later, user: { disabledAt: null } }, now), true);
    assert.equal(isSessionLive({ expiresAt: earlier, user: { disabledAt: null } }, now), false);
    assert.equal(isSessionLive({ expiresAt: now, user: { disabledAt: null } }, now), false);
    assert.equal(isSessionLive({ expiresAt: later, user: { disabledAt: earlier } }, now), false);
  });
});

describe("sign-in", () => {
  test("the right password creates a session whose token finds the user", async () => {
    const result = await createSessionForCredentials(email.toUpperCase(), password, meta);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.actor.id, userId);
    const row = await db().session.findUnique({ where: { id: hashSessionToken(result.token) } });
    assert.ok(row, "the session row is keyed by the token's hash");
    assert.equal(row.userAgent, "node:test");
    // The stored expiry is 14 days (1,209,600,000 ms) after the sign-in, give or take the test's own run time.
    const lifetime = row.expiresAt.getTime() - row.createdAt.getTime();
    assert.ok(Math.abs(lifetime - 1_209_600_000) < 60_000, `session lives ${lifetime} ms`);
    assert.equal(await db().session.count({ where: { id: result.token } }), 0, "the raw token is never stored");
    const actor = await actorForSessionToken(result.token);
    assert.deepEqual(actor, { id: userId, email, name: "Test Editor", role: "EDITOR" });
  });

  test("a wrong password and an unknown email fail with the same message", async () => {
    const wrong = await createSessionForCredentials(email, "not the password", meta);
    const unknown = await createSessionForCredentials(`nobody-${factory.suffix}@example.test`, password, meta);
    assert.deepEqual(wrong, { ok: false, error: BAD_CREDENTIALS });
    assert.deepEqual(unknown, { ok: false, error: BAD_CREDENTIALS });
  });

  test("repeated failures from one place are throttled, even for the right password", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++) {
      const r = await createSessionForCredentials(email, `guess ${i}`, meta);
      assert.equal(r.ok, false);
    }
    const blocked = await createSessionForCredentials(email, password, meta);
    assert.equal(blocked.ok, false);
    if (blocked.ok) return;
    assert.match(blocked.error, /Too many attempts/);
    assert.ok((blocked.retryAfterSeconds ?? 0) > 0);
    // Another address is not punished for it.
    const elsewhere = await createSessionForCredentials(email, password, { ip: "198.51.100.1" });
    assert.equal(elsewhere.ok, true);
  });

  test("a disabled user cannot sign in and their live sessions stop counting", async () => {
    const result = await createSessionForCredentials(email, password, meta);
    assert.ok(result.ok);
    if (!result.ok) return;
    await db().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    try {
      assert.equal(await actorForSessionToken(result.token), null);
      const again = await createSessionForCredentials(email, password, meta);
      assert.deepEqual(again, { ok: false, error: BAD_CREDENTIALS });
    } finally {
      await db().user.update({ where: { id: userId }, data: { disabledAt: null } });
    }
  });

  test("an expired session is ignored; a deleted one is gone", async () => {
    const result = await createSessionForCredentials(email, password, meta);
    assert.ok(result.ok);
    if (!result.ok) return;
    const afterExpiry = new Date(result.expiresAt.getTime() + 1);
    assert.equal(await actorForSessionToken(result.token, afterExpiry), null);
    assert.ok(await actorForSessionToken(result.token));
    await deleteSessionByToken(result.token);
    assert.equal(await actorForSessionToken(result.token), null);
    assert.equal(await actorForSessionToken("not-a-token"), null);
  });
});

describe("post-sign-in destination", () => {
  test("stays inside the newsroom", () => {
    assert.equal(safeNextPath("/admin/articles/4"), "/admin/articles/4");
    assert.equal(safeNextPath("/admin?status=draft"), "/admin?status=draft");
    assert.equal(safeNextPath("https://evil.example/admin"), "/admin");
    assert.equal(safeNextPath("//evil.example"), "/admin");
    assert.equal(safeNextPath("/administrator"), "/admin");
    assert.equal(safeNextPath("/admin/sign-in"), "/admin");
    assert.equal(safeNextPath(undefined), "/admin");
  });
});
