import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { SLUG_PATTERN, slugify } from "../text/slugs";
import { revalidateTagPages } from "../publishing/revalidate";

/**
 * Tags are mostly created on the fly by article saves (lib/articles/mutations.ts); these functions are for the
 * tags screen. Renaming keeps the slug (and so the tag page's URL) unless a new slug is given explicitly.
 */

const fields = {
  name: z
    .string({ error: "Enter the tag's name." })
    .trim()
    .min(1, "Enter the tag's name.")
    .max(60, "Tag names are at most 60 characters."),
  slug: z
    .string({ error: "The slug must be text." })
    .trim()
    .max(80, "Slugs are at most 80 characters.")
    .regex(SLUG_PATTERN, 'Slugs use lower-case letters, digits and single hyphens, like "climate-change".')
    .optional(),
  /** What the topic is about, for the tag page. Omitted on a rename: the current one is kept. */
  description: z
    .string({ error: "The description must be text." })
    .trim()
    .max(600, "Descriptions are at most 600 characters: a sentence or two about the topic.")
    .optional(),
};
export const tagInputSchema = z.strictObject(fields);

export type TagWriteResult = { id: number; slug: string; name: string };

const clash = (what: "name" | "slug", value: string) =>
  new DomainError(409, `Another tag already uses the ${what} "${value}".`, {
    [what]: `Another tag already uses this ${what}.`,
  });

async function assertFree(name: string, slug: string, selfId: number | null) {
  const other = await db().tag.findFirst({
    where: {
      OR: [{ name: { equals: name, mode: "insensitive" } }, { slug }],
      ...(selfId ? { id: { not: selfId } } : {}),
    },
    select: { name: true, slug: true },
  });
  if (!other) return;
  throw other.slug === slug ? clash("slug", slug) : clash("name", name);
}

/** A unique violation from a save that raced another, as the 409 naming what clashed; other errors unchanged. */
const clashOf = (error: unknown, name: string, slug: string): unknown =>
  isUniqueViolation(error, { field: "name" })
    ? clash("name", name)
    : isUniqueViolation(error)
      ? clash("slug", slug)
      : error;

export async function createTag(actor: Actor | null, input: unknown): Promise<TagWriteResult> {
  assertCan(actor, "tag:manage");
  const parsed = tagInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { name } = parsed.data;
  const slug = parsed.data.slug ?? slugify(name);
  if (!slug)
    throw new DomainError(422, "Give the tag a slug (its name has no letters a-z or digits).", {
      slug: "Enter a slug.",
    });
  await assertFree(name, slug, null);
  try {
    const row = await db().tag.create({
      data: { name, slug, description: parsed.data.description ?? "" },
      select: { id: true, slug: true, name: true },
    });
    await revalidateTagPages(row.slug);
    return row;
  } catch (error) {
    throw clashOf(error, name, slug);
  }
}

/** Changes a tag's display name (and its slug when one is given). Expires the old and new tag pages. */
export async function renameTag(actor: Actor | null, id: number, input: unknown): Promise<TagWriteResult> {
  assertCan(actor, "tag:manage");
  const parsed = tagInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const current = await db().tag.findUnique({ where: { id }, select: { slug: true } });
  if (!current) throw notFound("The tag");
  const slug = parsed.data.slug ?? current.slug;
  await assertFree(parsed.data.name, slug, id);
  const data: Prisma.TagUpdateInput = {
    name: parsed.data.name,
    slug,
    ...(parsed.data.description !== undefined ? { description: parsed.data.description } : {}),
  };
  try {
    const row = await db().tag.update({ where: { id }, data, select: { id: true, slug: true, name: true } });
    await revalidateTagPages(row.slug, current.slug);
    return row;
  } catch (error) {
    throw clashOf(error, parsed.data.name, slug);
  }
}

export type TagListItem = { id: number; slug: string; name: string; description: string; articleCount: number };

/** Rows per page of the tags screen: thousands of tags must not make one 20,000-pixel page. */
const TAG_PAGE_SIZE = 50;

/**
 * The tags screen's list: alphabetical, optionally narrowed to names or slugs containing `q` (any case), one page
 * at a time. A page past the end shows the last one.
 */
export async function listTags(
  actor: Actor | null,
  { q = "", page = 1 }: { q?: string; page?: number } = {},
): Promise<{ items: TagListItem[]; total: number; page: number; pageCount: number }> {
  assertCan(actor, "article:read");
  const term = q.trim().slice(0, 200);
  const where: Prisma.TagWhereInput = term
    ? {
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          ...(slugify(term) ? [{ slug: { contains: slugify(term) } }] : []),
        ],
      }
    : {};
  const total = await db().tag.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / TAG_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db().tag.findMany({
    where,
    select: { id: true, slug: true, name: true, description: true, _count: { select: { articles: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (current - 1) * TAG_PAGE_SIZE,
    take: TAG_PAGE_SIZE,
  });
  return {
    items: rows.map(({ _count, ...r }) => ({ ...r, articleCount: _count.articles })),
    total,
    page: current,
    pageCount,
  };
}
