import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { chooseAdminPassword } from "../../prisma/seed";

describe("the seeded admin's password", () => {
  test("is generated for each database unless --demo asks for the well-known one", () => {
    const a = chooseAdminPassword({});
    const b = chooseAdminPassword({});
    assert.equal(a.source, "generated");
    assert.match(a.password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    assert.notEqual(a.password, b.password);
    assert.notEqual(a.password, "broadsheet-demo");
    assert.deepEqual(chooseAdminPassword({ demo: true }), { password: "broadsheet-demo", source: "demo" });
  });

  test("SEED_ADMIN_PASSWORD must pass the password policy", () => {
    assert.deepEqual(chooseAdminPassword({ given: "a long chosen passphrase" }), {
      password: "a long chosen passphrase",
      source: "given",
    });
    assert.throws(
      () => chooseAdminPassword({ given: "password1234" }),
      /^Error: SEED_ADMIN_PASSWORD is refused: That is one of the most common passwords/,
    );
  });
});
