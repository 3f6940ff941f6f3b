import { recordAudit } from "../audit/events";
import { db } from "../db";
import { DomainError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { deleteDerivedFiles, removeArticleMedia, type RemovalOption } from "../media/removal";
import { revalidateArticle } from "../publishing/revalidate";
import { takenDownReasonSchema } from "./input";
import { lockArticle, placementOf, TX_OPTIONS, writeResult, type ArticleWriteResult } from "./placement";
import { assertVersion, recordArticleEvent, snapshotOf } from "./revision-log";

/**
 * Removes an article for legal or ethical reasons, with the reason on record. Unlike unpublishing, this is meant
 * to be final: the URL answers 410 Gone (proxy.ts), the article leaves every list, sitemap and feed, and it cannot
 * be republished from the editor. Taking down an article again updates the reason. Drafts were never public and
 * cannot be taken down (delete or keep them instead).
 */
export async function takeDownArticle(
  actor: Actor | null,
  id: number,
  reason: unknown,
  options: RemovalOption = {},
): Promise<ArticleWriteResult> {
  assertCan(actor, "article:take_down");
  const parsedReason = takenDownReasonSchema.safeParse(reason);
  if (!parsedReason.success) {
    const message = parsedReason.error.issues[0]?.message ?? "Give the reason for the take-down.";
    throw new DomainError(422, message, { takenDownReason: message });
  }
  const written = await db().$transaction(async (tx) => {
    await lockArticle(tx, id);
    const before = await placementOf(tx, id);
    if (before.status === "DRAFT" || before.status === "IN_REVIEW" || before.status === "SCHEDULED") {
      throw new DomainError(409, "This article was never published, so there is nothing to take down.", {
        status: "Only published or unpublished articles can be taken down.",
      });
    }
    const lastSave = await assertVersion(tx, id, undefined);
    const snapshot = await snapshotOf(tx, id);
    const article = await tx.article.update({
      where: { id },
      data: { status: "TAKEN_DOWN", takenDownReason: parsedReason.data, updatedById: actor.id },
      select: { id: true, slug: true, status: true, publishedAt: true, headline: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "article_take_down",
      subject: { type: "article", id },
      detail: { headline: article.headline, reason: parsedReason.data, removeImages: !!options.removeImages },
    });
    await recordArticleEvent(tx, { articleId: id, authorId: actor.id, kind: "TAKE_DOWN", before: snapshot, lastSave });
    const after = await placementOf(tx, id);
    const removal = options.removeImages ? await removeArticleMedia(tx, id) : null;
    return { article, before, after, removal };
  }, TX_OPTIONS);
  const result = await writeResult(written.article);
  await revalidateArticle({ id, before: written.before, after: written.after, path: result.path });
  if (written.removal) await deleteDerivedFiles(written.removal.removed);
  return result;
}
