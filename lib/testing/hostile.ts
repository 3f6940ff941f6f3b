/**
 * Hostile text for tests: cross-site scripting payloads across the OWASP filter-evasion classes, and strings that
 * break XML (CDATA terminators, markup in names, characters XML cannot carry). Generated from classes rather than
 * pasted, so a new class is one line. Shared by lib/feeds tests and the Playwright XSS suite (e2e/security/).
 *
 * Every script payload calls `__xss(<n>)`, a canary the e2e suite defines in the page before anything runs, so an
 * execution is recorded with the payload's number; `alert` and `console.log` variants are caught too.
 */

export type Payload = { id: number; family: string; text: string };

/** The JavaScript a payload tries to run. */
const js = (n: number) => `__xss(${n})`;

/** Classes of vectors, each a function of the canary call. */
const VECTORS: Record<string, (code: string) => string[]> = {
  "script tag": (c) => [
    `<script>${c}</script>`,
    `<SCRIPT>${c}</SCRIPT>`,
    `<script >${c}</script >`,
    `<scr<script>ipt>${c}</scr</script>ipt>`,
    `<script/src="data:,${c}"></script>`,
  ],
  "event handler": (c) => [
    `<img src=x onerror=${c}>`,
    `<img src=x onerror="${c}">`,
    `<svg onload=${c}>`,
    `<body onload=${c}>`,
    `<input autofocus onfocus=${c}>`,
    `<details open ontoggle=${c}>`,
    `<video><source onerror=${c}></video>`,
    `<iframe onload=${c}></iframe>`,
    `<marquee onstart=${c}>`,
    `<div onmouseover=${c}>hover</div>`,
  ],
  "javascript: url": (c) => [
    `<a href="javascript:${c}">x</a>`,
    `<a href="JaVaScRiPt:${c}">x</a>`,
    `<a href=" javascript:${c}">x</a>`,
    `<a href="jav&#x09;ascript:${c}">x</a>`,
    `<a href="jav&#10;ascript:${c}">x</a>`,
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${c}">x</a>`,
    `<a href="javascript&colon;${c}">x</a>`,
    `<iframe src="javascript:${c}"></iframe>`,
    `<form action="javascript:${c}"><button>go</button></form>`,
    `<object data="javascript:${c}"></object>`,
  ],
  "data: url": (c) => [
    `<a href="data:text/html,<script>${c}</script>">x</a>`,
    `<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>`,
    `<embed src="data:image/svg+xml,<svg onload=${c}>">`,
  ],
  "svg and math": (c) => [
    `<svg><script>${c}</script></svg>`,
    `<svg><animate onbegin=${c} attributeName=x dur=1s>`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`,
    `<svg><a xlink:href="javascript:${c}"><text>x</text></a></svg>`,
  ],
  "attribute breakout": (c) => [
    `"><script>${c}</script>`,
    `'><img src=x onerror=${c}>`,
    `" onmouseover="${c}`,
    `' autofocus onfocus='${c}`,
    `\`><svg onload=${c}>`,
  ],
  "tag breakout": (c) => [
    `</title><script>${c}</script>`,
    `</textarea><script>${c}</script>`,
    `</style><script>${c}</script>`,
    `</script><script>${c}</script>`,
    `--><script>${c}</script>`,
    `]]><script>${c}</script>`,
  ],
  encoded: (c) => [
    `&lt;script&gt;${c}&lt;/script&gt;`,
    `%3Cscript%3E${c}%3C/script%3E`,
    `\\u003cscript\\u003e${c}\\u003c/script\\u003e`,
    `&#60;script&#62;${c}&#60;/script&#62;`,
    `\\x3cimg src=x onerror=${c}\\x3e`,
  ],
  css: (c) => [
    `<div style="background:url(javascript:${c})">x</div>`,
    `<style>@import 'javascript:${c}';</style>`,
    `<div style="width:expression(${c})">x</div>`,
  ],
  "template and json": (c) => [
    `{{constructor.constructor('${c}')()}}`,
    `\${${c}}`,
    `</script><script>${c}//`,
    `{"a":"</script><script>${c}</script>"}`,
  ],
  "meta and base": (c) => [
    `<meta http-equiv="refresh" content="0;url=javascript:${c}">`,
    `<base href="javascript:${c}//">`,
    `<link rel=import href="data:text/html,<script>${c}</script>">`,
  ],
  "unicode tricks": (c) => [
    `<img src=x onerror=${c}\u2028>`,
    `＜script＞${c}＜/script＞`,
    `<scr\u200bipt>${c}</scr\u200bipt>`,
    `<img src=x one\u00adrror=${c}>`,
  ],
};

/** Every vector, numbered: >= 150 payloads (the brief's floor), each unique. */
export function xssCorpus(): Payload[] {
  const out: Payload[] = [];
  for (const [family, make] of Object.entries(VECTORS)) {
    // Each class three times: bare, inside prose and inside quotes, because some filters only look at whole fields.
    for (const wrap of [
      (s: string) => s,
      (s: string) => `Council vote ${s} tonight`,
      (s: string) => `“${s}” said nobody`,
    ]) {
      for (const template of make("@@")) {
        const id = out.length + 1;
        out.push({ id, family, text: wrap(template).replaceAll("@@", js(id)) });
      }
    }
  }
  return out;
}

/** Text that breaks XML serializers: CDATA ends (several), markup and entities, quotes, controls, lone surrogates. */
export const XML_HOSTILE: readonly string[] = [
  "A ]]> B ]]><item><title>Phish</title><link>https://evil.example/</link></item> C",
  "]]>]]>]]>",
  "<![CDATA[ nested ]]> ]]>",
  "Tag <b>bold</b> & \"quoted\" 'single'",
  "<script>alert(1)</script>",
  "&amp; &lt; &#x3c; &bogus; &",
  "Section < Other > Third",
  "Null\u0000byte and bell\u0007",
  "Lone \ud800 surrogate and \udfff another",
  "Form feed\f vertical tab\u000b",
  "\uFFFE\uFFFF non-characters",
  "Emoji 🗞️ stays whole",
  "Line\nbreaks\r\nand\ttabs",
  '"/><entry><title>Fake</title></entry><x a="',
];

/** What XML can carry of a hostile string (what a feed should show after dropping the impossible characters). */
export function xmlVisible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- dropping the control characters XML forbids is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
}
