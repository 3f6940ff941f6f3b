"use client";

import { useId, useMemo, useRef, useState } from "react";
import type { PickedAuthor } from "../article-form";

/** Rendered options at most: a long list is for scrolling past, a short one for reading; typing narrows it. */
const MAX_SHOWN = 50;

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Names that start with the query come first, then names with a word starting with it, then any other match. */
function rank(authors: PickedAuthor[], query: string): PickedAuthor[] {
  const q = fold(query.trim());
  if (!q) return authors;
  const scored: { a: PickedAuthor; score: number }[] = [];
  for (const a of authors) {
    const name = fold(a.name);
    const score = name.startsWith(q)
      ? 0
      : name.split(/[\s-]+/).some((w) => w.startsWith(q))
        ? 1
        : name.includes(q)
          ? 2
          : -1;
    if (score >= 0) scored.push({ a, score });
  }
  return scored.sort((x, y) => x.score - y.score).map((s) => s.a);
}

/**
 * A searchable author picker following the WAI-ARIA combobox pattern (editable combobox with list autocomplete):
 * type to filter, Down/Up to move through the list, Enter to add, Escape to close (a second Escape clears). Focus
 * stays in the input throughout; the highlighted option is announced through aria-activedescendant.
 */
export function AuthorCombobox({
  id,
  options,
  onPick,
  invalid,
  describedBy,
}: {
  id: string;
  options: PickedAuthor[];
  onPick: (author: PickedAuthor) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const listId = `${id}-list`;
  const statusId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const list = useRef<HTMLUListElement>(null);

  const matches = useMemo(() => rank(options, query), [options, query]);
  const shown = matches.slice(0, MAX_SHOWN);
  const activeOption = open && active >= 0 ? shown[active] : undefined;

  const move = (index: number) => {
    setOpen(true);
    setActive(index);
    list.current?.children[index]?.scrollIntoView({ block: "nearest" });
  };

  const pick = (author: PickedAuthor) => {
    onPick(author);
    setQuery("");
    setOpen(false);
    setActive(-1);
    setAnnouncement(`${author.name} added to the byline.`);
  };

  return (
    <div className="nr-combobox">
      <label htmlFor={id}>Add an author</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.slug}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(" ")}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a name…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(e.target.value.trim() ? 0 : -1);
          setAnnouncement("");
        }}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          switch (e.key) {
            case "ArrowDown":
              e.preventDefault();
              if (shown.length) move(open ? Math.min(active + 1, shown.length - 1) : Math.max(active, 0));
              break;
            case "ArrowUp":
              e.preventDefault();
              if (shown.length) move(open ? Math.max(active - 1, 0) : shown.length - 1);
              break;
            case "Enter":
              // Never submits the article form from here.
              e.preventDefault();
              if (activeOption) pick(activeOption);
              break;
            case "Escape":
              if (open) {
                e.preventDefault();
                setOpen(false);
              } else if (query) {
                e.preventDefault();
                setQuery("");
              }
              break;
          }
        }}
      />
      <ul
        ref={list}
        id={listId}
        role="listbox"
        aria-label="Authors"
        className="nr-combobox-list"
        hidden={!open || shown.length === 0}
      >
        {shown.map((a, i) => (
          <li
            key={a.slug}
            id={`${listId}-${a.slug}`}
            role="option"
            aria-selected={i === active}
            // Keeps focus in the input: a click picks without blurring (which would close the list first).
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(a)}
          >
            {a.name}
          </li>
        ))}
      </ul>
      <span id={statusId} className="nr-skip" aria-live="polite">
        {announcement ||
          (open && query.trim()
            ? matches.length === 0
              ? "No author matches."
              : `${matches.length} ${matches.length === 1 ? "author matches" : "authors match"}.`
            : "")}
      </span>
      {open && query.trim() && matches.length === 0 ? (
        <p className="nr-hint">No author matches “{query.trim()}”.</p>
      ) : null}
      {open && matches.length > MAX_SHOWN ? (
        <p className="nr-hint">
          Showing {MAX_SHOWN} of {matches.length}; keep typing to narrow the list.
        </p>
      ) : null}
    </div>
  );
}
