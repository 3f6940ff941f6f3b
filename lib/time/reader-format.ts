import { dateTimeFormat } from "./zones";

/**
 * How dates, times and durations read on the reader site: in the publication's language (a BCP 47 tag from
 * settings, e.g. "en-GB" → "28 November 2026", "en-US" → "November 28, 2026") and its time zone, never the
 * server's. A misconfigured language or zone falls back to English in UTC rather than failing the page.
 */
export type Locale = { language: string; timeZone: string };

function format(iso: string, { language, timeZone }: Locale, options: Intl.DateTimeFormatOptions): string {
  const at = new Date(iso);
  try {
    return dateTimeFormat(language, { ...options, timeZone }).format(at);
  } catch {
    return dateTimeFormat("en", { ...options, timeZone: "UTC" }).format(at);
  }
}

/** The day, written out: "28 November 2026" in en-GB. */
export const formatDate = (iso: string, locale: Locale) => format(iso, locale, { dateStyle: "long" });

/** The time of day with the zone's abbreviation, in the locale's clock: "14:05 GMT" in en-GB, "2:05 PM EST" in en-US. */
export const formatTimeOfDay = (iso: string, locale: Locale) =>
  format(iso, locale, { hour: "numeric", minute: "2-digit", timeZoneName: "short" });

/** Whole years between `iso` and `now` (calendar years, so a piece is "1 year old" on its first anniversary). */
export function yearsOld(iso: string, now: Date = new Date()): number {
  const then = new Date(iso);
  let years = now.getUTCFullYear() - then.getUTCFullYear();
  const anniversary = new Date(then);
  anniversary.setUTCFullYear(then.getUTCFullYear() + years);
  if (anniversary > now) years -= 1;
  return Math.max(0, years);
}

/** Silent reading speed of adults reading non-fiction in English (Brysbaert 2019: 238 words a minute). */
const WORDS_PER_MINUTE = 238;

/** Minutes to read `text`, at least one. Counts runs of letters or digits, so punctuation and spacing do not count. */
export function readingMinutes(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
