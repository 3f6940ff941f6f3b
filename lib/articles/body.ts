import { DomainError } from "../errors";
import { parseDocument, type ArticleDocument } from "../documents/schema";
import { importHtml } from "../documents/html-import";

/**
 * Limits on an article body, checked before and after parsing: the API accepts documents and HTML from importers,
 * and a hostile one must be a 422, never a crash or a stalled renderer.
 */

/** Real articles nest a handful of levels (a list in a quote…) and hold a few thousand nodes at most. */
const MAX_BODY_DEPTH = 24;
const MAX_BODY_NODES = 50_000;

/** Depth and node count of a JSON document tree, measured iteratively so hostile nesting cannot overflow the stack. */
function measureTree(root: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    nodes++;
    depth = Math.max(depth, level);
    if (depth > MAX_BODY_DEPTH || nodes > MAX_BODY_NODES) break;
    const content = (node as { content?: unknown }).content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, level + 1]);
  }
  return { depth, nodes };
}

function assertReasonableShape(tree: unknown): void {
  const { depth, nodes } = measureTree(tree);
  if (depth > MAX_BODY_DEPTH)
    throw new DomainError(422, "The body is nested too deeply.", {
      body: `The body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).`,
    });
  if (nodes > MAX_BODY_NODES)
    throw new DomainError(422, "The body is too long.", {
      body: `The body has more than ${MAX_BODY_NODES.toLocaleString("en")} elements.`,
    });
}

/** The input's body (HTML to import, or a document) as a validated document within the limits; 422 otherwise. */
export function bodyToDocument(body: { html?: string; doc?: unknown }): ArticleDocument {
  let result;
  try {
    if (body.doc !== undefined) assertReasonableShape(body.doc);
    result = body.html !== undefined ? importHtml(body.html) : parseDocument(body.doc);
  } catch (error) {
    // Pathological nesting can still exhaust the stack in the HTML parser or validator; that is the input's fault.
    if (error instanceof RangeError)
      throw new DomainError(422, "The body is nested too deeply.", { body: "The body is nested too deeply." });
    throw error;
  }
  if (!result.ok) throw new DomainError(422, result.error, { body: result.error });
  assertReasonableShape(result.doc);
  return result.doc;
}
