import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { SLUG_PATTERN, slugify } from "../text/slugs";
import { sectionPath } from "../articles/view-models";
import { revalidateSection } from "../publishing/revalidate";
import { absoluteUrl } from "../seo/urls";

/**
 * Sections live at the top of the URL space (/<slug>), beside the site's own routes and the /YYYY/… article
 * paths, so a slug may not shadow either.
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  "admin",
  "api",
  "media",
  "authors",
  "author",
  "tags",
  "tag",
  "search",
  "feed",
  "feeds",
  "rss",
  "atom",
  "sitemap",
  "sitemap-xml",
  "sitemaps",
  "news-sitemap",
  "corrections",
  "preview",
  "img",
  "robots",
  "robots-txt",
  "static",
  "assets",
  "login",
  "logout",
  "signin",
  "sign-in",
]);

const slug = z
  .string({ error: "The slug must be text." })
  .trim()
  .max(60, "Section slugs are at most 60 characters.")
  .regex(SLUG_PATTERN, 'Slugs use lower-case letters, digits and single hyphens, like "world-news".');

const fields = {
  name: z
    .string({ error: "Enter the section's name." })
    .trim()
    .min(1, "Enter the section's name.")
    .max(60, "Section names are at most 60 characters."),
  slug: slug.optional(),
  description: z
    .string({ error: "The description must be text." })
    .trim()
    .max(500, "Descriptions are at most 500 characters.")
    .optional(),
  position: z.number({ error: "Position is a whole number (lower comes first)." }).int().min(0).max(10_000).optional(),
};
export const sectionInputSchema = z.strictObject(fields);
export const sectionPatchSchema = z.strictObject({ ...fields, name: fields.name.optional() });

export type SectionWriteResult = { id: number; slug: string; url: string };

function checkSlugShape(value: string) {
  if (!value) throw new DomainError(422, "Give the section a slug.", { slug: "Enter a slug." });
  if (RESERVED_SECTION_SLUGS.has(value) || /^\d+$/.test(value)) {
    const message = `"${value}" is reserved for the site's own pages; choose another slug.`;
    throw new DomainError(422, message, { slug: message });
  }
}

const slugTaken = (value: string) =>
  new DomainError(409, `Another section already uses the slug "${value}".`, {
    slug: `Another section already uses the slug "${value}".`,
  });

const result = (row: { id: number; slug: string }): SectionWriteResult => ({
  id: row.id,
  slug: row.slug,
  url: absoluteUrl(sectionPath(row.slug)),
});

export async function createSection(actor: Actor | null, input: unknown): Promise<SectionWriteResult> {
  assertCan(actor, "section:manage");
  const parsed = sectionInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const value = parsed.data.slug ?? slugify(parsed.data.name);
  checkSlugShape(value);
  if (await db().section.findUnique({ where: { slug: value }, select: { id: true } })) throw slugTaken(value);
  try {
    const row = await db().section.create({
      data: {
        name: parsed.data.name,
        slug: value,
        description: parsed.data.description ?? "",
        position: parsed.data.position ?? 0,
      },
      select: { id: true, slug: true },
    });
    await revalidateSection(row.slug);
    return result(row);
  } catch (error) {
    if (isUniqueViolation(error, { field: "slug" })) throw slugTaken(value);
    throw error;
  }
}

/** A changed slug moves the section page; both the old and the new one are expired. */
export async function updateSection(actor: Actor | null, id: number, input: unknown): Promise<SectionWriteResult> {
  assertCan(actor, "section:manage");
  const parsed = sectionPatchSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const current = await db().section.findUnique({ where: { id }, select: { slug: true } });
  if (!current) throw notFound("The section");
  const { name, slug: newSlug, description, position } = parsed.data;
  if (newSlug !== undefined && newSlug !== current.slug) {
    checkSlugShape(newSlug);
    if (await db().section.findUnique({ where: { slug: newSlug }, select: { id: true } })) throw slugTaken(newSlug);
  }
  const data: Prisma.SectionUpdateInput = {};
  if (name !== undefined) data.name = name;
  if (newSlug !== undefined) data.slug = newSlug;
  if (description !== undefined) data.description = description;
  if (position !== undefined) data.position = position;
  try {
    const row = await db().section.update({ where: { id }, data, select: { id: true, slug: true } });
    await revalidateSection(row.slug, current.slug);
    return result(row);
  } catch (error) {
    if (newSlug && isUniqueViolation(error, { field: "slug" })) throw slugTaken(newSlug);
    throw error;
  }
}

export type SectionListItem = {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  articleCount: number;
};

/** Sections in navigation order. */
export async function listSections(actor: Actor | null): Promise<SectionListItem[]> {
  assertCan(actor, "article:read");
  const rows = await db().section.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      position: true,
      _count: { select: { articles: true } },
    },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  return rows.map(({ _count, ...r }) => ({ ...r, articleCount: _count.articles }));
}
