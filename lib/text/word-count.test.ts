import { test } from "node:test";
import assert from "node:assert/strict";
import { countWords, readingMinutes } from "./word-count";

test("words are counted, not spaces or punctuation", () => {
  assert.equal(countWords(""), 0);
  assert.equal(countWords("  — … "), 0);
  assert.equal(countWords("The council’s vote, 7-2, passed."), 5);
  assert.equal(countWords("Ça coûte 12 euros\nà Zürich"), 6);
});

test("reading time is whole minutes, at least one for any text", () => {
  assert.equal(readingMinutes(0), 0);
  assert.equal(readingMinutes(10), 1);
  assert.equal(readingMinutes(460), 2);
  assert.equal(readingMinutes(1200), 5);
});
