import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { recordAudit } from "../audit/events";
import { db } from "../db";
import { validationError } from "../errors";
import { tags } from "../publishing/cache-tags";
import { memoizedByTag } from "../publishing/memo";
import { revalidateSettings } from "../publishing/revalidate";
import { assertStorableText } from "../text/hygiene";

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

const settingsSchema = z.object({
  name: z.string().trim().min(1, "Give the publication a name.").max(120, "Keep the name under 120 characters."),
  tagline: z.string().trim().max(200, "Keep the tagline under 200 characters."),
  language: z
    .string()
    .trim()
    .refine(isDateLocale, "Use a language tag such as en-GB, en-US or fr-FR (dates are written in it)."),
  opinionDisclaimer: z.string().trim().max(1_000, "Keep the disclaimer under 1,000 characters."),
});

/** A BCP 47 tag this server can write dates in (en-GB: "30 November 2026"). */
function isDateLocale(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return !!canonical && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 1;
  } catch {
    return false;
  }
}

/**
 * Admins change the publication's name, tagline, language (the date format readers see) and opinion disclaimer from
 * /admin/settings. Saved and audited in one transaction; then every page is purged, since every page prints them.
 * The time zone is not here on purpose: it decides the date in every article's URL, so changing it moves every URL
 * (the old ones would 301); it is set once, when the publication is created (prisma/seed.ts).
 */
export async function updatePublication(
  actor: Actor | null,
  input: unknown,
  ip?: string | null,
): Promise<PublicationSettings> {
  assertCan(actor, "settings:manage");
  assertStorableText(input);
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const next = parsed.data;
  const language = Intl.getCanonicalLocales(next.language)[0]!;
  const changed = await db().$transaction(async (tx) => {
    const before = await tx.publication.findUnique({ where: { id: 1 } });
    const data = {
      name: next.name,
      tagline: next.tagline,
      language,
      // Empty: the default sentence, which follows the name.
      opinionDisclaimer: next.opinionDisclaimer || null,
    };
    const fields = (Object.keys(data) as (keyof typeof data)[]).filter((k) => (before?.[k] ?? null) !== data[k]);
    if (before && fields.length === 0) return false;
    await tx.publication.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "settings_change",
      subject: { type: "publication", id: 1 },
      detail: { fields: fields.join(", "), name: data.name },
      ip,
    });
    return true;
  });
  if (changed) await revalidateSettings();
  return readPublication();
}
