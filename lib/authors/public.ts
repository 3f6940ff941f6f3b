import { cache } from "react";
import { db } from "../db";
import { authorShown } from "../routing/scopes";
import { loadScopeList } from "../articles/listing";
import {
  authorPath,
  imageView,
  safeLinks,
  type ArticleCard,
  type ImageView,
  type Paged,
} from "../articles/view-models";
import { tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { getPublication } from "../settings/publication";

/** Reader-facing author profile: who they are and what they have published. */
export type AuthorPage = {
  slug: string;
  name: string;
  url: string;
  jobTitle: string;
  bio: string;
  photo: ImageView | null;
  links: { label: string; url: string }[];
  articles: Paged<ArticleCard>;
};

type AuthorRow = {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  bio: string;
  links: unknown;
  photo: { storageKey: string; width: number; height: number; alt: string } | null;
};

/** Null when the author does not exist or the page is past the last one. */
export async function loadAuthorPage(slug: string, page: number, timeZone: string): Promise<AuthorPage | null> {
  dependsOn(tags.author(slug), tags.authorList(slug));
  // Exists for readers only with a public article or a bio (lib/routing/scopes.ts authorShown). One query with the
  // photo (Prisma's include would be a second round trip).
  const [author] = await db().$queryRaw<AuthorRow[]>`
    SELECT au.id, au.slug, au.name, au."jobTitle", au.bio, au.links,
           CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
             'storageKey', m."storageKey", 'width', m.width, 'height', m.height, 'alt', m.alt) END AS photo
    FROM "Author" au LEFT JOIN "Media" m ON m.id = au."photoId"
    WHERE au.slug = ${slug} AND ${authorShown}`;
  if (!author) return null;
  const articles = await loadScopeList("author", author.id, page, timeZone);
  if (!articles) return null;
  const photo = author.photo
    ? imageView(
        author.photo.storageKey,
        author.photo.width,
        author.photo.height,
        author.photo.alt || `Portrait of ${author.name}`,
      )
    : null;
  return {
    slug: author.slug,
    name: author.name,
    url: authorPath(author.slug),
    jobTitle: author.jobTitle,
    bio: author.bio,
    photo,
    links: safeLinks(author.links),
    articles,
  };
}

export const getAuthorPage = cache(async (slug: string, page: number): Promise<AuthorPage | null> => {
  const { timeZone } = await getPublication();
  return loadAuthorPage(slug, page, timeZone);
});
