import { test } from "node:test";
import assert from "node:assert/strict";
import { withoutClientRuntime } from "./static-html";

test("a page without Next's client runtime keeps its document, stylesheet, fonts and structured data", () => {
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>` +
    `<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>` +
    `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>` +
    `<link rel="preload" href="/_next/static/media/serif.woff2" as="font" crossorigin="" type="font/woff2"/>` +
    `<script src="/_next/static/chunks/c.js" async=""></script><title>Headline</title>` +
    `<script src="/_next/static/chunks/polyfills.js" noModule=""></script></head>` +
    `<body><main><script type="application/ld+json">{"@type":"NewsArticle","headline":"A \\u003c B"}</script>` +
    `<h1>Headline</h1><p>Body</p></main>` +
    `<script>(self.__next_f=self.__next_f||[]).push([0])</script>` +
    `<script>self.__next_f.push([1,"0:[\\"$\\",\\"p\\",null,{\\"children\\":\\"Body\\"}]\\n"])</script></body></html>`;
  const out = withoutClientRuntime(html);
  assert.equal(
    out,
    `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>` +
      `<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>` +
      `<link rel="preload" href="/_next/static/media/serif.woff2" as="font" crossorigin="" type="font/woff2"/>` +
      `<title>Headline</title></head>` +
      `<body><main><script type="application/ld+json">{"@type":"NewsArticle","headline":"A \\u003c B"}</script>` +
      `<h1>Headline</h1><p>Body</p></main></body></html>`,
  );
});
