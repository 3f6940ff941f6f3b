import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTagList } from "./tag-list";

test("a comma-separated tag field becomes names: spaces collapsed, blanks and case-insensitive repeats dropped", () => {
  assert.deepEqual(parseTagList("Elections, City  hall ,, elections,CITY HALL, Budget 2026 "), [
    "Elections",
    "City hall",
    "Budget 2026",
  ]);
  assert.deepEqual(parseTagList(" , ,"), []);
});
