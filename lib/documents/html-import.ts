import { generateJSON } from "@tiptap/html/server";
import { documentExtensions } from "./extensions";
import { parseDocument, type ParseResult } from "./schema";

/**
 * Imports HTML (API `body.html`, migrations from other systems) through the editor's own schema, so it is
 * sanitised by construction: elements the schema does not know become their text, attributes it does not know
 * are dropped, and `parseDocument` rejects any link that is not http(s), mailto or on-site.
 */
export function importHtml(html: string): ParseResult {
  let json: unknown;
  try {
    json = generateJSON(html, documentExtensions);
  } catch (error) {
    return { ok: false, error: `The HTML could not be read: ${(error as Error).message}` };
  }
  return parseDocument(dropUnsafeLinks(json));
}

/** Tiptap keeps an `<a>` whose href fails validation as a link mark with no href; unwrap those to plain text. */
function dropUnsafeLinks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropUnsafeLinks);
  if (!node || typeof node !== "object") return node;
  const n = { ...(node as Record<string, unknown>) };
  if (Array.isArray(n.marks)) {
    n.marks = (n.marks as { type: string; attrs?: { href?: unknown } }[]).filter(
      (m) => m.type !== "link" || typeof m.attrs?.href === "string",
    );
    if ((n.marks as unknown[]).length === 0) delete n.marks;
  }
  if (Array.isArray(n.content)) n.content = n.content.map(dropUnsafeLinks);
  if (
    (n.type === "figure" && !n.attrs) ||
    (n.type === "figure" && (n.attrs as { mediaId?: unknown }).mediaId == null)
  ) {
    return { type: "paragraph" };
  }
  if (n.type === "relatedArticle" && (n.attrs as { articleId?: unknown })?.articleId == null)
    return { type: "paragraph" };
  return n;
}
