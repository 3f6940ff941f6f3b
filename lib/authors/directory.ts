import { cache } from "react";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { authorPath, imageView, sectionPath, type ImageView } from "../articles/view-models";
import { tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { authorShown } from "../routing/scopes";
import { AUTHORS_INDEX_PATH } from "../seo/breadcrumbs";

/**
 * The index of writers (/authors), grouped by desk. A writer's desk is decided from what they write, not from a
 * field someone must keep up to date: the section of most of their latest DESK_SAMPLE published articles (ties go to
 * the section they wrote for most recently). Writers with a bio but nothing published yet are listed under
 * "Contributors" at the end.
 *
 * With hundreds of writers a desk, the index stays short: each desk shows its first DESK_PREVIEW writers by name and
 * links to the whole desk (/authors?desk=<section slug>, or ?desk=contributors), which pages DESK_PAGE_SIZE at a time.
 */

const DESK_SAMPLE = 50;
/** Writers per desk on /authors. */
export const DESK_PREVIEW = 12;
/** Writers per page of one desk. */
export const DESK_PAGE_SIZE = 60;
/** The desk of writers who have published nothing yet (a bio only). */
export const CONTRIBUTORS = "contributors";

export type AuthorsIndexEntry = { slug: string; name: string; url: string; jobTitle: string; photo: ImageView | null };
export type AuthorsDesk = {
  name: string;
  /** The section front, or null for the contributors. */
  url: string | null;
  /** The whole desk on its own pages. */
  deskUrl: string;
  authors: AuthorsIndexEntry[];
  /** Writers on the desk, all pages together. */
  total: number;
};
export type AuthorsIndex = {
  desks: AuthorsDesk[];
  /** Set when one desk is shown, page by page. */
  desk: { key: string; page: number; pageCount: number } | null;
};

type Row = {
  slug: string;
  name: string;
  jobTitle: string;
  photo: { key: string; width: number; height: number; alt: string } | null;
  desk: { slug: string; name: string; position: number } | null;
  size: bigint;
};

export const deskPath = (key: string) => `${AUTHORS_INDEX_PATH}?desk=${encodeURIComponent(key)}`;

/**
 * The index (no `desk`), or one desk's page `page`. Null when the desk does not exist or the page is past its last.
 * One query either way: per writer, the sections of their DESK_SAMPLE newest public articles are read off the
 * links' (authorId, publicAt, articleId, sectionId) index alone (the triggers of migration h13_link_dates keep the
 * link's date and section equal to its article's), so the index costs about the same on a large archive as on a
 * small one: reading each article instead took seconds at a million articles.
 */
export async function loadAuthorsIndex(options: { desk?: string; page?: number } = {}): Promise<AuthorsIndex | null> {
  // Which writers exist, and each one's name and photo. Desks shift slowly, so a new article does not purge this
  // page: it follows the page cache's time bound (docs/caching.md), like the automatic related list.
  dependsOn(tags.directory, tags.sections);
  const page = options.page ?? 1;
  const deskKey = options.desk;
  const rows = await db().$queryRaw<Row[]>`
    -- MATERIALIZED: each desk computed once (inlined, it was computed twice: to group by and to print).
    WITH writers AS MATERIALIZED (
      SELECT au.id, au.slug, au.name, au."jobTitle", au."photoId",
             (SELECT json_build_object('slug', s.slug, 'name', s.name, 'position', s.position)
              FROM (SELECT x."sectionId", x."publicAt" AS at FROM "ArticleAuthor" x
                    WHERE x."authorId" = au.id AND x."publicAt" IS NOT NULL
                    ORDER BY x."publicAt" DESC LIMIT ${DESK_SAMPLE}) recent
              JOIN "Section" s ON s.id = recent."sectionId"
              GROUP BY s.id ORDER BY count(*) DESC, max(recent.at) DESC LIMIT 1) AS desk
      FROM "Author" au
      WHERE ${authorShown}
    ), placed AS (
      SELECT w.*, COALESCE(w.desk->>'slug', ${CONTRIBUTORS}) AS key,
             row_number() OVER (PARTITION BY w.desk->>'slug' ORDER BY w.name, w.id) AS n,
             count(*) OVER (PARTITION BY w.desk->>'slug') AS size
      FROM writers w
    )
    SELECT p.slug, p.name, p."jobTitle", p.desk, p.size,
           CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
             'key', m."storageKey", 'width', m.width, 'height', m.height, 'alt', m.alt) END AS photo
    FROM placed p LEFT JOIN "Media" m ON m.id = p."photoId"
    WHERE ${
      deskKey === undefined
        ? Prisma.sql`p.n <= ${DESK_PREVIEW}`
        : Prisma.sql`p.key = ${deskKey} AND p.n > ${(page - 1) * DESK_PAGE_SIZE} AND p.n <= ${page * DESK_PAGE_SIZE}`
    }
    ORDER BY p.name, p.id`;
  if (deskKey !== undefined && rows.length === 0) return null;
  const desks = new Map<string, AuthorsDesk & { position: number }>();
  for (const row of rows) {
    dependsOn(tags.author(row.slug));
    const key = row.desk?.slug ?? CONTRIBUTORS;
    let group = desks.get(key);
    if (!group) {
      const common = { deskUrl: deskPath(key), total: Number(row.size), authors: [] };
      group = row.desk
        ? { ...common, name: row.desk.name, url: sectionPath(row.desk.slug), position: row.desk.position }
        : { ...common, name: "Contributors", url: null, position: Number.MAX_SAFE_INTEGER };
      desks.set(key, group);
    }
    group.authors.push({
      slug: row.slug,
      name: row.name,
      url: authorPath(row.slug),
      jobTitle: row.jobTitle,
      photo: row.photo
        ? imageView(row.photo.key, row.photo.width, row.photo.height, row.photo.alt || `Portrait of ${row.name}`)
        : null,
    });
  }
  const list = [...desks.values()]
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map(({ position: _position, ...desk }) => desk);
  return {
    desks: list,
    desk:
      deskKey === undefined
        ? null
        : { key: deskKey, page, pageCount: Math.max(1, Math.ceil(list[0]!.total / DESK_PAGE_SIZE)) },
  };
}

/** The index for a page render (React `cache`: metadata and page share one load). */
export const getAuthorsIndex = cache((desk: string | undefined, page: number): Promise<AuthorsIndex | null> =>
  loadAuthorsIndex({ desk, page }),
);
