import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { datePartsInZone, dateToZonedLocal, isoWithOffset, zonedLocalToDate } from "./zones";

/**
 * The edges of daylight saving time, with expected values written out. In 2026 Europe/London springs forward on
 * the last Sunday of March (29 March, 01:00 GMT becomes 02:00 BST) and falls back on the last Sunday of October
 * (25 October, 02:00 BST becomes 01:00 GMT). Australia/Adelaide is half an hour off the hour (+09:30, +10:30 in
 * summer) and changes on the first Sundays of April (5 April, 03:00 → 02:00) and October (4 October, 02:00 → 03:00).
 * Asia/Kolkata is +05:30 all year.
 */

const LONDON = "Europe/London";
const ADELAIDE = "Australia/Adelaide";
const KOLKATA = "Asia/Kolkata";
const instant = (local: string, zone: string) => zonedLocalToDate(local, zone)?.toISOString();

describe("zonedLocalToDate: what an editor's wall-clock time means", () => {
  test("either side of London's spring change", () => {
    assert.equal(instant("2026-03-29T00:30", LONDON), "2026-03-29T00:30:00.000Z");
    assert.equal(instant("2026-03-29T03:00", LONDON), "2026-03-29T02:00:00.000Z");
  });

  test("a time London skips (01:30 on 29 March) is read an hour later, as 02:30 BST", () => {
    assert.equal(instant("2026-03-29T01:30", LONDON), "2026-03-29T01:30:00.000Z");
  });

  test("either side of London's autumn change", () => {
    assert.equal(instant("2026-10-25T00:30", LONDON), "2026-10-24T23:30:00.000Z");
    assert.equal(instant("2026-10-25T02:30", LONDON), "2026-10-25T02:30:00.000Z");
  });

  test("a time London lives twice (01:30 on 25 October) is the first one, in BST", () => {
    assert.equal(instant("2026-10-25T01:30", LONDON), "2026-10-25T00:30:00.000Z");
  });

  test("Adelaide's half-hour offsets, either side of both changes, in the gap and in the repeated hour", () => {
    assert.equal(instant("2026-04-05T01:30", ADELAIDE), "2026-04-04T15:00:00.000Z");
    assert.equal(instant("2026-04-05T02:30", ADELAIDE), "2026-04-04T16:00:00.000Z");
    assert.equal(instant("2026-04-05T03:30", ADELAIDE), "2026-04-04T18:00:00.000Z");
    assert.equal(instant("2026-10-04T01:30", ADELAIDE), "2026-10-03T16:00:00.000Z");
    assert.equal(instant("2026-10-04T02:30", ADELAIDE), "2026-10-03T17:00:00.000Z");
    assert.equal(instant("2026-10-04T03:30", ADELAIDE), "2026-10-03T17:00:00.000Z");
  });

  test("Kolkata's fixed +05:30", () => {
    assert.equal(instant("2026-03-29T09:00", KOLKATA), "2026-03-29T03:30:00.000Z");
    assert.equal(instant("2026-01-01T00:15:30", KOLKATA), "2025-12-31T18:45:30.000Z");
  });

  test("text that is not a datetime-local value is null", () => {
    for (const bad of ["", "2026-03-29", "29/03/2026 01:30", "2026-13-01T00:00T"])
      assert.equal(zonedLocalToDate(bad, LONDON), null, bad);
  });
});

describe("dateToZonedLocal: what the editor's field shows", () => {
  test("both 01:30s of London's autumn night show as 01:30, and the first reads back unchanged", () => {
    assert.equal(dateToZonedLocal(new Date("2026-10-25T00:30:00Z"), LONDON), "2026-10-25T01:30");
    assert.equal(dateToZonedLocal(new Date("2026-10-25T01:30:00Z"), LONDON), "2026-10-25T01:30");
    // Opening and saving an article published at 00:30 UTC that night must not move it by an hour.
    assert.equal(
      instant(dateToZonedLocal(new Date("2026-10-25T00:30:00Z"), LONDON), LONDON),
      "2026-10-25T00:30:00.000Z",
    );
  });

  test("around London's spring change", () => {
    assert.equal(dateToZonedLocal(new Date("2026-03-29T00:59:00Z"), LONDON), "2026-03-29T00:59");
    assert.equal(dateToZonedLocal(new Date("2026-03-29T01:00:00Z"), LONDON), "2026-03-29T02:00");
  });
});

describe("isoWithOffset: times in structured data", () => {
  test("London's offset flips at 01:00 UTC on both change days", () => {
    assert.equal(isoWithOffset("2026-03-29T00:59:59Z", LONDON), "2026-03-29T00:59:59+00:00");
    assert.equal(isoWithOffset("2026-03-29T01:00:00Z", LONDON), "2026-03-29T02:00:00+01:00");
    assert.equal(isoWithOffset("2026-10-25T00:59:59Z", LONDON), "2026-10-25T01:59:59+01:00");
    assert.equal(isoWithOffset("2026-10-25T01:00:00Z", LONDON), "2026-10-25T01:00:00+00:00");
  });

  test("half-hour offsets keep their minutes", () => {
    assert.equal(isoWithOffset("2026-04-04T16:29:59Z", ADELAIDE), "2026-04-05T02:59:59+10:30");
    assert.equal(isoWithOffset("2026-04-04T16:30:00Z", ADELAIDE), "2026-04-05T02:00:00+09:30");
    assert.equal(isoWithOffset("2026-06-01T12:00:00Z", KOLKATA), "2026-06-01T17:30:00+05:30");
    assert.equal(isoWithOffset("2026-06-01T12:00:00Z", "America/St_Johns"), "2026-06-01T09:30:00-02:30");
  });
});

describe("datePartsInZone: the date in an article's URL", () => {
  test("late evening UTC is already tomorrow in BST, still today in GMT", () => {
    assert.deepEqual(datePartsInZone(new Date("2026-10-24T23:30:00Z"), LONDON), {
      year: "2026",
      month: "10",
      day: "25",
    });
    assert.deepEqual(datePartsInZone(new Date("2026-03-28T23:30:00Z"), LONDON), {
      year: "2026",
      month: "03",
      day: "28",
    });
  });

  test("half an hour's difference decides the day in Kolkata", () => {
    assert.deepEqual(datePartsInZone(new Date("2026-03-28T18:29:00Z"), KOLKATA), {
      year: "2026",
      month: "03",
      day: "28",
    });
    assert.deepEqual(datePartsInZone(new Date("2026-03-28T18:30:00Z"), KOLKATA), {
      year: "2026",
      month: "03",
      day: "29",
    });
  });
});
