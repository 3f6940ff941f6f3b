import { isDeepStrictEqual } from "node:util";
import type { ArticleStatus, Prisma } from "../../generated/prisma/client";
import { recordAudit, type AuditAction } from "../audit/events";
import { db } from "../db";
import { DomainError, validationError } from "../errors";
import { assertCan, assertCanOnArticle, type Actor } from "../auth/permissions";
import { calloutTargets, type ArticleDocument } from "../documents/schema";
import { deleteDerivedFiles, removeArticleMedia, type RemovalOption } from "../media/removal";
import { revalidateArticle, type ArticlePlacement } from "../publishing/revalidate";
import { slugify } from "../text/slugs";
import { bodyToDocument } from "./body";
import {
  articleInputSchema,
  articlePatchSchema,
  toDbType,
  type ParsedArticleInput,
  type ParsedArticlePatch,
} from "./input";
import { lockArticle, placementOf, TX_OPTIONS, writeResult, type ArticleWriteResult } from "./placement";
import { assertVersion, changedFields, recordRevision, snapshotOf } from "./revision-log";
import {
  checkArticleRefs,
  refreshFigures,
  resolveAuthors,
  resolveMedia,
  resolveSection,
  resolveTags,
} from "./references";
import { assertSlugFree, isArticleSlugClash, slugTaken, uniqueSlug, withSuggestedSlugRetry } from "./slug-claims";
import { takeDownArticle } from "./takedown";

/**
 * Creating and editing articles (publishing and unpublishing are edits of `status`; take-downs are in takedown.ts).
 * Every function validates its input, authorizes the actor, resolves slugs/names/ids to rows (references.ts) and
 * writes all rows of the change (article, authors, tags, related articles, callouts) in one transaction, so a
 * request that fails at any point changes nothing. Caches are expired only after the commit.
 */

/**
 * Creates an article from the API/editor shape (lib/articles/input.ts). 422 for invalid input or an unknown
 * section, author, image, related or callout article; 409 when an explicit slug is taken (a suggested slug is
 * made unique instead). `autosave`: the editor's first autosave made it (a draft; its first revision says so).
 */
export async function createArticle(
  actor: Actor | null,
  input: unknown,
  { autosave = false }: { autosave?: boolean } = {},
): Promise<ArticleWriteResult> {
  assertCan(actor, "article:write");
  const parsed = articleInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data: ParsedArticleInput = parsed.data;
  if (data.status !== "draft") assertCan(actor, "article:publish");
  const status: ArticleStatus =
    data.status === "draft" ? "DRAFT" : liveStatus(data.publishedAt ?? null, data.status === "scheduled");
  const document = bodyToDocument(data.body);

  const write = async () =>
    db().$transaction(async (tx) => {
      const section = await resolveSection(tx, data.section);
      // Tags are written (missing ones created) before the remaining checks run; any later failure rolls them back.
      const tags = await resolveTags(tx, data.tags ?? []);
      const authors = await resolveAuthors(tx, data.authors);
      const hero = data.heroImage
        ? (await resolveMedia(tx, [data.heroImage.mediaId], "heroImage.mediaId")).get(data.heroImage.mediaId)!
        : null;
      if (data.seo?.image) await resolveMedia(tx, [data.seo.image], "seo.image");
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
          seoTitle: data.seo?.title ?? "",
          seoDescription: data.seo?.description ?? "",
          seoImageId: data.seo?.image ?? null,
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
      if (status !== "DRAFT") {
        await recordAudit(tx, {
          actorId: actor.id,
          action: status === "PUBLISHED" ? "article_publish" : "article_schedule",
          subject: { type: "article", id: article.id },
          detail: { headline: data.headline, publishedAt: article.publishedAt?.toISOString() ?? null },
        });
      }
      await recordRevision(tx, {
        articleId: article.id,
        authorId: actor.id,
        kind: status !== "DRAFT" ? "PUBLISH" : autosave ? "AUTOSAVE" : "SAVE",
        version: 1,
        before: null,
        after: await snapshotOf(tx, article.id),
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

  // An explicit slug someone else claimed first is the editor's to resolve (409); a suggested one is retried.
  const written = data.slug
    ? await write().catch((error: unknown) => {
        throw isArticleSlugClash(error) ? slugTaken(data.slug!) : error;
      })
    : await withSuggestedSlugRetry(write);
  const result = await writeResult(written.article);
  await revalidateArticle({ id: written.article.id, before: null, after: written.placement, path: result.path });
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Update, publish, schedule, unpublish

/** Statuses of an article that is, or is set to go, on the site. */
const isLive = (status: ArticleStatus) => status === "PUBLISHED" || status === "SCHEDULED";

/**
 * An article meant to be on the site is PUBLISHED once its publication time has come and SCHEDULED before: a future
 * date never shows early (lib/articles/scheduler.ts publishes it on time). `explicit`: the writer asked for
 * "scheduled", which makes no sense without a future time.
 */
function liveStatus(publishedAt: Date | null, explicit: boolean): "PUBLISHED" | "SCHEDULED" {
  if (publishedAt && publishedAt.getTime() > Date.now()) return "SCHEDULED";
  if (explicit) {
    const message = "To schedule an article, give a publication time in the future.";
    throw new DomainError(422, message, { publishedAt: message });
  }
  return "PUBLISHED";
}

/** The audit action a status change is, if any: edits that keep the status are not staff actions of the log. */
function statusChangeAction(from: ArticleStatus, to: ArticleStatus): AuditAction | null {
  if (from === to) return null;
  if (to === "PUBLISHED") return "article_publish";
  if (to === "SCHEDULED") return "article_schedule";
  // A scheduled article sent back to draft was withdrawn before readers saw it: still an unpublish to the desk.
  if (to === "UNPUBLISHED" || (to === "DRAFT" && from === "SCHEDULED")) return "article_unpublish";
  return null;
}

/**
 * The review step: `status: "in_review"` submits a draft with a note;
 * `status: "draft"` on an article in review sends it back with the editor's note — or, asked by the article's owner
 * without a note, withdraws their own submission (the note is cleared: nobody is waiting on it any more). Null for
 * every other change, which keeps any note as it is. Publishing or scheduling an article in review is an ordinary
 * publish.
 */
function reviewTransition(
  actor: Actor,
  current: { status: ArticleStatus; createdById: number | null },
  patch: ParsedArticlePatch,
): { status: ArticleStatus; note: string | null; audit: AuditAction } | null {
  if (patch.status === "in_review") {
    assertCanOnArticle(actor, "article:submit", current);
    if (current.status !== "DRAFT" && current.status !== "UNPUBLISHED") {
      const message =
        current.status === "IN_REVIEW"
          ? "This article is already in review."
          : "Only a draft or an unpublished article can be submitted for review.";
      throw new DomainError(409, message, { status: message });
    }
    return { status: "IN_REVIEW", note: patch.reviewNote ?? "", audit: "article_submit" };
  }
  if (current.status === "IN_REVIEW" && (patch.status === "draft" || patch.status === "unpublished")) {
    // An owner with a note for the writer is an editor sending their own piece back; without one, a withdrawal.
    if (current.createdById === actor.id && !patch.reviewNote) {
      assertCanOnArticle(actor, "article:withdraw", current);
      return { status: "DRAFT", note: null, audit: "article_withdraw" };
    }
    assertCanOnArticle(actor, "article:review", current);
    return { status: "DRAFT", note: patch.reviewNote ?? "", audit: "article_return" };
  }
  if (patch.reviewNote !== undefined) {
    const message = 'reviewNote goes with status "in_review" (submitting) or "draft" (sending back from review).';
    throw new DomainError(422, message, { reviewNote: message });
  }
  return null;
}

/**
 * How a save came about, for the version check and the revision it writes. `expectedVersion`: the version the
 * person started from (the editor's form, the API's If-Match); without it the save is unconditional.
 */
export type SaveOptions = {
  expectedVersion?: number;
  kind?: "save" | "autosave" | "restore";
  restoredFromId?: number;
};

async function applyChange(
  actor: Actor,
  id: number,
  patch: ParsedArticlePatch,
  options: RemovalOption = {},
  save: SaveOptions = {},
): Promise<ArticleWriteResult & { version: number }> {
  const document = patch.body ? bodyToDocument(patch.body) : null;

  const written = await db()
    .$transaction(async (tx) => {
      await lockArticle(tx, id);
      // Checked under the row lock: a stale save changes nothing (409 naming who saved in between).
      const lastSave = await assertVersion(tx, id, save.expectedVersion);
      const beforeSnapshot = await snapshotOf(tx, id);
      const current = await tx.article.findUniqueOrThrow({
        where: { id },
        select: {
          id: true,
          slug: true,
          status: true,
          createdById: true,
          headline: true,
          dek: true,
          type: true,
          body: true,
          publishedAt: true,
          heroMediaId: true,
          heroAlt: true,
          heroCaption: true,
          heroCredit: true,
          seoTitle: true,
          seoDescription: true,
          seoImageId: true,
        },
      });
      const before = await placementOf(tx, id);

      // Ownership rules (a contributor's own drafts, an author's own articles) need the row: checked here, in the
      // transaction that holds its lock.
      assertCanOnArticle(actor, "article:write", current);
      const review = reviewTransition(actor, current, patch);

      // Status: "published"/"scheduled" put the article on the site (now or at its time); "unpublished"/"draft" take
      // it off (a scheduled one goes back to draft: it was never seen). Take-downs go through takeDownArticle.
      let status = current.status;
      const goLive = patch.status === "published" || patch.status === "scheduled";
      if (goLive && !isLive(current.status)) {
        assertCanOnArticle(actor, "article:publish", current);
        if (current.status === "TAKEN_DOWN") {
          throw new DomainError(409, "This article was taken down and cannot be republished here.", {
            status: "Taken-down articles cannot be republished here.",
          });
        }
        status = "PUBLISHED";
      } else if ((patch.status === "unpublished" || patch.status === "draft") && isLive(current.status)) {
        assertCanOnArticle(actor, "article:publish", current);
        status = current.status === "SCHEDULED" ? "DRAFT" : "UNPUBLISHED";
      } else if (isLive(current.status)) {
        // Editing a live or scheduled article changes what readers see (or will): the same permission as publishing it.
        assertCanOnArticle(actor, "article:publish", current);
      }

      const data: Prisma.ArticleUncheckedUpdateInput = { updatedById: actor.id };
      if (review) {
        status = review.status;
        Object.assign(
          data,
          review.note === null
            ? { reviewNote: "", reviewNoteById: null, reviewNoteAt: null }
            : { reviewNote: review.note, reviewNoteById: actor.id, reviewNoteAt: new Date() },
        );
      }
      let substantive = false;
      const set = <K extends keyof Prisma.ArticleUncheckedUpdateInput>(
        key: K,
        value: Prisma.ArticleUncheckedUpdateInput[K],
        previous: unknown,
        isContent: boolean,
      ) => {
        // Deep comparison ignores key order, which PostgreSQL's jsonb does not keep.
        if (isDeepStrictEqual(value, previous)) return;
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
      // Search and social overrides change no word readers see on the page: never an "Updated" stamp.
      if (patch.seo?.title !== undefined) set("seoTitle", patch.seo.title, current.seoTitle, false);
      if (patch.seo?.description !== undefined)
        set("seoDescription", patch.seo.description, current.seoDescription, false);
      if (patch.seo?.image !== undefined) {
        if (patch.seo.image !== null) await resolveMedia(tx, [patch.seo.image], "seo.image");
        set("seoImageId", patch.seo.image, current.seoImageId, false);
      }
      if (patch.section !== undefined) data.sectionId = (await resolveSection(tx, patch.section)).id;
      if (patch.heroImage !== undefined) {
        if (patch.heroImage === null) {
          set("heroMediaId", null, current.heroMediaId, true);
          set("heroAlt", "", current.heroAlt, false);
          set("heroCaption", "", current.heroCaption, false);
          set("heroCredit", "", current.heroCredit, false);
        } else {
          const hero = (await resolveMedia(tx, [patch.heroImage.mediaId], "heroImage.mediaId")).get(
            patch.heroImage.mediaId,
          )!;
          const sameImage = hero.id === current.heroMediaId;
          set("heroMediaId", hero.id, current.heroMediaId, true);
          set("heroAlt", patch.heroImage.alt ?? (sameImage ? current.heroAlt : hero.alt), current.heroAlt, true);
          set(
            "heroCaption",
            patch.heroImage.caption ?? (sameImage ? current.heroCaption : hero.caption),
            current.heroCaption,
            true,
          );
          set(
            "heroCredit",
            patch.heroImage.credit ?? (sameImage ? current.heroCredit : hero.credit),
            current.heroCredit,
            true,
          );
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

      if (isLive(status)) {
        // The first publication fixes the date in the URL; republishing keeps it. A date still to come schedules.
        const publishedAt = patch.publishedAt !== undefined ? patch.publishedAt : current.publishedAt;
        if (!publishedAt) data.publishedAt = new Date();
        status = liveStatus(publishedAt, patch.status === "scheduled");
      }
      if (status !== current.status) data.status = status;
      // A minor edit (a typo fix) changes the words without telling readers the story moved on.
      if (substantive && !patch.minorEdit && current.status === "PUBLISHED" && status === "PUBLISHED")
        data.contentUpdatedAt = new Date();

      if (patch.authors !== undefined) {
        const authors = await resolveAuthors(tx, patch.authors);
        await tx.articleAuthor.deleteMany({ where: { articleId: id } });
        await tx.articleAuthor.createMany({
          data: authors.map((a, position) => ({ articleId: id, authorId: a.id, position })),
        });
      }
      if (patch.tags !== undefined) {
        const tags = await resolveTags(tx, patch.tags);
        await tx.articleTag.deleteMany({ where: { articleId: id } });
        if (tags.length) await tx.articleTag.createMany({ data: tags.map((t) => ({ articleId: id, tagId: t.id })) });
      }
      if (patch.related !== undefined) {
        await tx.articleRelated.deleteMany({ where: { articleId: id } });
        if (patch.related.length) {
          await tx.articleRelated.createMany({
            data: patch.related.map((relatedId, position) => ({ articleId: id, relatedId, position })),
          });
        }
      }
      if (body) {
        await tx.articleCallout.deleteMany({ where: { articleId: id } });
        const targets = calloutTargets(body);
        if (targets.length)
          await tx.articleCallout.createMany({ data: targets.map((targetId) => ({ articleId: id, targetId })) });
      }

      const article = await tx.article.update({
        where: { id },
        data,
        select: { id: true, slug: true, status: true, publishedAt: true },
      });
      const audited = review?.audit ?? statusChangeAction(current.status, article.status);
      if (audited) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: audited,
          subject: { type: "article", id },
          detail: {
            headline: patch.headline ?? current.headline,
            publishedAt: article.publishedAt?.toISOString() ?? null,
            from: current.status.toLowerCase(),
            ...(review && review.note !== null ? { note: review.note } : {}),
          },
        });
      }
      // Every save that changes something moves the version on and leaves a revision; a save that changes
      // nothing (pressing Update twice) leaves neither, so it cannot turn someone else's open editor stale.
      const afterSnapshot = await snapshotOf(tx, id);
      let version = lastSave.version;
      if (changedFields(beforeSnapshot, afterSnapshot).length) {
        ({ version } = await tx.article.update({
          where: { id },
          data: { version: { increment: 1 } },
          select: { version: true },
        }));
        await recordRevision(tx, {
          articleId: id,
          authorId: actor.id,
          kind:
            save.kind === "autosave"
              ? "AUTOSAVE"
              : save.kind === "restore"
                ? "RESTORE"
                : isLive(article.status) && !isLive(current.status)
                  ? "PUBLISH"
                  : "SAVE",
          version,
          before: beforeSnapshot,
          after: afterSnapshot,
          lastSave,
          restoredFromId: save.restoredFromId,
        });
      }
      const after = await placementOf(tx, id);
      const removal = options.removeImages ? await removeArticleMedia(tx, id) : null;
      return { article, before, after, removal, version };
    }, TX_OPTIONS)
    .catch((error: unknown) => {
      if (patch.slug && isArticleSlugClash(error)) throw slugTaken(patch.slug);
      throw error;
    });

  const result = await writeResult(written.article);
  await revalidateArticle({ id, before: written.before, after: written.after, path: result.path });
  if (written.removal) await deleteDerivedFiles(written.removal.removed);
  return { ...result, version: written.version };
}

/**
 * Applies a partial change (any field of the create shape, plus `status`). Changing a published article or its
 * status needs the publish permission. Editing a published article's headline, dek, type, hero image or body
 * stamps `contentUpdatedAt` (readers see "Updated") unless `minorEdit` is true (a typo fix). With
 * `save.expectedVersion`, a save from an older version than the article's is a 409 (VersionConflict) that changes
 * nothing. Every save that changes something writes a revision (revision-log.ts) in the same transaction.
 */
export async function updateArticle(
  actor: Actor | null,
  id: number,
  patch: unknown,
  save: SaveOptions = {},
): Promise<ArticleWriteResult & { version?: number }> {
  assertCan(actor, "article:write");
  const parsed = articlePatchSchema.safeParse(patch);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { takenDownReason, removeImages, ...change } = parsed.data;
  if (removeImages && change.status !== "unpublished" && change.status !== "taken_down") {
    const message = 'removeImages goes with status "unpublished" or "taken_down".';
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
    const message = 'takenDownReason goes with status "taken_down" only.';
    throw new DomainError(422, message, { takenDownReason: message });
  }
  return applyChange(actor, id, change, { removeImages }, save);
}
