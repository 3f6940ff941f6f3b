import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createSection, listSections, updateSection } from "./mutations";

const f = new Factory();
let admin: Actor;
let editor: Actor;
let author: Actor;
const status = (code: number) => (e: unknown) => e instanceof DomainError && e.status === code;

before(async () => {
  const a = await f.user({ role: "ADMIN" });
  const e = await f.user({ role: "EDITOR" });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
  const w = await f.user({ role: "AUTHOR" });
  author = { id: w.id, email: w.email, name: w.name, role: w.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("sections", () => {
  test("editors and admins create sections; authors get 403", async () => {
    const created = await createSection(admin, {
      name: `Science ${f.suffix}`,
      description: "Discoveries",
      position: 5,
    });
    f.track("sections", created.id);
    assert.equal(created.slug, `science-${f.suffix}`);
    assert.equal(created.url, `http://localhost:3000/science-${f.suffix}`);
    await assert.rejects(() => createSection(author, { name: "Nope" }), status(403));
    await assert.rejects(() => createSection(admin, { name: `Science ${f.suffix}` }), status(409));
    assert.ok((await listSections(editor)).some((s) => s.id === created.id));
  });

  test("slugs that would shadow site routes or article dates are refused", async () => {
    for (const slug of ["admin", "api", "media", "authors", "2026"]) {
      await assert.rejects(() => createSection(admin, { name: "X", slug }), status(422), slug);
    }
  });

  test("update renames and moves; slug clash 409; unknown id 404", async () => {
    const a = await f.section();
    const b = await f.section();
    const moved = await updateSection(admin, a.id, { name: "Renamed", slug: `${a.slug}-moved` });
    assert.equal(moved.slug, `${a.slug}-moved`);
    await assert.rejects(() => updateSection(admin, a.id, { slug: b.slug }), status(409));
    await assert.rejects(() => updateSection(admin, 999_999_999, { name: "x" }), status(404));
    await assert.rejects(() => updateSection(author, a.id, { name: "x" }), status(403));
    assert.equal((await updateSection(editor, a.id, { name: "Renamed by an editor" })).slug, `${a.slug}-moved`);
  });
});
