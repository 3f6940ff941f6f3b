import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  SIGN_IN_LIMITS,
  lockoutSeconds,
  recordSignInFailure,
  recordSignInSuccess,
  resetSignInLimits,
  signInRetryAfter,
} from "./rate-limit";

const MIN = 60;
const t0 = Date.UTC(2026, 0, 1);
const at = (seconds: number) => t0 + seconds * 1000;

beforeEach(() => resetSignInLimits());

async function fail(times: number, email: string, ip: string, now: number) {
  for (let i = 0; i < times; i++) await recordSignInFailure(email, ip, now);
}

describe("sign-in throttling (Ghost's schedule)", () => {
  test("per account and address: 4 free failures, then 10, 10, 20, 30, 50 minutes … at most 7 days", () => {
    const s = SIGN_IN_LIMITS.perAccount;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => lockoutSeconds(s, n)),
      [0, 0, 0, 0, 10 * MIN, 10 * MIN, 20 * MIN, 30 * MIN, 50 * MIN, 80 * MIN],
    );
    assert.equal(lockoutSeconds(s, 40), 7 * 24 * 60 * MIN);
  });

  test("the fifth failure locks the pair for ten minutes; the next failure after it ends locks it again, longer", async () => {
    const email = "ed@example.test";
    const ip = "198.51.100.1";
    await fail(4, email, ip, at(0));
    assert.equal(await signInRetryAfter(email, ip, at(1)), 0, "four failures are free");
    await fail(1, email, ip, at(1));
    assert.equal(await signInRetryAfter(email, ip, at(1)), 600);
    assert.equal(await signInRetryAfter(email, ip, at(1 + 599)), 1);
    assert.equal(await signInRetryAfter(email, ip, at(1 + 600)), 0);
    await fail(1, email, ip, at(700));
    assert.equal(await signInRetryAfter(email, ip, at(700)), 600);
    await fail(1, email, ip, at(1400));
    assert.equal(await signInRetryAfter(email, ip, at(1400)), 1200);
  });

  test("a lockout from one address does not reach the account's owner at another", async () => {
    const email = "owner@example.test";
    await fail(25, email, "203.0.113.66", at(0));
    assert.ok((await signInRetryAfter(email, "203.0.113.66", at(1))) > 0);
    assert.equal(await signInRetryAfter(email, "198.51.100.7", at(1)), 0);
  });

  test("one address guessing across many accounts is blocked for an hour after 100 failures", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < 99; i++) await recordSignInFailure(`user${i}@example.test`, ip, at(i));
    assert.equal(await signInRetryAfter("fresh@example.test", ip, at(100)), 0, "99 failures are free");
    await recordSignInFailure("user99@example.test", ip, at(100));
    assert.equal(await signInRetryAfter("fresh@example.test", ip, at(100)), 3600);
    assert.equal(
      await signInRetryAfter("fresh@example.test", "198.51.100.8", at(100)),
      0,
      "other addresses are not touched",
    );
  });

  test("counts are forgotten an hour after the last failure, and a success forgives the pair", async () => {
    const email = "typo@example.test";
    const ip = "198.51.100.2";
    await fail(4, email, ip, at(0));
    await fail(1, email, ip, at(3601));
    assert.equal(await signInRetryAfter(email, ip, at(3601)), 0, "the first four were forgotten");
    await fail(3, email, ip, at(3602));
    await recordSignInSuccess(email, ip);
    await fail(4, email, ip, at(3603));
    assert.equal(await signInRetryAfter(email, ip, at(3603)), 0);
  });
});
