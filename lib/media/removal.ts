import { rm } from "node:fs/promises";
import path from "node:path";
import { db, type Tx } from "../db";
import { env } from "../env";

/**
 * Removing an article's images with the article (unpublish or take-down with `removeImages`, issue 8 finding 14).
 * An image is cached for a year wherever it went (`immutable`), so unpublishing the article alone left its hero
 * public. Removed media answer 410 Gone at every URL: the original, every /media/<key>/w*.* variant and the
 * /img/<id>/ crops; the derived files are deleted from disk. The original file is kept as the newsroom's record
 * and is never served again. What a CDN must do in addition is in docs/caching.md.
 *
 * An image another article still uses (as its hero or in its body, whatever that article's status, unless it was
 * taken down) or an author's photo is kept: removing it would break that page.
 */

/** `removeImages`: with an unpublish or take-down, in the same transaction, the article's images leave too. */
export type RemovalOption = { removeImages?: boolean };

export type MediaRemoval = { removed: { id: number; storageKey: string }[]; kept: number[] };

/** Marks the article's media removed, in the caller's transaction. Files go afterwards (deleteDerivedFiles). */
export async function removeArticleMedia(tx: Tx, articleId: number): Promise<MediaRemoval> {
  const used = await tx.$queryRaw<{ id: number }[]>`
    SELECT m.id FROM "Media" m, "Article" a
    WHERE a.id = ${articleId} AND m."removedAt" IS NULL
      AND (a."heroMediaId" = m.id OR jsonb_path_exists(a.body, 'strict $.** ? (@.mediaId == $m)', jsonb_build_object('m', m.id)))`;
  if (used.length === 0) return { removed: [], kept: [] };
  const ids = used.map((r) => r.id);
  const shared = await tx.$queryRaw<{ id: number }[]>`
    SELECT m.id FROM "Media" m
    WHERE m.id = ANY(${ids}::int[]) AND (
      EXISTS (SELECT 1 FROM "Author" au WHERE au."photoId" = m.id)
      OR EXISTS (
        SELECT 1 FROM "Article" o
        WHERE o.id <> ${articleId} AND o.status <> 'TAKEN_DOWN'
          AND (o."heroMediaId" = m.id OR jsonb_path_exists(o.body, 'strict $.** ? (@.mediaId == $m)', jsonb_build_object('m', m.id)))))`;
  const kept = shared.map((r) => r.id);
  const removable = ids.filter((id) => !kept.includes(id));
  if (removable.length === 0) return { removed: [], kept };
  const removed = await tx.$queryRaw<{ id: number; storageKey: string }[]>`
    UPDATE "Media" SET "removedAt" = now() WHERE id = ANY(${removable}::int[]) RETURNING id, "storageKey"`;
  return { removed, kept };
}

/** Deletes what was made from removed originals: responsive variants and crops (they would be served by nobody). */
export async function deleteDerivedFiles(removed: MediaRemoval["removed"]): Promise<void> {
  const root = path.resolve(env().MEDIA_DIR);
  for (const { id, storageKey } of removed) {
    await rm(path.join(root, "variants", ...storageKey.split("/")), { recursive: true, force: true });
    await rm(path.join(root, "crops", String(id)), { recursive: true, force: true });
  }
}

/** Whether media `id` was removed (its URLs answer 410, not 404). */
export async function mediaRemoved(id: number): Promise<boolean> {
  const row = await db().media.findUnique({ where: { id }, select: { removedAt: true } });
  return !!row?.removedAt;
}

export function goneResponse(): Response {
  return new Response("This image has been removed.", {
    status: 410,
    // A short shared lifetime: a CDN may keep the 410 briefly, but a mistaken removal must be undoable.
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
