// entities (fb55) is the HTML escaper of htmlparser2/cheerio; escapeUTF8 covers text and quoted attribute values.
import { escapeUTF8 as escapeHtml } from "entities";

/**
 * A short, complete HTML document for the answers the server writes itself rather than through a page: the 410
 * notice of a taken-down article (proxy.ts) and the 503 page while the site cannot render (the front, the proxy).
 * Readable without JavaScript or the site's stylesheet, never indexed, always with a way back to the front page.
 * Every string is plain text and escaped here.
 */
export function noticePageHtml(notice: {
  lang?: string;
  title: string;
  heading: string;
  paragraphs: string[];
}): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(notice.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(notice.title)}</title>
<style>body{font:1.125rem/1.6 Georgia,serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}a{color:#1a4d8f}</style>
</head>
<body>
<main>
<h1>${escapeHtml(notice.heading)}</h1>
${notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join("")}<p><a href="/">Go to the front page</a></p>
</main>
</body>
</html>
`;
}
