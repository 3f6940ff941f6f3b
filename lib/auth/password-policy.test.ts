import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { commonPasswordCount, passwordProblem } from "./password-policy";

const COMMON =
  "That is one of the most common passwords, which attackers try first. Choose another: a few unrelated words make a good one.";

describe("new passwords (ASVS L2)", () => {
  test("the passwords from the report are refused, each with its reason", () => {
    assert.equal(passwordProblem("aaaaaaaaaaaa"), "A password cannot be one character repeated.");
    assert.equal(passwordProblem("password1234"), COMMON);
    assert.equal(passwordProblem(" ".repeat(12)), "A password cannot be only spaces.");
  });

  test("common passwords are refused whatever their case", () => {
    for (const p of ["PASSWORD1234", "Qwerty123456", "123456789012", "1qaz2wsx3edc", "leavemealone"])
      assert.equal(passwordProblem(p), COMMON, p);
  });

  test("length is counted in characters: 12 to 128", () => {
    assert.equal(passwordProblem("short-pw-11"), "Passwords need at least 12 characters.");
    assert.equal(
      passwordProblem("🔑".repeat(6) + "abcde"),
      "Passwords need at least 12 characters.",
      "11 characters, 17 UTF-16 units",
    );
    assert.equal(passwordProblem("x".repeat(64) + "y".repeat(65)), "Passwords are at most 128 characters.");
    assert.equal(passwordProblem("x".repeat(64) + "y".repeat(64)), null);
  });

  test("passphrases, spaces and any script are welcome", () => {
    for (const p of [
      "correct horse battery staple",
      "  leading and trailing  ",
      "Zoë Ångström 1984!",
      "пароль-для-редакции",
      "🔑🔑🔑🔑🔑🔑 secret",
    ])
      assert.equal(passwordProblem(p), null, p);
  });

  test("the bundled list holds tens of thousands of passwords", () => {
    assert.equal(commonPasswordCount(), 49233);
  });
});
