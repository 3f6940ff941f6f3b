import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { createApiToken } from "../auth/tokens";
import { Factory } from "../testing/factories";
import * as articlesRoute from "../../app/api/admin/v1/articles/route";
import { htmlDepth, jsonDepth } from "./depth";

/**
 * Hostile nesting is refused with a 422 that says why, quickly, before any parser or validator builds a tree
 * from it (issue 8, finding 1).
 */

const f = new Factory();
let token = "";
let section: { slug: string };
let author: { slug: string };

before(async () => {
  await f.ensurePublication();
  token = (await createApiToken({ email: (await f.user({ role: "EDITOR" })).email, name: "depth test" })).token;
  section = await f.section();
  author = await f.author();
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

async function postRaw(text: string) {
  const response = await (articlesRoute.POST as (r: Request, c: never) => Promise<Response>)(
    new Request("http://localhost:3000/api/admin/v1/articles", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: text,
    }),
    {} as never,
  );
  return {
    status: response.status,
    body: (await response.json()) as { error: string; fields?: Record<string, string> },
  };
}

// The depth message comes from input validation, which runs before the HTML import: the import (3.4 s of CPU for
// this body, then a stack overflow answered "The body is nested too deeply.") never starts.
test("a 70 KB body of 9,999 nested <b> is a 422 naming the depth, refused before the HTML import", async () => {
  const headline = `Deep HTML ${f.suffix}`;
  const html = `<p>${"<b>".repeat(9_999)}x${"</b>".repeat(9_999)}</p>`;
  const res = await postRaw(
    JSON.stringify({ headline, section: section.slug, authors: [author.slug], body: { html } }),
  );
  assert.equal(res.status, 422);
  assert.equal(res.body.fields?.["body.html"], "HTML bodies nest elements at most 100 deep.");
  assert.equal(await db().article.count({ where: { headline } }), 0);
});

test("a JSON body nested 10,000 deep is a 422 before it is parsed", async () => {
  const res = await postRaw(`{"headline":"x","body":{"doc":${'{"content":['.repeat(10_000)}${"]}".repeat(10_000)}}}`);
  assert.equal(res.status, 422);
  assert.equal(res.body.error, "The JSON body nests more than 64 levels deep.");
});

test("real articles pass: sloppy HTML with unclosed paragraphs and list items is not deep", () => {
  const sloppy = `<h2>Title</h2>${"<p>para".repeat(500)}<ul>${"<li>item".repeat(200)}</ul><p>a<br>b<img src="/x.jpg"><hr/>`;
  assert.equal(htmlDepth(sloppy), 2);
  assert.equal(htmlDepth("<blockquote><ul><li><p><strong><em>x</em></strong></p></li></ul></blockquote>"), 6);
  assert.equal(htmlDepth("<p>a</b></i></p><p>b</p><!-- <b><b><b> -->"), 1);
});

test("brackets inside JSON strings do not count as nesting", () => {
  assert.equal(jsonDepth(`{"html":"[[[[{{{{\\"[[[["}`), 1);
  assert.equal(jsonDepth(`{"a":[{"b":[1,2]}]}`), 4);
});
