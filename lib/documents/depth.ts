import { MAX_DEPTH } from "../text/hygiene";
/**
 * Nesting limits, checked on the raw input before anything builds a tree from it. Parsers, the HTML import
 * (happy-dom, Tiptap) and zod all recurse: a 70 KB body of 9,999 nested `<b>` took 3.4 s of CPU before failing
 * with "Maximum call stack size exceeded", and a JSON body 10,000 levels deep was parsed in full before anything
 * looked at its shape (lib/articles/mutations.ts then bounds a parsed document's depth). Real articles nest a
 * dozen levels at most.
 */

export const MAX_HTML_DEPTH = 100;
/** One limit for how deep JSON may nest, before parsing (here) and after (every stored value, lib/text/hygiene.ts). */
export const MAX_JSON_DEPTH = MAX_DEPTH;

/**
 * How deep `json` (the text) nests arrays and objects, counting only up to `stopAt`. A scan of the characters,
 * skipping strings, so it costs nothing in stack and stops at the first level too many.
 */
export function jsonDepth(json: string, stopAt = MAX_JSON_DEPTH + 1): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest && (deepest = depth) >= stopAt) return deepest;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Start tags that close an open element of the same name (HTML's implied end tags: `<p>a<p>b`, `<li>a<li>b`). */
const CLOSES_SIBLING = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option"]);
/** Block start tags that close an open `<p>`, as the HTML parser does. */
const CLOSES_P = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "div",
  "dl",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "ul",
]);

/**
 * How deep the elements of an HTML fragment nest, counting only up to `stopAt`: a light scan of its tags that
 * follows HTML's common implied end tags (an unclosed `<p>` or `<li>` does not deepen the tree) without building a
 * DOM. Stray end tags are ignored, as a browser would.
 */
export function htmlDepth(html: string, stopAt = MAX_HTML_DEPTH + 1): number {
  const open: string[] = [];
  let deepest = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!m[2]) continue; // a comment
    const name = m[2].toLowerCase();
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
      continue;
    }
    if (CLOSES_P.has(name) && open.at(-1) === "p") open.pop();
    if (CLOSES_SIBLING.has(name) && open.at(-1) === name) open.pop();
    if (VOID.has(name) || m[3]) continue;
    open.push(name);
    if (open.length > deepest && (deepest = open.length) >= stopAt) return deepest;
  }
  return deepest;
}
