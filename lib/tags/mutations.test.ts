import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createTag, listTags, renameTag } from "./mutations";
import { loadTagPage } from "./public";

const f = new Factory();
let editor: Actor;
const status = (code: number) => (e: unknown) => e instanceof DomainError && e.status === code;

before(async () => {
  const e = await f.user();
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("tags", () => {
  test("create derives a slug; the same name in another case or the same slug is 409", async () => {
    const created = await createTag(editor, { name: `Climate Change ${f.suffix}` });
    f.track("tags", created.id);
    assert.equal(created.slug, `climate-change-${f.suffix}`);
    await assert.rejects(() => createTag(editor, { name: `CLIMATE CHANGE ${f.suffix}` }), status(409));
    await assert.rejects(() => createTag(editor, { name: "Other", slug: created.slug }), status(409));
    await assert.rejects(() => createTag(editor, { name: "日本" }), status(422));
    await assert.rejects(() => createTag(null, { name: "anon" }), status(401));
  });

  test("a description is written on create, kept by a rename that omits it, and shown on the tag page", async () => {
    const created = await createTag(editor, { name: `Trams ${f.suffix}`, description: "  The city's tram line.  " });
    f.track("tags", created.id);
    const list = async () =>
      (await listTags(editor, { q: created.name.slice(0, 5) })).items.find((t) => t.id === created.id);
    assert.equal((await list())?.description, "The city's tram line.");
    await renameTag(editor, created.id, { name: `Trams and buses ${f.suffix}` });
    assert.equal((await list())?.description, "The city's tram line.");
    await renameTag(editor, created.id, { name: `Trams and buses ${f.suffix}`, description: "" });
    assert.equal((await list())?.description, "");
    await assert.rejects(() => renameTag(editor, created.id, { name: "x", description: "y".repeat(601) }), status(422));

    await renameTag(editor, created.id, { name: `Trams ${f.suffix}`, description: "Every story on the tram." });
    await f.article({ tagIds: [created.id] });
    const page = await loadTagPage(created.slug, 1, "UTC");
    assert.equal(page?.description, "Every story on the tram.");
  });

  test("rename keeps the slug unless a new one is given", async () => {
    const tag = await f.tag();
    const renamed = await renameTag(editor, tag.id, { name: `Renamed ${f.suffix}` });
    assert.equal(renamed.slug, tag.slug);
    assert.equal(renamed.name, `Renamed ${f.suffix}`);
    const moved = await renameTag(editor, tag.id, { name: `Renamed ${f.suffix}`, slug: `renamed-${f.suffix}` });
    assert.equal(moved.slug, `renamed-${f.suffix}`);
    const other = await f.tag();
    await assert.rejects(() => renameTag(editor, other.id, { name: `renamed ${f.suffix}` }), status(409));
    await assert.rejects(() => renameTag(editor, 999_999_999, { name: "x" }), status(404));
    assert.ok((await listTags(editor, { q: `Renamed ${f.suffix}` })).items.some((t) => t.id === tag.id));
  });
});
