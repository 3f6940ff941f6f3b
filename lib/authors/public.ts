import { cache } from "react";
import { db } from "../db";
import { authorShown } from "../routing/scopes";
import { cardJson, isPublic } from "../articles/public";
import {
  authorPath,
  imageView,
  safeLinks,
  toCard,
  type ArticleCard,
  type CardRow,
  type ImageView,
  type Paged,
} from "../articles/view-models";
import { cardTags, tags } from "../publishing/cache-tags";
import { PAGE_SIZE } from "../routing/scopes";
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

/** Null when the author does not exist or the page is past the last one. */
export async function loadAuthorPage(slug: string, page: number, timeZone: string): Promise<AuthorPage | null> {
  dependsOn(tags.author(slug), tags.authorList(slug));
  const author = await db().author.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      jobTitle: true,
      bio: true,
      links: true,
      photo: { select: { storageKey: true, width: true, height: true, alt: true } },
    },
  });
  if (!author) return null;
  // Exists for readers only with a public article or a bio (lib/routing/scopes.ts authorShown).
  const [shown] = await db().$queryRaw<
    { ok: boolean }[]
  >`SELECT ${authorShown} AS ok FROM "Author" au WHERE au.id = ${author.id}`;
  if (!shown?.ok) return null;
  const offset = (page - 1) * PAGE_SIZE;
  const rows = await db().$queryRaw<{ card: CardRow; total: bigint }[]>`
    SELECT ${cardJson} AS card, count(*) OVER () AS total
    FROM "Article" a JOIN "ArticleAuthor" mine ON mine."articleId" = a.id AND mine."authorId" = ${author.id}
    WHERE ${isPublic}
    ORDER BY a."publishedAt" DESC, a.id DESC LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  if (rows.length === 0 && page > 1) return null;
  const total = Number(rows[0]?.total ?? 0);
  dependsOn(...rows.flatMap((r) => cardTags(r.card)));
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
    articles: {
      items: rows.map((r) => toCard(r.card, timeZone)),
      page,
      total,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    },
  };
}

export const getAuthorPage = cache(async (slug: string, page: number): Promise<AuthorPage | null> => {
  const { timeZone } = await getPublication();
  return loadAuthorPage(slug, page, timeZone);
});
