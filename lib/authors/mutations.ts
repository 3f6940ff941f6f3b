import type { Prisma } from "../../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { slugify } from "../text/slugs";
import { authorPath } from "../articles/view-models";
import { revalidateAuthor } from "../publishing/revalidate";
import { absoluteUrl } from "../seo/urls";
import { authorInputSchema, authorPatchSchema } from "./input";

export type AuthorWriteResult = { id: number; slug: string; url: string };

const slugTaken = (slug: string) =>
  new DomainError(409, `Another author already uses the slug "${slug}".`, {
    slug: `Another author already uses the slug "${slug}".`,
  });

const result = (row: { id: number; slug: string }): AuthorWriteResult => ({
  id: row.id,
  slug: row.slug,
  url: absoluteUrl(authorPath(row.slug)),
});

async function assertPhoto(photoId: number | null | undefined) {
  if (photoId == null) return;
  const found = await db().media.findUnique({ where: { id: photoId }, select: { id: true } });
  if (!found)
    throw new DomainError(422, `Unknown image (media id ${photoId}).`, {
      photoId: `Unknown image (media id ${photoId}).`,
    });
}

const isSlugClash = (error: unknown) => isUniqueViolation(error, { field: "slug" });

/** 409 when the slug (given, or derived from the name) is taken: two people with one name need telling apart. */
export async function createAuthor(actor: Actor | null, input: unknown): Promise<AuthorWriteResult> {
  assertCan(actor, "author:manage");
  const parsed = authorInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { name, title, bio, links, pseudonymous, photoId } = parsed.data;
  const slug = parsed.data.slug ?? slugify(name);
  if (!slug)
    throw new DomainError(422, "Give the author a slug (the name has no letters a-z or digits).", {
      slug: "Enter a slug.",
    });
  await assertPhoto(photoId);
  if (await db().author.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
  try {
    const row = await db().author.create({
      data: {
        name,
        slug,
        jobTitle: title ?? "",
        bio: bio ?? "",
        links: links ?? [],
        pseudonymous: pseudonymous ?? false,
        photoId: photoId ?? null,
      },
      select: { id: true, slug: true },
    });
    await revalidateAuthor(row.slug);
    return result(row);
  } catch (error) {
    if (isSlugClash(error)) throw slugTaken(slug);
    throw error;
  }
}

/** Changes only the fields given. A new slug expires the old author page as well as the new one. */
export async function updateAuthor(actor: Actor | null, id: number, input: unknown): Promise<AuthorWriteResult> {
  assertCan(actor, "author:manage");
  const parsed = authorPatchSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const current = await db().author.findUnique({ where: { id }, select: { id: true, slug: true } });
  if (!current) throw notFound("The author");
  const { name, slug, title, bio, links, pseudonymous, photoId } = parsed.data;
  await assertPhoto(photoId);
  if (slug && slug !== current.slug && (await db().author.findUnique({ where: { slug }, select: { id: true } })))
    throw slugTaken(slug);
  const data: Prisma.AuthorUncheckedUpdateInput = {};
  if (name !== undefined) data.name = name;
  if (slug !== undefined) data.slug = slug;
  if (title !== undefined) data.jobTitle = title;
  if (bio !== undefined) data.bio = bio;
  if (links !== undefined) data.links = links;
  if (pseudonymous !== undefined) data.pseudonymous = pseudonymous;
  if (photoId !== undefined) data.photoId = photoId;
  try {
    const row = await db().author.update({ where: { id }, data, select: { id: true, slug: true } });
    await revalidateAuthor(row.slug, current.slug);
    return result(row);
  } catch (error) {
    if (slug && isSlugClash(error)) throw slugTaken(slug);
    throw error;
  }
}

export type AuthorListItem = {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  pseudonymous: boolean;
  articleCount: number;
};

/** Every author, alphabetically, for pickers and the authors screen. */
export async function listAuthors(actor: Actor | null): Promise<AuthorListItem[]> {
  assertCan(actor, "article:read");
  const rows = await db().author.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      jobTitle: true,
      pseudonymous: true,
      _count: { select: { articles: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ _count, ...r }) => ({ ...r, articleCount: _count.articles }));
}

/** Rows per page of the authors screen. */
const AUTHOR_PAGE_SIZE = 50;

/**
 * The authors screen's list: alphabetical, optionally narrowed to names, slugs or job titles containing `q` (any
 * case), one page at a time. A page past the end shows the last one. (The editor's picker uses listAuthors: it
 * filters all of them in the browser as the editor types.)
 */
export async function findAuthors(
  actor: Actor | null,
  { q = "", page = 1 }: { q?: string; page?: number } = {},
): Promise<{ items: AuthorListItem[]; total: number; page: number; pageCount: number }> {
  assertCan(actor, "article:read");
  const term = q.trim().slice(0, 200);
  const where: Prisma.AuthorWhereInput = term
    ? {
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          { jobTitle: { contains: term, mode: "insensitive" } },
          { slug: { contains: term.toLowerCase() } },
        ],
      }
    : {};
  const total = await db().author.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUTHOR_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db().author.findMany({
    where,
    select: {
      id: true,
      slug: true,
      name: true,
      jobTitle: true,
      pseudonymous: true,
      _count: { select: { articles: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (current - 1) * AUTHOR_PAGE_SIZE,
    take: AUTHOR_PAGE_SIZE,
  });
  return {
    items: rows.map(({ _count, ...r }) => ({ ...r, articleCount: _count.articles })),
    total,
    page: current,
    pageCount,
  };
}

/** One author with every editable field, for the edit form. */
export async function getAuthorForEdit(actor: Actor | null, id: number) {
  assertCan(actor, "article:read");
  const row = await db().author.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      name: true,
      jobTitle: true,
      bio: true,
      links: true,
      pseudonymous: true,
      photoId: true,
    },
  });
  if (!row) throw notFound("The author");
  const { jobTitle, links, ...rest } = row;
  return { ...rest, title: jobTitle, links: links as { label: string; url: string }[], url: result(row).url };
}
