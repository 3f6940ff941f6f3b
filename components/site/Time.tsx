import { formatDate, type Locale } from "./format";

/** A date a person reads and a machine parses. */
export function Time({ iso, locale }: { iso: string; locale: Locale }) {
  return <time dateTime={iso}>{formatDate(iso, locale)}</time>;
}
