import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  test("hashes with Argon2id and the documented cost, salted", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(a, b, "two hashes of one password differ (random salt)");
    assert.ok(!a.includes("correct horse"));
  });

  test("verifies the right password only", async () => {
    const hash = await hashPassword("s3cret-enough-pw");
    assert.equal(await verifyPassword(hash, "s3cret-enough-pw"), true);
    assert.equal(await verifyPassword(hash, "s3cret-enough-pW"), false);
    assert.equal(await verifyPassword(hash, ""), false);
  });

  test("an unusable or malformed hash never verifies and never throws", async () => {
    assert.equal(await verifyPassword("!unusable", "anything"), false);
    assert.equal(await verifyPassword("$argon2id$garbage", "anything"), false);
    assert.equal(await verifyPassword("", ""), false);
  });

  test("generated passwords are readable, long and different each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      assert.match(p, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      assert.doesNotMatch(p, /[01lio]/, "no characters that are easy to misread");
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });
});
