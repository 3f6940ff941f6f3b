import type { BlockNode, InlineNode, ListItemNode, Mark } from "../../lib/documents/schema";

/**
 * A small writer's kit for article bodies, so demo content reads like prose in the source instead of nested JSON.
 * Inline text uses a tiny markup: **bold**, *italic*, [link text](href). An href written `@key` points at another
 * seeded article and becomes its canonical path once ids are known.
 */

export type ArticleRef = { id: number; headline: string; path: string };
export type ImageRef = {
  mediaId: number;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
};

const OPENERS = new Set([undefined, " ", "(", "[", "—", "\u00a0"]);

/** Typographic quotes and apostrophes, so the source can be typed with straight ones. */
export function smarten(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const opening = OPENERS.has(text[i - 1]) && text[i + 1] !== " " && text[i + 1] !== undefined;
    if (ch === '"') out += opening ? "\u201c" : "\u201d";
    else if (ch === "'") out += opening ? "\u2018" : "\u2019";
    else out += ch;
  }
  return out;
}

export class DocBuilder {
  constructor(
    private readonly article: (key: string) => ArticleRef,
    private readonly image: (key: string) => ImageRef,
  ) {}

  /** Parses the inline markup into text nodes. Throws on unbalanced markup so a typo fails the seed loudly. */
  inline(raw: string): InlineNode[] {
    const source = smarten(raw);
    const out: InlineNode[] = [];
    const emit = (text: string, marks: Mark[]) => {
      if (!text) return;
      const last = out[out.length - 1];
      const same = (a?: Mark[], b?: Mark[]) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
      if (last?.type === "text" && same(last.marks, marks)) last.text += text;
      else out.push(marks.length ? { type: "text", text, marks: [...marks] } : { type: "text", text });
    };
    const walk = (src: string, marks: Mark[]) => {
      let buffer = "";
      let bold = marks.some((m) => m.type === "bold");
      let italic = marks.some((m) => m.type === "italic");
      const link = marks.find((m) => m.type === "link");
      const current = (): Mark[] => [
        ...(bold ? [{ type: "bold" as const }] : []),
        ...(italic ? [{ type: "italic" as const }] : []),
        ...(link ? [link] : []),
      ];
      for (let i = 0; i < src.length; i++) {
        const ch = src[i]!;
        if (ch === "*" && src[i + 1] === "*") {
          emit(buffer, current());
          buffer = "";
          bold = !bold;
          i++;
        } else if (ch === "*") {
          emit(buffer, current());
          buffer = "";
          italic = !italic;
        } else if (ch === "[" && !link) {
          const close = src.indexOf("](", i);
          const end = close < 0 ? -1 : src.indexOf(")", close);
          if (close < 0 || end < 0) throw new Error(`Unclosed link in: ${source}`);
          emit(buffer, current());
          buffer = "";
          const href = this.href(src.slice(close + 2, end));
          walk(src.slice(i + 1, close), [...current(), { type: "link", attrs: { href } }]);
          i = end;
        } else {
          buffer += ch;
        }
      }
      emit(buffer, current());
      if (bold !== marks.some((m) => m.type === "bold") || italic !== marks.some((m) => m.type === "italic")) {
        throw new Error(`Unbalanced * or ** in: ${source}`);
      }
    };
    walk(source, []);
    return out;
  }

  private href(raw: string): string {
    return raw.startsWith("@") ? this.article(raw.slice(1)).path : raw;
  }

  p = (text: string): BlockNode => ({ type: "paragraph", content: this.inline(text) });
  h2 = (text: string): BlockNode => ({ type: "heading", attrs: { level: 2 }, content: this.inline(text) });
  h3 = (text: string): BlockNode => ({ type: "heading", attrs: { level: 3 }, content: this.inline(text) });
  hr = (): BlockNode => ({ type: "horizontalRule" });
  quote = (...paragraphs: string[]): BlockNode => ({ type: "blockquote", content: paragraphs.map(this.p) });
  ul = (...items: string[]): BlockNode => ({ type: "bulletList", content: items.map(this.item) });
  ol = (...items: string[]): BlockNode => ({ type: "orderedList", attrs: { start: 1 }, content: items.map(this.item) });
  private item = (text: string): ListItemNode => ({ type: "listItem", content: [this.p(text)] });

  /** A picture from the media library; caption and credit default to the library's own. */
  figure = (imageKey: string, over: Partial<Pick<ImageRef, "alt" | "caption" | "credit">> = {}): BlockNode => {
    const img = this.image(imageKey);
    return { type: "figure", attrs: { ...img, ...over } };
  };

  /** "Related: <headline>" callout to another seeded article. */
  related = (articleKey: string): BlockNode => {
    const target = this.article(articleKey);
    return { type: "relatedArticle", attrs: { articleId: target.id, headline: target.headline } };
  };
}
