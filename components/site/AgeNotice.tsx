import { yearsOld } from "@/lib/time/reader-format";

/**
 * "This article is more than N years old", at the top of pieces a year old or more, so a reader arriving from a
 * search or a share does not take old news for today's. Counted at render time: the page cache's 30-minute bound
 * keeps it current.
 */
export function AgeNotice({ publishedAt, now }: { publishedAt: string; now?: Date }) {
  const years = yearsOld(publishedAt, now);
  if (years < 1) return null;
  return (
    <p className="age-notice" role="note">
      This article is more than {years === 1 ? "1 year" : `${years} years`} old
    </p>
  );
}
