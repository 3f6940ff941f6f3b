import { cache } from "react";
import { unstable_cache } from "next/cache";
import { db } from "../db";
import { tags } from "../publishing/cache-tags";

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

/** Cached across requests (tag `settings`) and deduplicated within one render. */
export const getPublication = cache(
  unstable_cache(readPublication, ["publication-settings"], { tags: [tags.settings] }),
);
