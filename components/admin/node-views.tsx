"use client";

import { useId } from "react";
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import type { AnyExtension, Extensions } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions";
import { Link, type LinkOptions } from "@tiptap/extension-link";
import { Figure, RelatedArticle, documentExtensions } from "@/lib/documents/extensions";

/**
 * Editor-only views of the two custom blocks. The document schema (lib/documents/extensions.ts) stays the single
 * source of truth; these only change how the nodes look and let editors fill alt/caption/credit in place.
 */

function FigureView({ node, updateAttributes, deleteNode, selected }: ReactNodeViewProps) {
  const attrs = node.attrs as {
    mediaId: number | null;
    src: string;
    alt: string;
    caption: string;
    credit: string;
    width: number | null;
    height: number | null;
  };
  const id = useId();
  return (
    <NodeViewWrapper className="nr-node-wrap" data-drag-handle="">
      <div className="nr-node nr-node-figure" data-selected={selected || undefined} contentEditable={false}>
        <div>
          {attrs.src ? (
            <img src={attrs.src} alt={attrs.alt} width={attrs.width ?? undefined} height={attrs.height ?? undefined} />
          ) : (
            <div className="nr-muted">Image #{attrs.mediaId}</div>
          )}
          <div className="nr-node-label">Image #{attrs.mediaId}</div>
        </div>
        <div>
          <div className="nr-field">
            <label htmlFor={`${id}-alt`}>Alt text</label>
            <input
              id={`${id}-alt`}
              type="text"
              value={attrs.alt}
              placeholder="Describe the image for people who cannot see it"
              onChange={(e) => updateAttributes({ alt: e.target.value })}
            />
          </div>
          <div className="nr-field">
            <label htmlFor={`${id}-caption`}>Caption</label>
            <input
              id={`${id}-caption`}
              type="text"
              value={attrs.caption}
              onChange={(e) => updateAttributes({ caption: e.target.value })}
            />
          </div>
          <div className="nr-row">
            <div className="nr-field">
              <label htmlFor={`${id}-credit`}>Credit</label>
              <input
                id={`${id}-credit`}
                type="text"
                value={attrs.credit}
                onChange={(e) => updateAttributes({ credit: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="nr-btn nr-btn-small nr-btn-danger"
              onClick={deleteNode}
              style={{ marginBottom: 12 }}
            >
              Remove image
            </button>
          </div>
        </div>
      </div>
    </NodeViewWrapper>
  );
}

function RelatedArticleView({ node, deleteNode, selected }: ReactNodeViewProps) {
  const attrs = node.attrs as { articleId: number | null; headline: string };
  return (
    <NodeViewWrapper className="nr-node-wrap" data-drag-handle="">
      <div
        className="nr-node nr-node-related"
        data-selected={selected || undefined}
        contentEditable={false}
        data-related-article={attrs.articleId ?? ""}
      >
        <span className="nr-node-label">Related article</span>
        <strong>{attrs.headline || `Article #${attrs.articleId}`}</strong>
        <span className="nr-muted">#{attrs.articleId}</span>
        <button type="button" className="nr-btn nr-btn-small nr-btn-danger" onClick={deleteNode}>
          Remove
        </button>
      </div>
    </NodeViewWrapper>
  );
}

/**
 * The shared document extensions with editor views, plus a placeholder for the empty body. The link mark is made
 * non-inclusive here: with autolink on, Tiptap lets a link swallow whatever is typed after it, which in a
 * newsroom means a whole sentence silently becoming part of a link. (Same options otherwise; the document
 * schema does not change.)
 */
export function editorExtensions(placeholder: string): Extensions {
  const withViews = documentExtensions.flatMap((ext): AnyExtension[] => {
    if (ext === Figure) return [Figure.extend({ addNodeView: () => ReactNodeViewRenderer(FigureView) })];
    if (ext === RelatedArticle)
      return [RelatedArticle.extend({ addNodeView: () => ReactNodeViewRenderer(RelatedArticleView) })];
    const linkOptions =
      ext.name === "starterKit" ? (ext.options as { link?: Partial<LinkOptions> | false }).link : undefined;
    if (linkOptions)
      return [ext.configure({ link: false }), Link.extend({ inclusive: () => false }).configure(linkOptions)];
    return [ext];
  });
  return [...withViews, Placeholder.configure({ placeholder })];
}
