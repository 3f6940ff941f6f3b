import type { Tx } from "../db";
import { DomainError } from "../errors";
import { figureMediaIds, mapFigures, type ArticleDocument } from "../documents/schema";
import { mediaUrl } from "../media/urls";
import { slugify } from "../text/slugs";

/**
 * Turning what an article input names (section and author slugs, tag names, media and article ids) into rows,
 * inside the writer's transaction. Each resolver answers 422 naming exactly what does not exist.
 */

export async function resolveSection(tx: Tx, slug: string) {
  const section = await tx.section.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!section)
    throw new DomainError(422, `There is no section "${slug}".`, { section: `There is no section "${slug}".` });
  return section;
}

/** Authors in the order given (the byline order). */
export async function resolveAuthors(tx: Tx, slugs: readonly string[]) {
  const rows = await tx.author.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length) {
    const message = `Unknown author${missing.length > 1 ? "s" : ""}: ${missing.map((s) => `"${s}"`).join(", ")}.`;
    throw new DomainError(422, message, { authors: message });
  }
  return slugs.map((s) => bySlug.get(s)!);
}

const tagMatching = (tx: Tx, name: string, slug: string) =>
  tx.tag.findFirst({
    where: { OR: [{ name: { equals: name, mode: "insensitive" } }, { slug }] },
    select: { id: true, slug: true },
  });

/**
 * Tags by name, in the order given. An existing tag matches by name (any case) or by the slug the name would get;
 * missing tags are created inside the same transaction, so a failed request leaves no orphan tags behind.
 *
 * Several saves may create the same new tag at once. The insert skips rows that collide with a tag another
 * transaction holds (PostgreSQL's ON CONFLICT DO NOTHING waits for that transaction to end), and the tag is then read
 * back, so every save ends up linked to the one row instead of failing on the unique index. New tags are inserted
 * in slug order so that two saves naming the same new tags in different orders cannot deadlock.
 */
export async function resolveTags(tx: Tx, names: readonly string[]) {
  const wanted = names.map((name) => {
    const slug = slugify(name);
    if (!slug) {
      const message = `The tag "${name}" needs at least one letter or digit (a-z, 0-9).`;
      throw new DomainError(422, message, { tags: message });
    }
    return { name, slug };
  });
  const missing = new Map<string, { name: string; slug: string }>();
  for (const tag of wanted)
    if (!missing.has(tag.slug) && !(await tagMatching(tx, tag.name, tag.slug))) missing.set(tag.slug, tag);
  if (missing.size) {
    const data = [...missing.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    await tx.tag.createMany({ data, skipDuplicates: true });
  }
  const out: { id: number; slug: string }[] = [];
  for (const { name, slug } of wanted) {
    const tag = await tagMatching(tx, name, slug);
    if (!tag) {
      // Only possible when another request deleted the tag between the insert and this read.
      const message = `The tag "${name}" changed while saving; save again.`;
      throw new DomainError(409, message, { tags: message });
    }
    if (!out.some((t) => t.id === tag.id)) out.push(tag);
  }
  return out;
}

type MediaRow = {
  id: number;
  storageKey: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
};

/** Loads every image the article uses; 422 naming the ids that do not exist. */
export async function resolveMedia(tx: Tx, ids: readonly number[], field: string): Promise<Map<number, MediaRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.media.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, storageKey: true, width: true, height: true, alt: true, caption: true, credit: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    const message = `Unknown image${missing.length > 1 ? "s" : ""} (media id ${missing.join(", ")}).`;
    throw new DomainError(422, message, { [field]: message });
  }
  return byId;
}

/** Figures always carry the media library's current src and size; their own alt/caption/credit win when set. */
export async function refreshFigures(tx: Tx, doc: ArticleDocument): Promise<ArticleDocument> {
  const media = await resolveMedia(tx, figureMediaIds(doc), "body");
  return mapFigures(doc, (attrs) => {
    const m = media.get(attrs.mediaId)!;
    return {
      ...attrs,
      src: mediaUrl(m.storageKey),
      width: m.width,
      height: m.height,
      alt: attrs.alt || m.alt,
      caption: attrs.caption || m.caption,
      credit: attrs.credit || m.credit,
    };
  });
}

/** Callout targets and related articles must exist and must not be the article itself. */
export async function checkArticleRefs(
  tx: Tx,
  ids: readonly number[],
  selfId: number | null,
  field: "body" | "related",
) {
  const what = field === "body" ? "A related-article callout" : "Related articles";
  if (selfId !== null && ids.includes(selfId)) {
    const message = `${what} cannot point to the article itself.`;
    throw new DomainError(422, message, { [field]: message });
  }
  if (ids.length === 0) return;
  const rows = await tx.article.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    const message = `${what} point${field === "body" ? "s" : ""} to unknown article id${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`;
    throw new DomainError(422, message, { [field]: message });
  }
}
