import { z } from "zod";

/**
 * The article body: a ProseMirror/Tiptap JSON document restricted to the node types a newsroom needs.
 * Everything that stores, imports or renders a body goes through `parseDocument`, so an unknown node type or a
 * dangerous link can never reach the database or a page. Nothing here is HTML.
 */

const MAX_TEXT = 100_000;

/** Any origin will do: it only has to be one no real link can name, so resolving an on-site path keeps it. */
const ON_SITE_BASE = "https://on-site.invalid/";

/**
 * Only web and mail links; `javascript:`, `data:` and friends are rejected. Relative links must stay on-site as
 * the browser sees them: the WHATWG URL parser (the one Chromium uses) turns `\` into `/` and drops tabs and
 * newlines, so `/\evil.example/x` and `/<TAB>/evil.example/x` are protocol-relative links to evil.example. We
 * resolve the path the same way and require the origin to stay ours, and refuse control characters outright.
 */
export function isSafeHref(href: string): boolean {
  const value = href.trim();
  if (value === "" || value.length > 2048) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(value)) return false;
  if (value.startsWith("/") || value.startsWith("#")) {
    try {
      return new URL(value, ON_SITE_BASE).origin === new URL(ON_SITE_BASE).origin;
    } catch {
      return false;
    }
  }
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:";
  } catch {
    return false;
  }
}

const boldMark = z.object({ type: z.literal("bold") });
const italicMark = z.object({ type: z.literal("italic") });
const linkMark = z.object({
  type: z.literal("link"),
  attrs: z.object({ href: z.string().refine(isSafeHref, "Links must be http(s), mailto or on-site paths") }),
});
const mark = z.discriminatedUnion("type", [boldMark, italicMark, linkMark]);

const textNode = z.object({
  type: z.literal("text"),
  text: z.string().min(1).max(MAX_TEXT),
  marks: z.array(mark).max(3).optional(),
});
const hardBreak = z.object({ type: z.literal("hardBreak") });
const inline = z.discriminatedUnion("type", [textNode, hardBreak]);
const inlineContent = z.array(inline).optional();

const paragraph = z.object({ type: z.literal("paragraph"), content: inlineContent });
const heading = z.object({
  type: z.literal("heading"),
  attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlineContent,
});
const horizontalRule = z.object({ type: z.literal("horizontalRule") });

/** An image from the media library. `src`, `width` and `height` are re-derived from Media on every save. */
export const figureAttrs = z.object({
  mediaId: z.number().int().positive().max(2_147_483_647),
  src: z.string().default(""),
  width: z.number().int().nonnegative().max(1_000_000).default(0),
  height: z.number().int().nonnegative().max(1_000_000).default(0),
  alt: z.string().max(1000).default(""),
  caption: z.string().max(2000).default(""),
  credit: z.string().max(300).default(""),
});
const figure = z.object({ type: z.literal("figure"), attrs: figureAttrs });

/** "Related article: <headline>" — the headline shown to readers is always the target's current one. */
const relatedArticle = z.object({
  type: z.literal("relatedArticle"),
  attrs: z.object({
    articleId: z.number().int().positive().max(2_147_483_647),
    headline: z.string().max(500).default(""),
  }),
});

export type Mark = z.infer<typeof mark>;
export type InlineNode = z.infer<typeof inline>;
export type FigureAttrs = z.infer<typeof figureAttrs>;
export type ListItemNode = { type: "listItem"; content: BlockNode[] };
export type BlockNode =
  | z.infer<typeof paragraph>
  | z.infer<typeof heading>
  | z.infer<typeof horizontalRule>
  | z.infer<typeof figure>
  | z.infer<typeof relatedArticle>
  | { type: "blockquote"; content: BlockNode[] }
  | { type: "bulletList"; content: ListItemNode[] }
  | { type: "orderedList"; attrs?: { start?: number }; content: ListItemNode[] };
export type ArticleDocument = { type: "doc"; content: BlockNode[] };

const block: z.ZodType<BlockNode> = z.lazy(() =>
  z.discriminatedUnion("type", [
    paragraph,
    heading,
    horizontalRule,
    figure,
    relatedArticle,
    z.object({ type: z.literal("blockquote"), content: z.array(block).min(1) }),
    z.object({ type: z.literal("bulletList"), content: z.array(listItem).min(1) }),
    z.object({
      type: z.literal("orderedList"),
      attrs: z.object({ start: z.number().int().optional() }).optional(),
      content: z.array(listItem).min(1),
    }),
  ]),
) as z.ZodType<BlockNode>;
const listItem: z.ZodType<ListItemNode> = z.lazy(() =>
  z.object({ type: z.literal("listItem"), content: z.array(block).min(1) }),
);

export const documentSchema: z.ZodType<ArticleDocument> = z.object({
  type: z.literal("doc"),
  content: z.array(block).max(5000),
});

export const emptyDocument: ArticleDocument = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * Strips attributes the schema does not know (Tiptap adds `target`, `rel`, `class` to links, `textAlign` to
 * paragraphs...) before validation, so the stored document holds only what we render.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== "object") return node;
  const n = node as Record<string, unknown>;
  const out: Record<string, unknown> = { type: n.type };
  if (n.type === "text") {
    out.text = n.text;
    if (Array.isArray(n.marks) && n.marks.length > 0) {
      out.marks = n.marks.map((m: { type?: string; attrs?: { href?: unknown } }) =>
        m.type === "link" ? { type: "link", attrs: { href: m.attrs?.href } } : { type: m.type },
      );
    }
    return out;
  }
  if (n.type === "heading") out.attrs = { level: (n.attrs as { level?: unknown })?.level };
  if (n.type === "orderedList" && (n.attrs as { start?: unknown })?.start !== undefined) {
    out.attrs = { start: (n.attrs as { start?: unknown }).start };
  }
  if (n.type === "figure" || n.type === "relatedArticle") {
    const attrs = { ...(n.attrs as Record<string, unknown>) };
    for (const key of Object.keys(attrs)) if (attrs[key] === null || attrs[key] === undefined) delete attrs[key];
    for (const key of ["mediaId", "articleId", "width", "height"]) {
      if (typeof attrs[key] === "string" && /^\d+$/.test(attrs[key] as string)) attrs[key] = Number(attrs[key]);
    }
    out.attrs = attrs;
  }
  if (Array.isArray(n.content)) out.content = n.content.map(normalize);
  return out;
}

export type ParseResult = { ok: true; doc: ArticleDocument } | { ok: false; error: string };

/** Validates a body from any source (editor, API, seed). Returns a message a person can act on. */
export function parseDocument(input: unknown): ParseResult {
  const result = documentSchema.safeParse(normalize(input));
  if (result.success) return { ok: true, doc: result.data };
  const first = result.error.issues[0];
  return { ok: false, error: `Invalid body at ${first?.path.join(".") || "document"}: ${first?.message}` };
}

function walk(nodes: readonly BlockNode[], visit: (node: BlockNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if ("content" in node && Array.isArray(node.content) && node.type !== "paragraph" && node.type !== "heading") {
      for (const child of node.content as (BlockNode | ListItemNode)[]) {
        if (child.type === "listItem") walk(child.content, visit);
        else walk([child], visit);
      }
    }
  }
}

/** Article ids referenced by related-article callouts, in document order, without duplicates. */
export function calloutTargets(doc: ArticleDocument): number[] {
  const ids = new Set<number>();
  walk(doc.content, (node) => {
    if (node.type === "relatedArticle") ids.add(node.attrs.articleId);
  });
  return [...ids];
}

/** Media ids used by figures in the body. */
export function figureMediaIds(doc: ArticleDocument): number[] {
  const ids = new Set<number>();
  walk(doc.content, (node) => {
    if (node.type === "figure") ids.add(node.attrs.mediaId);
  });
  return [...ids];
}

/** Plain text of the document, for summaries and word counts. */
export function plainText(doc: ArticleDocument): string {
  const parts: string[] = [];
  const inlineText = (content?: InlineNode[]) =>
    (content ?? []).map((i) => (i.type === "text" ? i.text : " ")).join("");
  walk(doc.content, (node) => {
    if (node.type === "paragraph" || node.type === "heading") parts.push(inlineText(node.content));
  });
  return parts.join("\n").trim();
}

/** Rewrites figure nodes (e.g. to refresh src/width/height from Media). Returns a new document. */
export function mapFigures(doc: ArticleDocument, fn: (attrs: FigureAttrs) => FigureAttrs): ArticleDocument {
  const mapBlock = (node: BlockNode): BlockNode => {
    switch (node.type) {
      case "figure":
        return { ...node, attrs: fn(node.attrs) };
      case "blockquote":
        return { ...node, content: node.content.map(mapBlock) };
      case "bulletList":
      case "orderedList":
        return {
          ...node,
          content: node.content.map((li) => ({ ...li, content: li.content.map(mapBlock) })),
        } as BlockNode;
      default:
        return node;
    }
  };
  return { type: "doc", content: doc.content.map(mapBlock) };
}
