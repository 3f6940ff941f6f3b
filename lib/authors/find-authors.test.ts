import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { findAuthors } from "./mutations";

const f = new Factory();
let editor: Actor;

before(async () => {
  await f.ensurePublication();
  const u = await f.user({ role: "EDITOR" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
  for (let i = 0; i < 52; i++) await f.author({ name: `Zoë Writer ${f.suffix} ${String(i).padStart(2, "0")}` });
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

test("the authors screen's list is searched by name in any case and paged by 50", async () => {
  const first = await findAuthors(editor, { q: `zoë WRITER ${f.suffix}` });
  assert.equal(first.total, 52);
  assert.equal(first.items.length, 50);
  assert.equal(first.pageCount, 2);
  const second = await findAuthors(editor, { q: `Writer ${f.suffix}`, page: 2 });
  assert.deepEqual(
    second.items.map((a) => a.name),
    [`Zoë Writer ${f.suffix} 50`, `Zoë Writer ${f.suffix} 51`],
  );
  assert.equal((await findAuthors(editor, { q: `nobody ${f.suffix}` })).total, 0);
  await assert.rejects(() => findAuthors(null), { status: 401 });
});
