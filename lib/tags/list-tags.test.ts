import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { listTags } from "./mutations";

const f = new Factory();
let editor: Actor;

before(async () => {
  await f.ensurePublication();
  const u = await f.user({ role: "EDITOR" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
  for (let i = 0; i < 55; i++) await f.tag(`Harbour ${f.suffix} ${String(i).padStart(2, "0")}`);
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

test("the tags screen's list is searched in any case and paged by 50, a page past the end showing the last", async () => {
  const first = await listTags(editor, { q: `HARBOUR ${f.suffix}` });
  assert.equal(first.total, 55);
  assert.equal(first.pageCount, 2);
  assert.equal(first.items.length, 50);
  assert.equal(first.items[0]!.name, `Harbour ${f.suffix} 00`);
  const second = await listTags(editor, { q: `harbour ${f.suffix}`, page: 2 });
  assert.deepEqual(
    second.items.map((t) => t.name),
    [50, 51, 52, 53, 54].map((i) => `Harbour ${f.suffix} ${i}`),
  );
  assert.equal((await listTags(editor, { q: `harbour ${f.suffix}`, page: 99 })).page, 2);
  assert.equal((await listTags(editor, { q: `no such tag ${f.suffix}` })).total, 0);
  await assert.rejects(() => listTags(null), { status: 401 });
});
