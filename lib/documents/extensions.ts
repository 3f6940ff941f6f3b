import { Node, mergeAttributes, type Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "./schema";

/**
 * The Tiptap schema shared by the newsroom editor (browser) and the HTML importer (server). Because both use the
 * same extensions, anything the API accepts as HTML is exactly what the editor could have produced: unknown
 * elements collapse to their text, and only the nodes in lib/documents/schema.ts survive.
 *
 * Safe to import from client components: no server-only code here.
 */

const intAttr = (name: string) => ({
  default: null,
  parseHTML: (el: HTMLElement) => {
    const v = el.getAttribute(name);
    return v && /^\d+$/.test(v) ? Number(v) : null;
  },
  renderHTML: () => ({}),
});

const textAttr = (read: (el: HTMLElement) => string | null | undefined) => ({
  default: "",
  parseHTML: (el: HTMLElement) => read(el)?.trim() ?? "",
  renderHTML: () => ({}),
});

/** An image from the media library with its own alt, caption and credit. */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      mediaId: {
        default: null,
        parseHTML: (el: HTMLElement) => {
          const v =
            el.getAttribute("data-media-id") ?? el.querySelector("[data-media-id]")?.getAttribute("data-media-id");
          return v && /^\d+$/.test(v) ? Number(v) : null;
        },
        renderHTML: (attrs: { mediaId: number | null }) => ({ "data-media-id": attrs.mediaId }),
      },
      src: textAttr((el) =>
        el.tagName === "IMG" ? el.getAttribute("src") : el.querySelector("img")?.getAttribute("src"),
      ),
      width: intAttr("width"),
      height: intAttr("height"),
      alt: textAttr((el) =>
        el.tagName === "IMG" ? el.getAttribute("alt") : el.querySelector("img")?.getAttribute("alt"),
      ),
      caption: textAttr(
        (el) =>
          el.querySelector("figcaption [data-caption], figcaption")?.getAttribute("data-caption") ??
          el.querySelector("[data-caption]")?.textContent ??
          el.querySelector("figcaption")?.childNodes[0]?.textContent,
      ),
      credit: textAttr((el) => el.querySelector("[data-credit]")?.textContent),
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-media-id]" }, { tag: "img[data-media-id]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, caption, credit } = node.attrs as Record<string, string>;
    return [
      "figure",
      mergeAttributes(HTMLAttributes, { class: "bs-figure" }),
      ["img", { src, alt }],
      ["figcaption", {}, ["span", { "data-caption": caption }, caption], " ", ["span", { "data-credit": "" }, credit]],
    ];
  },
});

/** "Related article: <headline>" callout. `headline` is only a hint for the editor; readers see the live one. */
export const RelatedArticle = Node.create({
  name: "relatedArticle",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      articleId: {
        default: null,
        parseHTML: (el: HTMLElement) => {
          const v = el.getAttribute("data-related-article");
          return v && /^\d+$/.test(v) ? Number(v) : null;
        },
        renderHTML: (attrs: { articleId: number | null }) => ({ "data-related-article": attrs.articleId }),
      },
      headline: {
        default: "",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-headline") ?? "",
        renderHTML: (attrs: { headline: string }) => ({ "data-headline": attrs.headline }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "aside[data-related-article]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "aside",
      mergeAttributes(HTMLAttributes, { class: "bs-related-callout" }),
      `Related article: ${(node.attrs as { headline?: string }).headline || `#${node.attrs.articleId}`}`,
    ];
  },
});

export const documentExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ["http", "https", "mailto"],
      defaultProtocol: "https",
      isAllowedUri: (url) => isSafeHref(url),
    },
  }),
  Figure,
  RelatedArticle,
];
