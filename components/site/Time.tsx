import { formatTimeOfDay } from "@/lib/time/reader-format";
import { formatDate, type Locale } from "./format";

/** A date a person reads and a machine parses; `withTime` adds the time of day in the publication's zone. */
export function Time({ iso, locale, withTime = false }: { iso: string; locale: Locale; withTime?: boolean }) {
  const date = formatDate(iso, locale);
  return <time dateTime={iso}>{withTime ? `${date}, ${formatTimeOfDay(iso, locale)}` : date}</time>;
}
