/** Words a reader reads per minute, the figure most newsrooms (and Medium) use for a reading-time estimate. */
const WORDS_PER_MINUTE = 230;

/** Words in plain text: runs of letters or digits (apostrophes and hyphens inside a word keep it one word). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes to read `words`, never less than one for a non-empty text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
