import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createAuthor, getAuthorForEdit, listAuthors, updateAuthor } from "./mutations";

const f = new Factory();
let editor: Actor;
const status = (code: number) => (e: unknown) => e instanceof DomainError && e.status === code;

before(async () => {
  const u = await f.user();
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("authors", () => {
  test("create derives the slug from the name, stores title/bio/links; same name again is 409", async () => {
    const name = `Zoë Ångström ${f.suffix}`;
    const created = await createAuthor(editor, {
      name,
      title: "Science editor",
      bio: "Writes about physics.",
      links: [{ label: "Site", url: "https://zoe.example" }],
    });
    f.track("authors", created.id);
    assert.equal(created.slug, `zoe-angstrom-${f.suffix}`);
    assert.equal(created.url, `http://localhost:3000/authors/${created.slug}`);
    const edit = await getAuthorForEdit(editor, created.id);
    assert.equal(edit.title, "Science editor");
    assert.deepEqual(edit.links, [{ label: "Site", url: "https://zoe.example" }]);
    await assert.rejects(() => createAuthor(editor, { name }), status(409));
  });

  test("invalid input is 422 with fields; javascript: links are refused", async () => {
    await assert.rejects(
      () => createAuthor(editor, { name: "X", links: [{ label: "bad", url: "javascript:alert(1)" }] }),
      (e: unknown) => e instanceof DomainError && e.status === 422 && /http/.test(e.fields?.["links.0.url"] ?? ""),
    );
    await assert.rejects(() => createAuthor(editor, { name: "" }), status(422));
    await assert.rejects(() => createAuthor(editor, { name: "Photo", photoId: 999_999_999 }), status(422));
  });

  test("update changes only given fields; a slug clash is 409; unknown id 404", async () => {
    const a = await f.author();
    const b = await f.author();
    const result = await updateAuthor(editor, a.id, { title: "Columnist" });
    assert.equal(result.slug, a.slug);
    const row = await db().author.findUniqueOrThrow({ where: { id: a.id } });
    assert.equal(row.jobTitle, "Columnist");
    assert.equal(row.name, a.name);
    await assert.rejects(() => updateAuthor(editor, a.id, { slug: b.slug }), status(409));
    await assert.rejects(() => updateAuthor(editor, 999_999_999, { title: "x" }), status(404));
    const renamed = await updateAuthor(editor, a.id, { slug: `${a.slug}-new` });
    assert.equal(renamed.slug, `${a.slug}-new`);
  });

  test("listing needs a signed-in user", async () => {
    const list = await listAuthors(editor);
    assert.ok(list.length > 0);
    await assert.rejects(() => listAuthors(null), status(401));
    await assert.rejects(() => createAuthor(null, { name: "Anon" }), status(401));
  });
});
