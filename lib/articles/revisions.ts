import { diffWords } from "diff";
import type { RevisionKind } from "../../generated/prisma/client";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { assertCan, assertCanOnArticle, type Action, type Actor } from "../auth/permissions";
import { plainText } from "../documents/schema";
import { bodyToDocument } from "./body";
import { articlePatchSchema } from "./input";
import { createArticle, updateArticle } from "./mutations";
import { lockArticle, TX_OPTIONS, type ArticleWriteResult } from "./placement";
import { assertVersion, recordRevision, snapshotOf, type RevisionSnapshot } from "./revision-log";

/**
 * The newsroom's side of revisions: the history list, a word-level diff of what a revision changed, restoring one,
 * and autosave. Writing revisions happens inside every save (revision-log.ts).
 */

/** The history panel lists this many of the latest revisions; older ones stay in the table. */
const HISTORY_LIMIT = 100;

/** Saves from the editor and the API, and (the last three) what happened to the article outside them. */
export type RevisionKindName = "save" | "autosave" | "publish" | "restore" | "take_down" | "scheduled_publish" | "note";

export type RevisionListItem = {
  id: number;
  kind: RevisionKindName;
  version: number;
  /** False: an autosave of a published article's unsaved changes, kept only here. */
  applied: boolean;
  by: string | null;
  /** ISO time of the save (of the latest autosave folded into it). */
  at: string;
  fields: string[];
  restoredFromId: number | null;
};

const kindName = (kind: RevisionKind) => kind.toLowerCase() as RevisionKindName;

/**
 * The article's own check: a revision holds the article's words, so reading one is reading the article (a
 * contributor's reach is their own), and an unapplied autosave writes into someone's article as much as a save.
 */
async function assertOnArticle(actor: Actor, articleId: number, ...actions: Action[]) {
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: { createdById: true, status: true },
  });
  if (!article) throw notFound("The article");
  for (const action of actions) assertCanOnArticle(actor, action, article);
  return article;
}

export async function listRevisions(actor: Actor | null, articleId: number): Promise<RevisionListItem[]> {
  assertCan(actor, "article:read");
  await assertOnArticle(actor, articleId, "article:read");
  const rows = await db().articleRevision.findMany({
    where: { articleId },
    orderBy: { id: "desc" },
    take: HISTORY_LIMIT,
    select: {
      id: true,
      kind: true,
      version: true,
      applied: true,
      savedAt: true,
      changedFields: true,
      restoredFromId: true,
      author: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: kindName(r.kind),
    version: r.version,
    applied: r.applied,
    by: r.author?.name ?? null,
    at: r.savedAt.toISOString(),
    fields: r.changedFields,
    restoredFromId: r.restoredFromId,
  }));
}

/** A piece of a word-level diff: kept, added or removed text. */
export type DiffPart = { op: "same" | "add" | "del"; text: string };

export type RevisionDiff = {
  id: number;
  /** The revision compared against: the article's previous saved state (null for its first revision). */
  previousId: number | null;
  headline: DiffPart[];
  dek: DiffPart[];
  body: DiffPart[];
  /** Other fields this revision changed (section, tags, hero image…), named only. */
  otherFields: string[];
};

/**
 * Beyond this many edits a word diff stops being readable (and costs more than it is worth): the body is then shown
 * as all removed and all added.
 */
const MAX_EDIT_LENGTH = 5_000;

function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const changes = diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    return [
      ...(before ? [{ op: "del" as const, text: before }] : []),
      ...(after ? [{ op: "add" as const, text: after }] : []),
    ];
  }
  return changes.map((c) => ({ op: c.added ? "add" : c.removed ? "del" : "same", text: c.value }));
}

/** What a revision changed compared with the saved state before it (revision-only autosaves are skipped). */
export async function revisionDiff(actor: Actor | null, articleId: number, revisionId: number): Promise<RevisionDiff> {
  assertCan(actor, "article:read");
  await assertOnArticle(actor, articleId, "article:read");
  const revision = await db().articleRevision.findFirst({
    where: { id: revisionId, articleId },
    select: { id: true, snapshot: true, changedFields: true },
  });
  if (!revision) throw notFound("The revision");
  const previous = await db().articleRevision.findFirst({
    where: { articleId, applied: true, id: { lt: revisionId } },
    orderBy: { id: "desc" },
    select: { id: true, snapshot: true },
  });
  const now = revision.snapshot as unknown as RevisionSnapshot;
  const then = previous?.snapshot as unknown as RevisionSnapshot | undefined;
  return {
    id: revision.id,
    previousId: previous?.id ?? null,
    headline: wordDiff(then?.headline ?? "", now.headline),
    dek: wordDiff(then?.dek ?? "", now.dek),
    body: wordDiff(then ? plainText(then.body) : "", plainText(now.body)),
    otherFields: revision.changedFields.filter((f) => !["headline", "dek", "body"].includes(f)),
  };
}

/**
 * Brings back a revision's editorial fields (headline, standfirst, body, type, authors, tags, hero image, related
 * articles) as a new save of kind "restore". Status, slug, section and publication date stay as they are: restoring
 * words must not unpublish an article or move its URL. It is an ordinary update, so a published article's page is
 * revalidated as for any edit, and an image, author or related article deleted since gives a 422 naming it.
 */
export async function restoreRevision(
  actor: Actor | null,
  articleId: number,
  revisionId: number,
  expectedVersion?: number,
) {
  assertCan(actor, "article:write");
  const revision = await db().articleRevision.findFirst({
    where: { id: revisionId, articleId },
    select: { snapshot: true },
  });
  if (!revision) throw notFound("The revision");
  const s = revision.snapshot as unknown as RevisionSnapshot;
  return updateArticle(
    actor,
    articleId,
    {
      headline: s.headline,
      dek: s.dek,
      type: s.type,
      authors: s.authors,
      tags: s.tags,
      heroImage: s.heroImage,
      body: { doc: s.body },
      related: s.related,
    },
    { kind: "restore", restoredFromId: revisionId, expectedVersion },
  );
}

export type AutosaveResult = { version: number; applied: boolean; at: string };

/**
 * The first autosave of an article never saved: it becomes a draft owned by whoever is writing (a contributor too),
 * as WordPress makes one on its first autosave. Never anything but a draft, whatever the input says. The editor
 * sends it only once there is something worth keeping, and only one at a time (a manual save waits for it).
 */
export async function autosaveNewArticle(
  actor: Actor | null,
  input: Record<string, unknown>,
): Promise<AutosaveResult & { article: ArticleWriteResult }> {
  const article = await createArticle(actor, { ...input, status: "draft" }, { autosave: true });
  return { article, version: 1, applied: true, at: new Date().toISOString() };
}

/**
 * Autosave from the editor. A draft (or unpublished article) is saved like any edit, as an "autosave" revision.
 * A published or scheduled article is never changed by an autosave: the unsaved changes are kept as a revision
 * only (applied: false), which the history panel lists and can restore. Both respect the version: a stale
 * autosave is a 409 like a stale save. Status changes are not autosaved.
 */
export async function autosaveArticle(
  actor: Actor | null,
  articleId: number,
  patch: unknown,
  expectedVersion: number,
): Promise<AutosaveResult> {
  assertCan(actor, "article:write");
  const parsed = articlePatchSchema.safeParse(patch);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const {
    status: _status,
    minorEdit: _minor,
    removeImages: _remove,
    takenDownReason: _reason,
    ...change
  } = parsed.data;

  const current = await assertOnArticle(actor, articleId, "article:write");
  if (current.status !== "PUBLISHED" && current.status !== "SCHEDULED") {
    const result = await updateArticle(actor, articleId, change, { kind: "autosave", expectedVersion });
    return { version: result.version ?? expectedVersion, applied: true, at: new Date().toISOString() };
  }

  // As for a save of a live article (mutations.ts): changing what readers see, even as a pending revision, is publishing.
  assertCanOnArticle(actor, "article:publish", current);
  const body = change.body ? bodyToDocument(change.body) : undefined;
  return db().$transaction(async (tx) => {
    await lockArticle(tx, articleId);
    const lastSave = await assertVersion(tx, articleId, expectedVersion);
    const before = await snapshotOf(tx, articleId);
    const after: RevisionSnapshot = {
      ...before,
      ...(change.headline !== undefined ? { headline: change.headline } : {}),
      ...(change.dek !== undefined ? { dek: change.dek } : {}),
      ...(change.type !== undefined ? { type: change.type } : {}),
      ...(change.slug !== undefined ? { slug: change.slug } : {}),
      ...(change.section !== undefined ? { section: change.section } : {}),
      ...(change.authors !== undefined ? { authors: change.authors } : {}),
      ...(change.tags !== undefined ? { tags: [...change.tags].sort() } : {}),
      ...(change.heroImage !== undefined
        ? {
            heroImage: change.heroImage && {
              mediaId: change.heroImage.mediaId,
              alt: change.heroImage.alt ?? "",
              caption: change.heroImage.caption ?? "",
              credit: change.heroImage.credit ?? "",
            },
          }
        : {}),
      ...(body ? { body } : {}),
      ...(change.publishedAt !== undefined ? { publishedAt: change.publishedAt.toISOString() } : {}),
      ...(change.related !== undefined ? { related: change.related } : {}),
    };
    await recordRevision(tx, {
      articleId,
      authorId: actor.id,
      kind: "AUTOSAVE",
      version: lastSave.version,
      applied: false,
      before,
      after,
      lastSave,
    });
    return { version: lastSave.version, applied: false, at: new Date().toISOString() };
  }, TX_OPTIONS);
}
