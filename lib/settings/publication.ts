import { db } from "../db";
import { tags } from "../publishing/cache-tags";
import { memoizedByTag } from "../publishing/memo";

export type PublicationSettings = {
  name: string;
  tagline: string;
  language: string;
  timeZone: string;
  opinionDisclaimer: string;
};

export const defaultDisclaimer = (name: string) =>
  `The views expressed in opinion pieces do not necessarily reflect the position of ${name}.`;

const fallback: PublicationSettings = {
  name: "Broadsheet",
  tagline: "",
  language: "en",
  timeZone: "UTC",
  opinionDisclaimer: defaultDisclaimer("Broadsheet"),
};

/** Reads settings straight from the database (scripts, API, tests). Pages use `getPublication`. */
export async function readPublication(): Promise<PublicationSettings> {
  const row = await db().publication.findUnique({ where: { id: 1 } });
  if (!row) return fallback;
  return {
    name: row.name,
    tagline: row.tagline,
    language: row.language,
    timeZone: row.timeZone,
    opinionDisclaimer: row.opinionDisclaimer?.trim() || defaultDisclaimer(row.name),
  };
}

/** Remembered in process memory until settings change (tag `settings`); every page depends on it. */
export const getPublication = memoizedByTag(tags.settings, readPublication);
