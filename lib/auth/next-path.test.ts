import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { safeNextPath } from "./sessions";

const SITE = "https://news.example";

describe("where sign-in may send you (no open redirects)", () => {
  test("the reported payload and its relatives fall back to /admin", () => {
    const payloads = [
      "/admin/../\\evil.example", // the report: %2Fadmin%2F..%2F%5Cevil.example
      "/admin/..//evil.example",
      "/admin/../\\\\evil.example/",
      "/admin\\..\\\\evil.example",
      "/admin/%2e%2e/%5cevil.example",
      "/admin/%2E%2E/%2E%2E//evil.example",
      "/admin\t//evil.example",
      "/admin//evil.example",
      "/admin/\\evil.example",
      "https://evil.example/admin",
      "http://news.example/admin", // another scheme is another origin
      "https://news.example.evil.example/admin",
      "https://news.example@evil.example/admin",
      "//evil.example/admin",
      "/\\evil.example/admin",
      "\\\\evil.example/admin",
      "javascript:alert(1)///admin",
      "data:text/html,<script>alert(1)</script>/admin",
      "/administrator",
      "/admin-evil",
      "/admin/sign-in",
      "/admin/sign-in?next=https://evil.example",
      "",
      "admin",
      " /admin",
    ];
    for (const next of payloads) assert.equal(safeNextPath(next, SITE), "/admin", JSON.stringify(next));
    assert.equal(safeNextPath(undefined, SITE), "/admin");
    assert.equal(safeNextPath(["/admin/articles"], SITE), "/admin");
  });

  test("newsroom paths of this site are kept, with their query and fragment", () => {
    assert.equal(safeNextPath("/admin", SITE), "/admin");
    assert.equal(safeNextPath("/admin/articles/4", SITE), "/admin/articles/4");
    assert.equal(safeNextPath("/admin?status=draft", SITE), "/admin?status=draft");
    assert.equal(safeNextPath("/admin/articles/new#body", SITE), "/admin/articles/new#body");
    assert.equal(safeNextPath("https://news.example/admin/tags", SITE), "/admin/tags");
    // Dot segments resolve like a browser would, and what is left must still be in the newsroom.
    assert.equal(safeNextPath("/admin/articles/../tags", SITE), "/admin/tags");
  });
});
