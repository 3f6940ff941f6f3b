/**
 * ts_headline marks matches with two private-use characters (never in stored text: lib/search/public.ts removes
 * them before highlighting), which we split on here. The page renders the pieces as React text and <mark>
 * elements, so a headline holding "<script>" stays text: no stored HTML is ever rendered.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type HighlightPart = { text: string; match: boolean };

export function parseHighlight(value: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let rest = value;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) break;
    const end = rest.indexOf(MARK_END, start + 1);
    if (end < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const match = rest.slice(start + 1, end);
    if (match) parts.push({ text: match, match: true });
    rest = rest.slice(end + 1);
  }
  const tail = rest.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
  if (tail) parts.push({ text: tail, match: false });
  // Adjacent matches ("climate" "change" of a phrase) read as one highlight.
  return parts.reduce<HighlightPart[]>((out, part) => {
    const last = out.at(-1);
    if (last && last.match === part.match) last.text += part.text;
    else out.push({ ...part });
    return out;
  }, []);
}
