import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Actor } from "../auth/permissions";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import { getPublication, readPublication, updatePublication } from "./publication";

/**
 * The publication's settings from /admin/settings: admins only, validated, audited, and what pages read changes at
 * once. Other test files run beside this one and print the publication's name and dates, so only the tagline is
 * changed (and put back); the name and language are sent as they are.
 */

const f = new Factory();
let admin: Actor;
let editor: Actor;
let original: Awaited<ReturnType<typeof readPublication>>;
let originalRow: { tagline: string; opinionDisclaimer: string | null };

const asForm = (p: typeof original, changes: Partial<Record<string, string>> = {}) => ({
  name: p.name,
  tagline: p.tagline,
  language: p.language,
  opinionDisclaimer: originalRow.opinionDisclaimer ?? "",
  ...changes,
});

async function rejects(fn: () => Promise<unknown>, status: number, field?: string) {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.status, status);
    if (field) assert.ok(error.fields?.[field], `a message for ${field}: ${JSON.stringify(error.fields)}`);
    return true;
  });
}

const settingsAudits = (actorId: number) =>
  db().auditEvent.findMany({ where: { actorId, action: "settings_change" }, orderBy: { id: "asc" } });

before(async () => {
  const a = await f.user({ role: "ADMIN" });
  const e = await f.user({ role: "EDITOR" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  editor = { id: e.id, email: e.email, name: e.name, role: "EDITOR" };
  original = await readPublication();
  originalRow = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
});

after(async () => {
  await db().publication.update({ where: { id: 1 }, data: originalRow });
  await db().auditEvent.deleteMany({ where: { actorId: { in: [admin.id, editor.id] } } });
  await f.cleanup();
  await disconnectDb();
});

describe("publication settings", () => {
  test("an admin changes the tagline: saved, audited with the fields, and what pages read follows at once", async () => {
    await getPublication(); // remembered by the memo pages use
    const tagline = `Independent since 1998 ${f.suffix}`;
    const saved = await updatePublication(admin, asForm(original, { tagline }), "203.0.113.7");
    assert.equal(saved.tagline, tagline);
    assert.equal((await getPublication()).tagline, tagline, "the pages' memo was forgotten");
    const [row] = await settingsAudits(admin.id);
    assert.equal(row?.detail && (row.detail as { fields: string }).fields, "tagline");
    assert.equal(row?.ip, "203.0.113.7");

    // Saving the same values again changes nothing and records nothing.
    await updatePublication(admin, asForm(saved));
    assert.equal((await settingsAudits(admin.id)).length, 1);
  });

  test("an editor may not change settings: 403 and nothing written", async () => {
    const before = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
    await rejects(() => updatePublication(editor, asForm(original, { tagline: "Editor's own" })), 403);
    await rejects(() => updatePublication(null, asForm(original, { tagline: "Nobody's" })), 401);
    const now = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
    assert.equal(now.tagline, before.tagline);
    assert.equal((await settingsAudits(editor.id)).length, 0);
  });

  test("bad values get 422 naming the field, and nothing is written", async () => {
    const before = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
    await rejects(() => updatePublication(admin, asForm(original, { name: "   " })), 422, "name");
    await rejects(() => updatePublication(admin, asForm(original, { language: "english please" })), 422, "language");
    await rejects(() => updatePublication(admin, asForm(original, { tagline: "x".repeat(201) })), 422, "tagline");
    await rejects(() => updatePublication(admin, asForm(original, { tagline: "a\u0000b" })), 422);
    const now = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
    assert.deepEqual(now, before);
  });
});
