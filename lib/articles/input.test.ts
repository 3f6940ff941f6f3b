import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { validationError } from "../errors";
import { MAX_HTML_ELEMENTS, MAX_HTML_LENGTH, articleInputSchema, articlePatchSchema } from "./input";

const valid = {
  headline: "  Council approves budget  ",
  type: "News",
  section: "news",
  authors: ["jane-doe"],
  body: { html: "<p>Text</p>" },
};

/** The field messages a person would see for `input`. */
function fieldsOf(
  schema: typeof articleInputSchema | typeof articlePatchSchema,
  input: unknown,
): Record<string, string> {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, "expected validation to fail");
  return validationError(result.error!.issues).fields ?? {};
}

describe("articleInputSchema", () => {
  test("normalises a valid input: trims, lower-cases the type, defaults status and type", () => {
    const parsed = articleInputSchema.parse(valid);
    assert.equal(parsed.headline, "Council approves budget");
    assert.equal(parsed.type, "news");
    assert.equal(parsed.status, "draft");
    const minimal = articleInputSchema.parse({
      headline: "H",
      section: "news",
      authors: ["a"],
      body: { doc: { type: "doc", content: [] } },
    });
    assert.equal(minimal.type, "news");
  });

  test("publishedAt must be ISO-8601 with a zone; it becomes a Date", () => {
    const parsed = articleInputSchema.parse({ ...valid, publishedAt: "2026-03-01T09:30:00+01:00" });
    assert.equal(parsed.publishedAt?.toISOString(), "2026-03-01T08:30:00.000Z");
    for (const bad of ["2026-03-01", "2026-03-01T09:30:00", "yesterday", 1700000000]) {
      assert.match(
        fieldsOf(articleInputSchema, { ...valid, publishedAt: bad }).publishedAt ?? "",
        /ISO-8601/,
        String(bad),
      );
    }
  });

  test("every wrong field gets its own message", () => {
    const fields = fieldsOf(articleInputSchema, {
      headline: "x".repeat(201),
      type: "gossip",
      section: 12,
      authors: ["a", "a"],
      slug: "Not A Slug",
      status: "live",
      related: [0, "abc"],
      heroImage: { mediaId: -1, extra: true },
      body: { html: "<p>x</p>", doc: {} },
    });
    assert.equal(fields.headline, "Headlines are at most 200 characters.");
    assert.match(fields.type!, /news, opinion, analysis or feature/);
    assert.match(fields.section!, /section/);
    assert.equal(fields.authors, "An author is listed twice.");
    assert.match(fields.slug!, /lower-case letters/);
    assert.match(fields.status!, /draft.*published/);
    assert.match(fields["related.0"]!, /id/);
    assert.ok(fields["heroImage.mediaId"] || fields.heroImage);
    assert.match(fields.body!, /not both/);
  });

  test("missing required fields are named", () => {
    const fields = fieldsOf(articleInputSchema, {});
    assert.deepEqual(Object.keys(fields).sort(), ["authors", "body", "headline", "section"]);
    assert.equal(fields.headline, "Enter a headline.");
  });

  test("unknown fields are refused so typos do not pass silently", () => {
    const fields = fieldsOf(articleInputSchema, { ...valid, headlien: "typo" });
    assert.match(Object.values(fields).join(" "), /Unknown field in the article: headlien/);
  });

  test("oversized HTML is refused before it is parsed", () => {
    assert.match(
      fieldsOf(articleInputSchema, { ...valid, body: { html: "x".repeat(MAX_HTML_LENGTH + 1) } })["body.html"]!,
      /at most/,
    );
    const manyTags = "<i>x</i>".repeat(MAX_HTML_ELEMENTS + 1);
    assert.match(fieldsOf(articleInputSchema, { ...valid, body: { html: manyTags } })["body.html"]!, /elements/);
  });
});

describe("articlePatchSchema", () => {
  test("everything is optional; an empty patch is valid", () => {
    assert.deepEqual(articlePatchSchema.parse({}), {});
    assert.deepEqual(articlePatchSchema.parse({ status: "unpublished", heroImage: null }), {
      status: "unpublished",
      heroImage: null,
    });
  });

  test("present fields are still validated", () => {
    const fields = fieldsOf(articlePatchSchema, { headline: "", authors: [], status: "gone" });
    assert.equal(fields.headline, "Enter a headline.");
    assert.equal(fields.authors, "Name at least one author.");
    assert.ok(fields.status);
  });
});
