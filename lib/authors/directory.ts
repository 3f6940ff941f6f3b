import { cache } from "react";
import { db } from "../db";
import { isPublic } from "../articles/public";
import { authorPath, imageView, sectionPath, type ImageView } from "../articles/view-models";
import { tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";

/**
 * The index of writers (/authors), grouped by desk. A writer's desk is decided from what they write, not from a
 * field someone must keep up to date: the section of most of their latest DESK_SAMPLE published articles (ties go to
 * the section they wrote for most recently). Writers with a bio but nothing published yet are listed under
 * "Contributors" at the end.
 */

const DESK_SAMPLE = 50;

export type AuthorsIndexEntry = { slug: string; name: string; url: string; jobTitle: string; photo: ImageView | null };
export type AuthorsDesk = { name: string; url: string | null; authors: AuthorsIndexEntry[] };

type Row = {
  slug: string;
  name: string;
  jobTitle: string;
  photo: { key: string; width: number; height: number; alt: string } | null;
  desk: { slug: string; name: string } | null;
};

export async function loadAuthorsIndex(): Promise<AuthorsDesk[]> {
  // Which writers exist, and each one's name and photo. Desks shift slowly, so a new article does not purge this
  // page: it follows the page cache's time bound (docs/caching.md), like the automatic related list.
  dependsOn(tags.directory, tags.sections);
  // One query. Per author, at most DESK_SAMPLE of their newest articles are read (the ArticleAuthor index), so
  // the index costs the same on a large archive as on a small one.
  const rows = await db().$queryRaw<Row[]>`
    SELECT au.slug, au.name, au."jobTitle",
           CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
             'key', m."storageKey", 'width', m.width, 'height', m.height, 'alt', m.alt) END AS photo,
           (SELECT json_build_object('slug', s.slug, 'name', s.name, 'position', s.position)
            FROM (SELECT a."sectionId", a."publishedAt"
                  FROM "ArticleAuthor" x JOIN "Article" a ON a.id = x."articleId"
                  WHERE x."authorId" = au.id AND ${isPublic}
                  ORDER BY a."publishedAt" DESC LIMIT ${DESK_SAMPLE}) recent
            JOIN "Section" s ON s.id = recent."sectionId"
            GROUP BY s.id ORDER BY count(*) DESC, max(recent."publishedAt") DESC LIMIT 1) AS desk
    FROM "Author" au LEFT JOIN "Media" m ON m.id = au."photoId"
    WHERE au.bio <> '' OR EXISTS (SELECT 1 FROM "ArticleAuthor" x JOIN "Article" a ON a.id = x."articleId"
                                  WHERE x."authorId" = au.id AND ${isPublic})
    ORDER BY au.name, au.id`;
  const desks = new Map<string, AuthorsDesk & { position: number }>();
  for (const row of rows) {
    dependsOn(tags.author(row.slug));
    const desk = row.desk as (Row["desk"] & { position: number }) | null;
    const key = desk?.slug ?? "";
    let group = desks.get(key);
    if (!group) {
      group = desk
        ? { name: desk.name, url: sectionPath(desk.slug), position: desk.position, authors: [] }
        : { name: "Contributors", url: null, position: Number.MAX_SAFE_INTEGER, authors: [] };
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
  return [...desks.values()]
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map(({ name, url, authors }) => ({ name, url, authors }));
}

/** The index for a page render (React `cache`: metadata and page share one load). */
export const getAuthorsIndex = cache(loadAuthorsIndex);
