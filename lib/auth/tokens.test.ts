import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import type { Actor } from "./permissions";
import { actorFromBearer, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

const f = new Factory();
let user: { id: number; email: string };
let admin: Actor;

before(async () => {
  user = await f.user({ role: "EDITOR" });
  const a = await f.user({ role: "ADMIN" });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

const rawRow = (id: number) => db().apiToken.findUniqueOrThrow({ where: { id }, omit: { tokenHash: false } });

describe("API tokens", () => {
  test("only the SHA-256 of the token is stored; the prefix identifies it", async () => {
    const { id, token, prefix } = await createApiToken({ email: user.email.toUpperCase(), name: "wire importer" });
    assert.ok(token.length >= 40);
    assert.ok(token.startsWith(prefix));
    const row = await rawRow(id);
    assert.equal(row.tokenHash, createHash("sha256").update(token).digest("hex"));
    assert.notEqual(row.tokenHash, token);
    assert.equal(row.prefix, prefix);
    const dump = JSON.stringify(
      await db().apiToken.findMany({ where: { userId: user.id }, omit: { tokenHash: false } }),
    );
    assert.ok(!dump.includes(token), "the token itself is nowhere in the table");
  });

  test("a valid bearer token yields its user's actor and records lastUsedAt at most once a minute", async () => {
    const { id, token } = await createApiToken({ email: user.email, name: "cms" });
    const actor = await actorFromBearer(`Bearer ${token}`);
    assert.deepEqual(actor && { id: actor.id, role: actor.role }, { id: user.id, role: "EDITOR" });
    const first = (await rawRow(id)).lastUsedAt;
    assert.ok(first);
    await actorFromBearer(`bearer ${token}`);
    assert.equal(
      (await rawRow(id)).lastUsedAt?.getTime(),
      first.getTime(),
      "a second use within the minute does not write",
    );
    await db().apiToken.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await actorFromBearer(`Bearer ${token}`);
    assert.ok((await rawRow(id)).lastUsedAt!.getTime() > Date.now() - 10_000);
  });

  test("missing, malformed, unknown and revoked tokens are refused", async () => {
    const { id, token } = await createApiToken({ email: user.email, name: "to revoke" });
    assert.equal(await actorFromBearer(null), null);
    assert.equal(await actorFromBearer(""), null);
    assert.equal(await actorFromBearer(token), null, "no scheme");
    assert.equal(await actorFromBearer(`Basic ${token}`), null);
    assert.equal(await actorFromBearer(`Bearer ${token}x`), null);
    assert.equal(await actorFromBearer("Bearer bst_" + "A".repeat(43)), null);
    await revokeApiToken(admin, id);
    assert.equal(await actorFromBearer(`Bearer ${token}`), null);
    assert.ok((await rawRow(id)).revokedAt);
  });

  test("tokens of a disabled user stop working", async () => {
    const other = await f.user();
    const { token } = await createApiToken({ email: other.email, name: "x" });
    assert.ok(await actorFromBearer(`Bearer ${token}`));
    await db().user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    assert.equal(await actorFromBearer(`Bearer ${token}`), null);
  });

  test("unknown email is a 404; revoking needs an admin", async () => {
    await assert.rejects(
      () => createApiToken({ email: `nobody-${f.suffix}@example.test`, name: "x" }),
      (e: unknown) => e instanceof DomainError && e.status === 404,
    );
    const editor: Actor = { id: user.id, email: user.email, name: "E", role: "EDITOR" };
    const { id, token } = await createApiToken({ email: user.email, name: "kept" });
    await assert.rejects(
      () => revokeApiToken(editor, id),
      (e: unknown) => e instanceof DomainError && e.status === 403,
    );
    assert.ok(await actorFromBearer(`Bearer ${token}`), "an editor's refused revocation leaves the token working");
    await revokeApiToken(admin, id);
    assert.equal(await actorFromBearer(`Bearer ${token}`), null);
  });

  test("the users screen's list: prefix, owner, role and use, never the token; revoking is audited once", async () => {
    const made = await createApiToken({ email: user.email, name: `listed ${f.suffix}`, role: "author" });
    const listed = (await listApiTokens(admin)).find((t) => t.id === made.id);
    assert.ok(listed, "a new token is listed");
    assert.equal(listed.prefix, made.prefix);
    assert.ok(made.token.startsWith(listed.prefix));
    assert.deepEqual(
      [listed.name, listed.role, listed.owner.email, listed.lastUsedAt, listed.revokedAt],
      [`listed ${f.suffix}`, "AUTHOR", user.email, null, null],
    );
    assert.ok(!JSON.stringify(listed).includes(made.token.slice(listed.prefix.length)), "only the prefix is shown");
    await actorFromBearer(`Bearer ${made.token}`);
    assert.ok((await listApiTokens(admin)).find((t) => t.id === made.id)?.lastUsedAt);

    const editor: Actor = { id: user.id, email: user.email, name: "E", role: "EDITOR" };
    await assert.rejects(
      () => listApiTokens(editor),
      (e: unknown) => e instanceof DomainError && e.status === 403,
    );

    assert.equal(await revokeApiToken(admin, made.id, "203.0.113.9"), true);
    assert.equal(await revokeApiToken(admin, made.id), false, "a repeat changes nothing");
    const all = await listApiTokens(admin);
    const revoked = all.find((t) => t.id === made.id)!;
    assert.ok(revoked.revokedAt);
    assert.ok(all.findIndex((t) => t.id === made.id) > all.findIndex((t) => !t.revokedAt), "working tokens come first");
    const audit = await db().auditEvent.findMany({ where: { subjectType: "token", subjectId: made.id } });
    assert.deepEqual(
      audit.map((a) => [a.action, a.actorId, a.ip]),
      [
        ["token_create", null, null],
        ["token_revoke", admin.id, "203.0.113.9"],
      ],
    );
    await assert.rejects(
      () => revokeApiToken(admin, 2_000_000_000),
      (e: unknown) => e instanceof DomainError && e.status === 404,
    );
  });
});
