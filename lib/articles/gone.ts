// entities (fb55) is the HTML escaper of htmlparser2/cheerio; escapeUTF8 covers text and quoted attribute values.
import { escapeUTF8 as escapeHtml } from "entities";

/**
 * The notice a taken-down article's URL answers with (410 Gone). Written by the proxy as a plain HTML document,
 * because a page cannot choose its status code; kept short, and never indexed. The reason for the take-down is the
 * newsroom's record, not shown here.
 */
export function goneNoticeHtml(publication: { publicationName: string; language: string }): string {
  const name = escapeHtml(publication.publicationName);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(publication.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Article removed | ${name}</title>
<style>body{font:1.125rem/1.6 Georgia,serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}a{color:#1a4d8f}</style>
</head>
<body>
<main>
<h1>This article has been removed</h1>
<p>${name} has taken this article down. It is no longer available.</p>
<p><a href="/">Go to the front page</a></p>
</main>
</body>
</html>
`;
}

export function goneResponseInit(): ResponseInit {
  return {
    status: 410,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "X-Robots-Tag": "noindex",
      "Cache-Control": "public, max-age=0, must-revalidate",
    },
  };
}
