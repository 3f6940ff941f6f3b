import type { ArticleStatus, Prisma } from "../../generated/prisma/client";
import { db, type Tx } from "../db";
import { env } from "../env";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { calloutTargets, figureMediaIds, mapFigures, parseDocument, type ArticleDocument } from "../documents/schema";
import { importHtml } from "../documents/html-import";
import { deleteDerivedFiles, removeArticleMedia } from "../media/removal";
import { mediaUrl } from "../media/urls";
import { revalidateArticle, type ArticlePlacement } from "../publishing/revalidate";
import { readPublication } from "../settings/publication";
import {
  articleInputSchema,
  articlePatchSchema,
  fromDbStatus,
  toDbType,
  type ArticleStatusName,
  type ParsedArticleInput,
  type ParsedArticlePatch,
  takenDownReasonSchema,
} from "./input";
import { slugify } from "../text/slugs";
import { articlePath } from "./urls";

/**
 * Creating, editing, publishing and unpublishing articles. Every function validates its input, authorizes the
 * actor, resolves slugs/names/ids to rows and writes all rows of the change (article, authors, tags, related
 * articles, callouts) in one transaction, so a request that fails at any point changes nothing. Caches are
 * expired only after the commit.
 */

export type ArticleWriteResult = { id: number; status: ArticleStatusName; path: string; url: string };

const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Resolving what the input names

/** Real articles nest a handful of levels (a list in a quote…) and hold a few thousand nodes at most. */
export const MAX_BODY_DEPTH = 24;
export const MAX_BODY_NODES = 50_000;

/** Depth and node count of a JSON document tree, measured iteratively so hostile nesting cannot overflow the stack. */
function measureTree(root: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    nodes++;
    depth = Math.max(depth, level);
    if (depth > MAX_BODY_DEPTH || nodes > MAX_BODY_NODES) break;
    const content = (node as { content?: unknown }).content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, level + 1]);
  }
  return { depth, nodes };
}

function assertReasonableShape(tree: unknown): void {
  const { depth, nodes } = measureTree(tree);
  if (depth > MAX_BODY_DEPTH) throw new DomainError(422, "The body is nested too deeply.", { body: `The body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).` });
  if (nodes > MAX_BODY_NODES) throw new DomainError(422, "The body is too long.", { body: `The body has more than ${MAX_BODY_NODES.toLocaleString("en")} elements.` });
}

function bodyToDocument(body: { html?: string; doc?: unknown }): ArticleDocument {
  let result;
  try {
    if (body.doc !== undefined) assertReasonableShape(body.doc);
    result = body.html !== undefined ? importHtml(body.html) : parseDocument(body.doc);
  } catch (error) {
    // Pathological nesting can still exhaust the stack in the HTML parser or validator; that is the input's fault.
    if (error instanceof RangeError) throw new DomainError(422, "The body is nested too deeply.", { body: "The body is nested too deeply." });
    throw error;
  }
  if (!result.ok) throw new DomainError(422, result.error, { body: result.error });
  assertReasonableShape(result.doc);
  return result.doc;
}

async function resolveSection(tx: Tx, slug: string) {
  const section = await tx.section.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!section) throw new DomainError(422, `There is no section "${slug}".`, { section: `There is no section "${slug}".` });
  return section;
}

/** Authors in the order given (the byline order). */
async function resolveAuthors(tx: Tx, slugs: readonly string[]) {
  const rows = await tx.author.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length) {
    const message = `Unknown author${missing.length > 1 ? "s" : ""}: ${missing.map((s) => `"${s}"`).join(", ")}.`;
    throw new DomainError(422, message, { authors: message });
  }
  return slugs.map((s) => bySlug.get(s)!);
}

/**
 * Tags by name. An existing tag matches by name (any case) or by the slug the name would get; missing tags are
 * created inside the same transaction, so a failed request leaves no orphan tags behind.
 */
async function resolveTags(tx: Tx, names: readonly string[]) {
  const out: { id: number; slug: string }[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) {
      const message = `The tag "${name}" needs at least one letter or digit (a-z, 0-9).`;
      throw new DomainError(422, message, { tags: message });
    }
    const existing = await tx.tag.findFirst({
      where: { OR: [{ name: { equals: name, mode: "insensitive" } }, { slug }] },
      select: { id: true, slug: true },
    });
    const tag = existing ?? (await tx.tag.create({ data: { name, slug }, select: { id: true, slug: true } }));
    if (!out.some((t) => t.id === tag.id)) out.push(tag);
  }
  return out;
}

/** Loads every image the article uses; 422 naming the ids that do not exist. */
async function resolveMedia(tx: Tx, ids: readonly number[], field: string) {
  if (ids.length === 0) return new Map<number, { id: number; storageKey: string; width: number; height: number; alt: string; caption: string; credit: string }>();
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
async function refreshFigures(tx: Tx, doc: ArticleDocument): Promise<ArticleDocument> {
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
async function checkArticleRefs(tx: Tx, ids: readonly number[], selfId: number | null, field: "body" | "related") {
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

const slugTaken = (slug: string) =>
  new DomainError(409, `Another article already uses the slug "${slug}".`, { slug: `Another article already uses the slug "${slug}".` });

/** `base`, or `base-2`, `base-3`… — the first one no other article uses. */
async function uniqueSlug(tx: Tx, base: string): Promise<string> {
  const root = base.slice(0, 72).replace(/-+$/, "") || "article";
  const rows = await tx.article.findMany({ where: { slug: { startsWith: root } }, select: { slug: true } });
  const used = new Set(rows.map((r) => r.slug));
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

async function assertSlugFree(tx: Tx, slug: string, selfId: number | null) {
  const other = await tx.article.findUnique({ where: { slug }, select: { id: true } });
  if (other && other.id !== selfId) throw slugTaken(slug);
}

function isUniqueViolation(error: unknown, field: string): boolean {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e?.code !== "P2002") return false;
  const target = e.meta?.target ?? e.meta?.driverAdapterError?.cause?.constraint?.fields;
  return Array.isArray(target) ? target.includes(field) : String(target ?? "").includes(field);
}

// ---------------------------------------------------------------------------------------------------------------
// Results and cache placements

type Placed = { id: number; slug: string; status: ArticleStatus; publishedAt: Date | null };

async function result(article: Placed): Promise<ArticleWriteResult> {
  const { timeZone } = await readPublication();
  const path = articlePath(article, timeZone);
  return { id: article.id, status: fromDbStatus(article.status), path, url: new URL(path, env().SITE_URL).toString() };
}

async function placementOf(tx: Tx, id: number): Promise<ArticlePlacement & { status: ArticleStatus }> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      slug: true,
      publishedAt: true,
      section: { select: { slug: true } },
      authors: { select: { author: { select: { slug: true } } }, orderBy: { position: "asc" } },
      tags: { select: { tag: { select: { slug: true } } } },
    },
  });
  return {
    status: row.status,
    slug: row.slug,
    publishedAt: row.publishedAt,
    visible: row.status === "PUBLISHED",
    sectionSlug: row.section.slug,
    authorSlugs: row.authors.map((a) => a.author.slug),
    tagSlugs: row.tags.map((t) => t.tag.slug),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Create

/**
 * Creates an article from the API/editor shape (lib/articles/input.ts). 422 for invalid input or an unknown
 * section, author, image, related or callout article; 409 when an explicit slug is taken (a suggested slug is
 * made unique instead).
 */
export async function createArticle(actor: Actor | null, input: unknown): Promise<ArticleWriteResult> {
  assertCan(actor, "article:write");
  const parsed = articleInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data: ParsedArticleInput = parsed.data;
  if (data.status === "published") assertCan(actor, "article:publish");
  const document = bodyToDocument(data.body);

  const write = async () =>
    db().$transaction(async (tx) => {
      const section = await resolveSection(tx, data.section);
      // Tags are written (missing ones created) before the remaining checks run; any later failure rolls them back.
      const tags = await resolveTags(tx, data.tags ?? []);
      const authors = await resolveAuthors(tx, data.authors);
      const hero = data.heroImage ? (await resolveMedia(tx, [data.heroImage.mediaId], "heroImage.mediaId")).get(data.heroImage.mediaId)! : null;
      const body = await refreshFigures(tx, document);
      await checkArticleRefs(tx, calloutTargets(body), null, "body");
      await checkArticleRefs(tx, data.related ?? [], null, "related");
      let slug: string;
      if (data.slug) {
        await assertSlugFree(tx, data.slug, null);
        slug = data.slug;
      } else {
        slug = await uniqueSlug(tx, slugify(data.headline));
      }
      const status: ArticleStatus = data.status === "published" ? "PUBLISHED" : "DRAFT";
      const article = await tx.article.create({
        data: {
          slug,
          headline: data.headline,
          dek: data.dek ?? "",
          type: toDbType(data.type),
          status,
          sectionId: section.id,
          heroMediaId: hero?.id ?? null,
          heroAlt: hero ? (data.heroImage?.alt ?? hero.alt) : "",
          heroCaption: hero ? (data.heroImage?.caption ?? hero.caption) : "",
          heroCredit: hero ? (data.heroImage?.credit ?? hero.credit) : "",
          body,
          // A draft may carry the intended date; the first publish uses it.
          publishedAt: data.publishedAt ?? (status === "PUBLISHED" ? new Date() : null),
          createdById: actor.id,
          updatedById: actor.id,
          authors: { create: authors.map((a, position) => ({ authorId: a.id, position })) },
          tags: { create: tags.map((t) => ({ tagId: t.id })) },
          related: { create: (data.related ?? []).map((relatedId, position) => ({ relatedId, position })) },
          callouts: { create: calloutTargets(body).map((targetId) => ({ targetId })) },
        },
        select: { id: true, slug: true, status: true, publishedAt: true },
      });
      const placement: ArticlePlacement = {
        slug: article.slug,
        publishedAt: article.publishedAt,
        visible: status === "PUBLISHED",
        sectionSlug: section.slug,
        authorSlugs: authors.map((a) => a.slug),
        tagSlugs: tags.map((t) => t.slug),
      };
      return { article, placement };
    }, TX_OPTIONS);

  let written;
  try {
    written = await write();
  } catch (error) {
    if (!isUniqueViolation(error, "slug")) throw error;
    // Two requests raced for the same suggested slug; the loser picks the next free one. An explicit slug is a 409.
    if (data.slug) throw slugTaken(data.slug);
    written = await write();
  }
  await revalidateArticle({ id: written.article.id, before: null, after: written.placement });
  return result(written.article);
}

// ---------------------------------------------------------------------------------------------------------------
// Update, publish, unpublish

type StatusTarget = "published" | "unpublished";

/** Shallow-stable JSON: PostgreSQL's jsonb reorders keys, so compare documents with sorted keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `removeImages`: with the status change, in the same transaction, its images leave too (lib/media/removal.ts). */
type RemovalOption = { removeImages?: boolean };

async function applyChange(actor: Actor, id: number, patch: ParsedArticlePatch, options: RemovalOption = {}): Promise<ArticleWriteResult> {
  const document = patch.body ? bodyToDocument(patch.body) : null;

  const written = await db().$transaction(async (tx) => {
    // Lock the row so the "before" placement used for cache expiry is the one this change replaces.
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Article" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw notFound("The article");
    const current = await tx.article.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        slug: true,
        status: true,
        headline: true,
        dek: true,
        type: true,
        body: true,
        publishedAt: true,
        heroMediaId: true,
        heroAlt: true,
        heroCaption: true,
        heroCredit: true,
      },
    });
    const before = await placementOf(tx, id);

    // Status: "published" publishes; "unpublished"/"draft" takes a published article off the site. Take-downs go
    // through takeDownArticle.
    let status = current.status;
    if (patch.status && patch.status !== "taken_down") {
      const target: StatusTarget = patch.status === "published" ? "published" : "unpublished";
      if (target === "published" && current.status !== "PUBLISHED") {
        assertCan(actor, "article:publish");
        if (current.status === "TAKEN_DOWN") {
          throw new DomainError(409, "This article was taken down and cannot be republished here.", { status: "Taken-down articles cannot be republished here." });
        }
        status = "PUBLISHED";
      } else if (target === "unpublished" && current.status === "PUBLISHED") {
        assertCan(actor, "article:publish");
        status = "UNPUBLISHED";
      }
    } else if (current.status === "PUBLISHED") {
      // Editing a live article changes what readers see: the same permission as publishing it.
      assertCan(actor, "article:publish");
    }

    const data: Prisma.ArticleUncheckedUpdateInput = { updatedById: actor.id };
    let substantive = false;
    const set = <K extends keyof Prisma.ArticleUncheckedUpdateInput>(key: K, value: Prisma.ArticleUncheckedUpdateInput[K], previous: unknown, isContent: boolean) => {
      if (stableJson(value) === stableJson(previous)) return;
      data[key] = value;
      if (isContent) substantive = true;
    };

    if (patch.headline !== undefined) set("headline", patch.headline, current.headline, true);
    if (patch.dek !== undefined) set("dek", patch.dek, current.dek, true);
    if (patch.type !== undefined) set("type", toDbType(patch.type), current.type, true);
    if (patch.slug !== undefined && patch.slug !== current.slug) {
      await assertSlugFree(tx, patch.slug, id);
      data.slug = patch.slug;
    }
    if (patch.section !== undefined) data.sectionId = (await resolveSection(tx, patch.section)).id;
    if (patch.heroImage !== undefined) {
      if (patch.heroImage === null) {
        set("heroMediaId", null, current.heroMediaId, true);
        set("heroAlt", "", current.heroAlt, false);
        set("heroCaption", "", current.heroCaption, false);
        set("heroCredit", "", current.heroCredit, false);
      } else {
        const hero = (await resolveMedia(tx, [patch.heroImage.mediaId], "heroImage.mediaId")).get(patch.heroImage.mediaId)!;
        const sameImage = hero.id === current.heroMediaId;
        set("heroMediaId", hero.id, current.heroMediaId, true);
        set("heroAlt", patch.heroImage.alt ?? (sameImage ? current.heroAlt : hero.alt), current.heroAlt, true);
        set("heroCaption", patch.heroImage.caption ?? (sameImage ? current.heroCaption : hero.caption), current.heroCaption, true);
        set("heroCredit", patch.heroImage.credit ?? (sameImage ? current.heroCredit : hero.credit), current.heroCredit, true);
      }
    }
    let body: ArticleDocument | null = null;
    if (document) {
      body = await refreshFigures(tx, document);
      await checkArticleRefs(tx, calloutTargets(body), id, "body");
      set("body", body, current.body, true);
    }
    if (patch.related !== undefined) await checkArticleRefs(tx, patch.related, id, "related");
    if (patch.publishedAt !== undefined) data.publishedAt = patch.publishedAt;

    if (status !== current.status) {
      data.status = status;
      // The first publication fixes the date in the URL; republishing keeps it.
      if (status === "PUBLISHED" && !current.publishedAt && patch.publishedAt === undefined) data.publishedAt = new Date();
    }
    if (substantive && current.status === "PUBLISHED" && status === "PUBLISHED") data.contentUpdatedAt = new Date();

    if (patch.authors !== undefined) {
      const authors = await resolveAuthors(tx, patch.authors);
      await tx.articleAuthor.deleteMany({ where: { articleId: id } });
      await tx.articleAuthor.createMany({ data: authors.map((a, position) => ({ articleId: id, authorId: a.id, position })) });
    }
    if (patch.tags !== undefined) {
      const tags = await resolveTags(tx, patch.tags);
      await tx.articleTag.deleteMany({ where: { articleId: id } });
      if (tags.length) await tx.articleTag.createMany({ data: tags.map((t) => ({ articleId: id, tagId: t.id })) });
    }
    if (patch.related !== undefined) {
      await tx.articleRelated.deleteMany({ where: { articleId: id } });
      if (patch.related.length) {
        await tx.articleRelated.createMany({ data: patch.related.map((relatedId, position) => ({ articleId: id, relatedId, position })) });
      }
    }
    if (body) {
      await tx.articleCallout.deleteMany({ where: { articleId: id } });
      const targets = calloutTargets(body);
      if (targets.length) await tx.articleCallout.createMany({ data: targets.map((targetId) => ({ articleId: id, targetId })) });
    }

    const article = await tx.article.update({ where: { id }, data, select: { id: true, slug: true, status: true, publishedAt: true } });
    const after = await placementOf(tx, id);
    const removal = options.removeImages ? await removeArticleMedia(tx, id) : null;
    return { article, before, after, removal };
  }, TX_OPTIONS).catch((error: unknown) => {
    if (patch.slug && isUniqueViolation(error, "slug")) throw slugTaken(patch.slug);
    throw error;
  });

  await revalidateArticle({ id, before: written.before, after: written.after });
  if (written.removal) await deleteDerivedFiles(written.removal.removed);
  return result(written.article);
}

/**
 * Applies a partial change (any field of the create shape, plus `status`). Changing a published article or its
 * status needs the publish permission. Editing a published article's headline, dek, type, hero image or body
 * stamps `contentUpdatedAt` (readers see "Updated").
 */
export async function updateArticle(actor: Actor | null, id: number, patch: unknown): Promise<ArticleWriteResult> {
  assertCan(actor, "article:write");
  const parsed = articlePatchSchema.safeParse(patch);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { takenDownReason, removeImages, ...change } = parsed.data;
  if (removeImages && change.status !== "unpublished" && change.status !== "taken_down") {
    const message = "removeImages goes with status \"unpublished\" or \"taken_down\".";
    throw new DomainError(422, message, { removeImages: message });
  }
  if (change.status === "taken_down") {
    const others = Object.keys(change).filter((k) => k !== "status");
    if (others.length) {
      const message = "A take-down changes nothing else: send only status, takenDownReason and removeImages.";
      throw new DomainError(422, message, { status: message });
    }
    return takeDownArticle(actor, id, takenDownReason, { removeImages });
  }
  if (takenDownReason !== undefined) {
    const message = "takenDownReason goes with status \"taken_down\" only.";
    throw new DomainError(422, message, { takenDownReason: message });
  }
  return applyChange(actor, id, change, { removeImages });
}

/** Puts the article on the site. The first publication sets `publishedAt` (the date in its URL) unless already set. */
export async function publishArticle(actor: Actor | null, id: number): Promise<ArticleWriteResult> {
  assertCan(actor, "article:publish");
  return applyChange(actor, id, { status: "published" });
}

/** Takes a published article off the site (status UNPUBLISHED); its URL answers 404/410 per the reader's rules. */
export async function unpublishArticle(actor: Actor | null, id: number): Promise<ArticleWriteResult> {
  assertCan(actor, "article:publish");
  return applyChange(actor, id, { status: "unpublished" });
}

/**
 * Removes an article for legal or ethical reasons, with the reason on record. Unlike unpublishing, this is meant
 * to be final: the URL answers 410 Gone (proxy.ts), the article leaves every list, sitemap and feed, and it cannot
 * be republished from the editor. Taking down an article again updates the reason. Drafts were never public and
 * cannot be taken down (delete or keep them instead).
 */
export async function takeDownArticle(actor: Actor | null, id: number, reason: unknown, options: RemovalOption = {}): Promise<ArticleWriteResult> {
  assertCan(actor, "article:publish");
  const parsedReason = takenDownReasonSchema.safeParse(reason);
  if (!parsedReason.success) {
    const message = parsedReason.error.issues[0]?.message ?? "Give the reason for the take-down.";
    throw new DomainError(422, message, { takenDownReason: message });
  }
  const written = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Article" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw notFound("The article");
    const before = await placementOf(tx, id);
    if (before.status === "DRAFT") {
      throw new DomainError(409, "This article was never published, so there is nothing to take down.", { status: "Only published or unpublished articles can be taken down." });
    }
    const article = await tx.article.update({
      where: { id },
      data: { status: "TAKEN_DOWN", takenDownReason: parsedReason.data, updatedById: actor.id },
      select: { id: true, slug: true, status: true, publishedAt: true },
    });
    const after = await placementOf(tx, id);
    const removal = options.removeImages ? await removeArticleMedia(tx, id) : null;
    return { article, before, after, removal };
  }, TX_OPTIONS);
  await revalidateArticle({ id, before: written.before, after: written.after });
  if (written.removal) await deleteDerivedFiles(written.removal.removed);
  return result(written.article);
}
