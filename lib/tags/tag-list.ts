/**
 * The newsroom types tags as one comma-separated field. Splits "Elections, City hall ,," into tag names: spaces
 * collapsed, blanks and repeats (case-insensitive, the first spelling kept) dropped. Article saves then match each
 * name to a tag or create it (lib/articles/references.ts).
 */
export function parseTagList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}
