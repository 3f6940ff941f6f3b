import { test } from "node:test";
import assert from "node:assert/strict";
import { SLUG_PATTERN, slugify } from "./slugs";

test("Latin headlines keep their words; accents go, '&' reads 'and'", () => {
  assert.equal(slugify("Council approves £180m harbour budget"), "council-approves-180m-harbour-budget");
  assert.equal(slugify("Crème brûlée & café culture"), "creme-brulee-and-cafe-culture");
  assert.equal(slugify("  --What’s next?--  "), "what-s-next");
});

test("Cyrillic and Greek headlines and tags get readable Latin slugs", () => {
  assert.equal(slugify("Путин и Трамп встретились в Хельсинки"), "putin-i-tramp-vstretilis-v-khelsinki");
  assert.equal(slugify("Αθήνα: νέο μετρό"), "athina-neo-metro");
  assert.equal(slugify("Экономика"), "ekonomika");
  assert.equal(slugify("Straßenbahn in Zürich"), "strassenbahn-in-zurich");
  assert.equal(slugify("Zoë Ångström"), "zoe-angstrom");
  assert.equal(slugify("Майкоп и Йошкар-Ола"), "maykop-i-yoshkar-ola");
});

test("at most 80 characters, never ending in a hyphen; nothing usable gives an empty slug", () => {
  const long = slugify("Калдербридж ".repeat(20));
  assert.ok(long.length <= 80 && !long.endsWith("-") && SLUG_PATTERN.test(long), long);
  assert.equal(slugify("!!! ???"), "");
});
