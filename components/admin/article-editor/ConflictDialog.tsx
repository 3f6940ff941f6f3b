"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ArticleConflict, ArticleFormValues } from "../article-form";

/** What the editor holds: its controlled values, the tags as typed, and the body document. */
export type EditorContent = { values: ArticleFormValues; tagsText: string; body: unknown };

type FieldKey =
  | "headline"
  | "dek"
  | "body"
  | "type"
  | "section"
  | "slug"
  | "authors"
  | "tags"
  | "heroImage"
  | "publishedAt"
  | "related";

const LABELS: Record<FieldKey, string> = {
  headline: "Headline",
  dek: "Standfirst (dek)",
  body: "Body",
  type: "Type",
  section: "Section",
  slug: "Slug",
  authors: "Authors",
  tags: "Tags",
  heroImage: "Hero image",
  publishedAt: "Publication date",
  related: "Related articles",
};

type Node = { type?: string; text?: string; content?: Node[] };

/** The body's words, a paragraph per line: what a person compares, not the document's structure. */
function bodyText(doc: unknown): string {
  const blocks: string[] = [];
  const inline = (n: Node): string => (n.text ?? "") + (n.content ?? []).map(inline).join("");
  const walk = (n: Node) => {
    if (n.type === "paragraph" || n.type === "heading") blocks.push(inline(n));
    else if (n.type === "figure") blocks.push("[image]");
    else if (n.type === "callout") blocks.push("[related article]");
    else (n.content ?? []).forEach(walk);
  };
  walk((doc ?? {}) as Node);
  return blocks.join("\n").trim();
}

const tagList = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .join(", ");

/** Each field as a person reads it; two versions differ in a field when these texts differ. */
function shown(content: EditorContent, key: FieldKey): string {
  const v = content.values;
  switch (key) {
    case "body":
      return bodyText(content.body);
    case "tags":
      return tagList(content.tagsText);
    case "authors":
      return v.authors.map((a) => a.name).join(", ");
    case "related":
      return v.related.map((r) => r.headline).join("\n");
    case "heroImage":
      return v.heroImage
        ? `Image #${v.heroImage.mediaId}\nAlt: ${v.heroImage.alt}\nCaption: ${v.heroImage.caption}\nCredit: ${v.heroImage.credit}`
        : "(none)";
    case "publishedAt":
      return v.publishedAt.replace("T", " ") || "(not set)";
    default:
      return v[key];
  }
}

/** Compared as stored (a body with the same words but another image is still different). */
function differs(mine: EditorContent, theirs: EditorContent, key: FieldKey): boolean {
  if (key === "body") return JSON.stringify(mine.body) !== JSON.stringify(theirs.body);
  return shown(mine, key) !== shown(theirs, key);
}

/**
 * The conflict screen: someone saved the article after this editor opened it. Both versions side by side, field by
 * field where they differ; the person keeps theirs, takes the other, or picks per field. Nothing is saved here: the
 * form then holds the choice, based on the other person's version, and the next save (or autosave) stores it.
 *
 * By keyboard: focus moves to its heading when it opens (`rememberFocus` hears where the person was, for the
 * editor to go back to once they have chosen); each field's choice is one checkbox ("Take theirs"), so Tab reaches
 * every choice and Space makes it — a radio group would need the arrow keys.
 */
export function ConflictDialog({
  conflict,
  mine: mineFields,
  readBody,
  onResolve,
  rememberFocus,
}: {
  conflict: ArticleConflict;
  mine: Omit<EditorContent, "body">;
  /** The body editor's document (it lives outside React state); read when the screen opens and when applied. */
  readBody: () => unknown;
  onResolve: (merged: EditorContent, takenBody: boolean, allTheirs: boolean) => void;
  /** Told, as the screen opens, where the person was (null: nowhere in particular), for the editor to go back to. */
  rememberFocus: (element: HTMLElement | null) => void;
}) {
  const ids = useId();
  // The body as it was when the conflict came back: what the person compares. Applying reads it afresh.
  const [bodyShown] = useState(readBody);
  const mine: EditorContent = { ...mineFields, body: bodyShown };
  const heading = useRef<HTMLHeadingElement>(null);
  const theirs: EditorContent = {
    values: conflict.theirs,
    tagsText: conflict.theirs.tags.join(", "),
    body: conflict.theirs.body,
  };
  const keys = (Object.keys(LABELS) as FieldKey[]).filter((k) => differs(mine, theirs, k));
  const [choice, setChoice] = useState<Partial<Record<FieldKey, "mine" | "theirs">>>({});

  // The screen replaces what the person was doing: take focus to it, so screen readers announce it.
  const remember = useRef(rememberFocus);
  useEffect(() => {
    const active = document.activeElement;
    remember.current(active instanceof HTMLElement && active !== document.body ? active : null);
    heading.current?.focus();
  }, []);

  const who = conflict.savedBy ?? "Someone else";
  const when = new Date(conflict.savedAt).toLocaleString();

  const apply = (pick: (k: FieldKey) => "mine" | "theirs") => {
    const values: ArticleFormValues = { ...mine.values };
    let tagsText = mine.tagsText;
    let body = readBody();
    const set = <K extends keyof ArticleFormValues>(k: K) => {
      values[k] = theirs.values[k];
    };
    for (const k of keys) {
      if (pick(k) !== "theirs") continue;
      if (k === "tags") tagsText = theirs.tagsText;
      else if (k === "body") body = theirs.body;
      else set(k);
    }
    values.id = theirs.values.id;
    values.status = theirs.values.status;
    values.path = theirs.values.path;
    values.url = theirs.values.url;
    values.version = conflict.version;
    onResolve(
      { values, tagsText, body },
      keys.includes("body") && pick("body") === "theirs",
      keys.every((k) => pick(k) === "theirs"),
    );
  };

  return (
    <section className="nr-conflict" aria-labelledby={`${ids}-title`} data-testid="conflict-screen">
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {who} saved this article while you were editing
      </h2>
      <p>
        Their version ({when}, version {conflict.version}) is on the right. Nothing of yours has been saved over it, and
        nothing you typed is lost. Choose what to keep, then save.
      </p>
      {keys.length === 0 ? (
        <p>Their version holds the same as yours.</p>
      ) : (
        <table className="nr-conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">{who}&rsquo;s</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const pick = choice[k] ?? "mine";
              return (
                <tr key={k}>
                  <th scope="row">{LABELS[k]}</th>
                  <td>
                    <p className="nr-conflict-choice" data-testid={`conflict-keep-${k}`}>
                      {pick === "mine" ? "Keeping yours" : "Replaced by theirs"}
                    </p>
                    <div className="nr-conflict-value">{shown(mine, k)}</div>
                  </td>
                  <td>
                    <label className="nr-conflict-choice">
                      <input
                        type="checkbox"
                        checked={pick === "theirs"}
                        onChange={(e) => setChoice((c) => ({ ...c, [k]: e.target.checked ? "theirs" : "mine" }))}
                      />{" "}
                      Take theirs<span className="nr-visually-hidden"> ({LABELS[k]})</span>
                    </label>
                    <div className="nr-conflict-value">{shown(theirs, k)}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="nr-conflict-actions">
        <button type="button" className="nr-btn nr-btn-primary" onClick={() => apply((k) => choice[k] ?? "mine")}>
          Use these choices
        </button>
        <button type="button" className="nr-btn" onClick={() => apply(() => "mine")}>
          Keep all of mine
        </button>
        <button type="button" className="nr-btn" onClick={() => apply(() => "theirs")}>
          Take all of theirs
        </button>
      </p>
    </section>
  );
}
