import { Fragment, type ReactNode } from "react";
import {
  isSafeHref,
  type ArticleDocument,
  type BlockNode,
  type FigureAttrs,
  type InlineNode,
  type ListItemNode,
} from "@/lib/documents/schema";
import type { BodyMedia, CalloutTarget } from "@/lib/articles/view-models";
import { Credit } from "./Credit";
import { Picture, SIZES } from "./Picture";

/**
 * Renders a stored article body as React elements. Text is always a React child, so it is escaped; nothing in the
 * document is ever treated as HTML. Callouts and figures are resolved through maps the page loader fetched, so a
 * callout shows its target's current headline and disappears when the target is not published.
 */
export type ArticleBodyProps = {
  doc: ArticleDocument;
  callouts: Record<number, CalloutTarget>;
  media: Record<number, BodyMedia>;
};

export function ArticleBody({ doc, callouts, media }: ArticleBodyProps) {
  return <>{renderBlocks(doc.content, { callouts, media })}</>;
}

type Ctx = Pick<ArticleBodyProps, "callouts" | "media">;

function renderBlocks(nodes: readonly BlockNode[], ctx: Ctx): ReactNode[] {
  return nodes.map((node, i) => renderBlock(node, i, ctx));
}

function renderBlock(node: BlockNode, key: number, ctx: Ctx): ReactNode {
  switch (node.type) {
    case "paragraph":
      // Empty paragraphs are an editor artefact (a blank line); they carry nothing for a reader.
      return node.content?.length ? <p key={key}>{renderInline(node.content)}</p> : null;
    case "heading": {
      const Tag = `h${node.attrs.level}` as "h2" | "h3" | "h4";
      return <Tag key={key}>{renderInline(node.content ?? [])}</Tag>;
    }
    case "blockquote":
      return <blockquote key={key}>{renderBlocks(node.content, ctx)}</blockquote>;
    case "bulletList":
      return <ul key={key}>{renderItems(node.content, ctx)}</ul>;
    case "orderedList":
      return (
        <ol key={key} start={node.attrs?.start !== undefined && node.attrs.start !== 1 ? node.attrs.start : undefined}>
          {renderItems(node.content, ctx)}
        </ol>
      );
    case "horizontalRule":
      return <hr key={key} />;
    case "figure":
      return <BodyFigure key={key} attrs={node.attrs} media={ctx.media[node.attrs.mediaId]} />;
    case "relatedArticle": {
      const target = ctx.callouts[node.attrs.articleId];
      if (!target) return null;
      return (
        <aside key={key} className="callout" aria-label="Related article">
          <span className="callout__label">Related article: </span>
          <a href={target.url}>{target.headline}</a>
        </aside>
      );
    }
    default:
      return null;
  }
}

function renderItems(items: readonly ListItemNode[], ctx: Ctx): ReactNode[] {
  return items.map((item, i) => <li key={i}>{renderBlocks(item.content, ctx)}</li>);
}

function BodyFigure({ attrs, media }: { attrs: FigureAttrs; media: BodyMedia | undefined }) {
  // The media row is the authority for the file; a figure whose media was deleted is left out.
  if (!media) return null;
  return (
    <figure className="figure">
      <Picture image={media} alt={attrs.alt} sizes={SIZES.articleColumn} />
      {(attrs.caption || attrs.credit) && (
        <figcaption>
          {attrs.caption}
          {attrs.caption && attrs.credit ? " " : null}
          {attrs.credit && <Credit text={attrs.credit} />}
        </figcaption>
      )}
    </figure>
  );
}

function renderInline(nodes: readonly InlineNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === "hardBreak") return <br key={i} />;
    let out: ReactNode = node.text;
    // Marks are applied innermost-first in stored order, so a link wraps its bold/italic text, never the reverse.
    const marks = [...(node.marks ?? [])].sort((a, b) => (a.type === "link" ? 1 : 0) - (b.type === "link" ? 1 : 0));
    for (const mark of marks) {
      if (mark.type === "bold") out = <strong>{out}</strong>;
      else if (mark.type === "italic") out = <em>{out}</em>;
      else if (mark.type === "link") out = <BodyLink href={mark.attrs.href}>{out}</BodyLink>;
    }
    return <Fragment key={i}>{out}</Fragment>;
  });
}

function BodyLink({ href, children }: { href: string; children: ReactNode }) {
  const value = href.trim();
  // Stored documents were validated on save; checking again costs nothing and keeps an old row from ever
  // producing a javascript: link.
  if (!isSafeHref(value)) return <>{children}</>;
  const external = /^https?:\/\//i.test(value);
  return (
    <a href={value} rel={external ? "noopener" : undefined}>
      {children}
    </a>
  );
}
