/**
 * Time-zone arithmetic in one place. The publication has one time zone (settings): article URLs carry the date of
 * first publication in it, editors type times in it (datetime-local fields read as wall-clock time there), and
 * structured data states times with its offset. Plain Intl and no server-only code, so newsroom client components
 * can use it too.
 */

type WallClock = { year: string; month: string; day: string; hour: string; minute: string; second: string };

/**
 * Building an Intl.DateTimeFormat costs far more than using one (a profile of article renders found 8% of the CPU
 * in the constructor), so each distinct formatter is made once. The keys come from settings, not from readers, so
 * the map stays a handful of entries; the bound only guards against a misconfiguration loop.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** What a wall clock in `timeZone` reads at `at`, as zero-padded parts. Every function below starts here. */
function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  const format = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return parts as WallClock;
}

/** Milliseconds `timeZone` is ahead of UTC at `at` (negative west of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** Calendar date of `at` in `timeZone`, as zero-padded parts. */
export function datePartsInZone(at: Date, timeZone: string): { year: string; month: string; day: string } {
  const { year, month, day } = wallClock(at, timeZone);
  return { year, month, day };
}

/**
 * ISO 8601 with the publication's UTC offset (e.g. 2026-11-28T09:30:00+01:00): the instant is the same as the UTC
 * form, but Google shows the time readers of the publication expect.
 */
export function isoWithOffset(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const w = wallClock(date, timeZone);
  const minutes = Math.round(zoneOffsetMs(date, timeZone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}${offset}`;
}

const DAY_MS = 86_400_000;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant a wall-clock time in `timeZone` names, or null when the text is not a datetime-local value. */
export function zonedLocalToDate(local: string, timeZone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(wall)) return null;
  // A wall-clock time is read with the offset in force a day before or a day after it (the two differ only around a
  // change). When both read back as this wall time (the hour a fall-back repeats), the earlier instant wins, so the
  // editor's field, which shows either as the same text, saves the first one unchanged. When neither does (the hour a
  // spring-forward skips), the offset before the change applies and the time lands an hour later, as a clock
  // would show it. Both choices are Temporal's "compatible" disambiguation.
  const before = wall - zoneOffsetMs(new Date(wall - DAY_MS), timeZone);
  const after = wall - zoneOffsetMs(new Date(wall + DAY_MS), timeZone);
  const readsBack = (t: number) => t + zoneOffsetMs(new Date(t), timeZone) === wall;
  const valid = [before, after].filter(readsBack);
  return new Date(valid.length ? Math.min(...valid) : before);
}

/** `YYYY-MM-DDTHH:mm` for an instant, as the wall clock reads in `timeZone`. */
export function dateToZonedLocal(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`;
}

/** "28 Nov 2026, 14:05" in `timeZone`, for lists. */
export function formatInZone(at: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}
