import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatDate, formatTimeOfDay, readingMinutes, yearsOld } from "./reader-format";

const london = { language: "en-GB", timeZone: "Europe/London" };

describe("reader dates follow the publication's locale", () => {
  test("en-GB writes the day before the month; en-US after", () => {
    assert.equal(formatDate("2026-11-28T10:00:00Z", london), "28 November 2026");
    assert.equal(formatDate("2026-11-28T10:00:00Z", { language: "en-US", timeZone: "UTC" }), "November 28, 2026");
    assert.equal(
      formatDate("2026-11-28T10:00:00Z", { language: "fr-FR", timeZone: "Europe/Paris" }),
      "28 novembre 2026",
    );
  });

  test("the date is the publication's, not the server's: 23:30 UTC is already the next day in Tokyo", () => {
    assert.equal(formatDate("2026-11-28T23:30:00Z", { language: "en-GB", timeZone: "Asia/Tokyo" }), "29 November 2026");
  });

  test("time of day in the publication's zone, with its abbreviation (GMT in winter, BST in summer)", () => {
    assert.equal(formatTimeOfDay("2026-11-28T14:05:00Z", london), "14:05 GMT");
    assert.equal(formatTimeOfDay("2026-07-01T14:05:00Z", london), "15:05 BST");
    assert.equal(
      formatTimeOfDay("2026-11-28T14:05:00Z", { language: "en-US", timeZone: "America/New_York" }),
      "9:05 AM EST",
    );
  });

  test("a broken language or zone in settings falls back instead of failing the page", () => {
    assert.equal(
      formatDate("2026-11-28T10:00:00Z", { language: "en-GB", timeZone: "Mars/Olympus" }),
      "November 28, 2026",
    );
  });
});

describe("age and reading time", () => {
  test("whole calendar years: one day short of the anniversary is still the year before", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    assert.equal(yearsOld("2017-11-29T12:00:00Z", now), 8);
    assert.equal(yearsOld("2017-11-28T12:00:00Z", now), 9);
    assert.equal(yearsOld("2026-01-01T00:00:00Z", now), 0);
  });

  test("reading time counts words, not characters, and is at least a minute", () => {
    assert.equal(readingMinutes(""), 1);
    assert.equal(readingMinutes("word ".repeat(238 * 4)), 4);
    assert.equal(readingMinutes("— — — ... !!! ".repeat(1000)), 1);
    assert.equal(readingMinutes("don't stop-and-go ".repeat(238 * 2)), 4);
  });
});
