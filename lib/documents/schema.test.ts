import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  calloutTargets,
  figureMediaIds,
  isSafeHref,
  mapFigures,
  parseDocument,
  plainText,
  type ArticleDocument,
} from "./schema";

const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const p = (...content: unknown[]) => ({ type: "paragraph", content });

function parsed(input: unknown): ArticleDocument {
  const result = parseDocument(input);
  assert.ok(result.ok, !result.ok ? result.error : "");
  return result.doc;
}

describe("isSafeHref", () => {
  test("web, mail and on-site links only", () => {
    for (const ok of ["https://example.com", "http://example.com/a", "mailto:a@b.c", "/news", "#notes"])
      assert.equal(isSafeHref(ok), true, ok);
    for (const bad of [
      "javascript:alert(1)",
      " JAVASCRIPT:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "//evil.example",
      "",
      "ftp://x",
      "file:///etc/passwd",
      "x".repeat(3000),
    ]) {
      assert.equal(isSafeHref(bad), false, bad);
    }
  });

  test("on-site paths that the browser resolves to another host are refused (backslash, tab, newline, //)", () => {
    for (const bad of [
      "/\\evil.example/x",
      "/\t/evil.example/x",
      "/\n/evil.example/x",
      "/\r/evil.example",
      "\\\\evil.example",
      "/\\/evil.example",
      "//evil.example/x",
      "/x\ty",
    ]) {
      assert.equal(isSafeHref(bad), false, JSON.stringify(bad));
    }
    for (const ok of ["/news/2026/01/02/story-a1", "/search?q=a%5Cb", "/a\\b", "#section-2"])
      assert.equal(isSafeHref(ok), true, JSON.stringify(ok));
  });
});

describe("parseDocument", () => {
  test("keeps the known structure and strips unknown attributes", () => {
    const doc = parsed({
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { textAlign: "center" },
          content: [text("Hi", [{ type: "link", attrs: { href: "https://x.example", target: "_blank", class: "c" } }])],
        },
        { type: "heading", attrs: { level: 3, id: "x" }, content: [text("Sub")] },
      ],
    });
    assert.deepEqual(doc.content[0], p(text("Hi", [{ type: "link", attrs: { href: "https://x.example" } }])));
    assert.deepEqual(doc.content[1], { type: "heading", attrs: { level: 3 }, content: [text("Sub")] });
  });

  test("rejects unknown nodes, unsafe links, h1 and malformed input with a readable message", () => {
    const cases: unknown[] = [
      { type: "doc", content: [{ type: "script", text: "alert(1)" }] },
      { type: "doc", content: [p(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))] },
      { type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [text("h1")] }] },
      { type: "doc", content: [{ type: "image", attrs: { src: "x" } }] },
      { type: "doc", content: "nope" },
      "<p>html is not a doc</p>",
      null,
      { type: "doc", content: [p({ type: "text", text: "" })] },
    ];
    for (const input of cases) {
      const result = parseDocument(input);
      assert.equal(result.ok, false, JSON.stringify(input));
      assert.match(!result.ok ? result.error : "", /^Invalid body at /);
    }
  });

  test("figure and callout ids given as numeric strings are accepted as numbers", () => {
    const doc = parsed({
      type: "doc",
      content: [
        { type: "figure", attrs: { mediaId: "7" } },
        { type: "relatedArticle", attrs: { articleId: "9", headline: null } },
      ],
    });
    assert.deepEqual(figureMediaIds(doc), [7]);
    assert.deepEqual(calloutTargets(doc), [9]);
  });
});

describe("document helpers", () => {
  const doc = parsed({
    type: "doc",
    content: [
      p(text("Intro "), text("bold", [{ type: "bold" }])),
      { type: "relatedArticle", attrs: { articleId: 4 } },
      {
        type: "blockquote",
        content: [
          { type: "figure", attrs: { mediaId: 2 } },
          { type: "relatedArticle", attrs: { articleId: 3 } },
        ],
      },
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [p(text("Item")), { type: "figure", attrs: { mediaId: 1 } }] }],
      },
      { type: "relatedArticle", attrs: { articleId: 4 } },
    ],
  });

  test("calloutTargets and figureMediaIds find nested nodes, in order, without duplicates", () => {
    assert.deepEqual(calloutTargets(doc), [4, 3]);
    assert.deepEqual(figureMediaIds(doc), [2, 1]);
  });

  test("plainText joins paragraphs, including those inside lists", () => {
    assert.equal(plainText(doc), "Intro bold\nItem");
  });

  test("mapFigures rewrites figures at any depth and leaves the input untouched", () => {
    const mapped = mapFigures(doc, (a) => ({ ...a, src: `/media/${a.mediaId}.jpg`, width: 10 }));
    assert.deepEqual(JSON.stringify(mapped).match(/"src":"[^"]*"/g), ['"src":"/media/2.jpg"', '"src":"/media/1.jpg"']);
    assert.doesNotMatch(JSON.stringify(doc), /\/media\//);
  });
});
