import { isDeepStrictEqual } from "node:util";
import type { Prisma, RevisionKind } from "../../generated/prisma/client";
import type { Tx } from "../db";
import { DomainError, notFound } from "../errors";
import type { ArticleDocument } from "../documents/schema";
import { fromDbStatus, fromDbType, type ArticleStatusName, type ArticleTypeName } from "./input";

/**
 * The revision log and the version check, written inside the transaction of every article save (mutations.ts),
 * so a save that rolls back leaves no revision and a revision never describes a save that did not happen.
 * Reading, diffing and restoring revisions is in revisions.ts (it calls mutations.ts, which calls this).
 */

/** The editorial fields of an article in the API's input shape, so a restore is an ordinary update. */
export type RevisionSnapshot = {
  headline: string;
  dek: string;
  type: ArticleTypeName;
  slug: string;
  section: string;
  authors: string[];
  tags: string[];
  heroImage: { mediaId: number; alt: string; caption: string; credit: string } | null;
  body: ArticleDocument;
  publishedAt: string | null;
  related: number[];
  status: ArticleStatusName;
};

type SnapshotField = keyof RevisionSnapshot;
const SNAPSHOT_FIELDS: readonly SnapshotField[] = [
  "headline",
  "dek",
  "body",
  "type",
  "section",
  "slug",
  "authors",
  "tags",
  "heroImage",
  "related",
  "publishedAt",
  "status",
];

/**
 * Consecutive autosaves by the same person within this window replace each other (one row is updated in place),
 * so an afternoon of typing leaves one autosave revision per 10 minutes rather than one per pause. Any other save,
 * or another person's autosave, starts a new row, so nothing anyone chose to save is ever folded away.
 */
export const AUTOSAVE_COALESCE_MS = 10 * 60_000;

type SnapshotRow = {
  headline: string;
  dek: string;
  type: string;
  slug: string;
  status: string;
  body: unknown;
  publishedAt: Date | null;
  heroMediaId: number | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  section: string;
  authors: string[];
  tags: string[];
  related: number[];
};

/**
 * The article's editorial fields in one statement (a save reads them twice, before and after): Prisma's nested
 * selects would cost one query per relation. Orders match lib/articles/admin.ts (authors and related by position,
 * tags by name).
 */
export async function snapshotOf(tx: Tx, id: number): Promise<RevisionSnapshot> {
  const rows = await tx.$queryRaw<SnapshotRow[]>`
    SELECT a.headline, a.dek, a.type::text AS type, a.slug, a.status::text AS status, a.body, a."publishedAt",
           a."heroMediaId", a."heroAlt", a."heroCaption", a."heroCredit", s.slug AS section,
           ARRAY(SELECT au.slug FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId"
                 WHERE aa."articleId" = a.id ORDER BY aa.position) AS authors,
           ARRAY(SELECT t.name FROM "ArticleTag" at JOIN "Tag" t ON t.id = at."tagId"
                 WHERE at."articleId" = a.id ORDER BY t.name) AS tags,
           ARRAY(SELECT r."relatedId" FROM "ArticleRelated" r WHERE r."articleId" = a.id ORDER BY r.position) AS related
    FROM "Article" a JOIN "Section" s ON s.id = a."sectionId"
    WHERE a.id = ${id}`;
  const row = rows[0];
  if (!row) throw notFound("The article");
  return {
    headline: row.headline,
    dek: row.dek,
    type: fromDbType(row.type),
    slug: row.slug,
    section: row.section,
    authors: row.authors,
    tags: row.tags,
    heroImage:
      row.heroMediaId === null
        ? null
        : { mediaId: row.heroMediaId, alt: row.heroAlt, caption: row.heroCaption, credit: row.heroCredit },
    body: row.body as ArticleDocument,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    related: row.related,
    status: fromDbStatus(row.status),
  };
}

/** Names of the fields that differ (deep comparison: jsonb does not keep key order). */
export function changedFields(before: RevisionSnapshot | null, after: RevisionSnapshot): string[] {
  return SNAPSHOT_FIELDS.filter((field) => !before || !isDeepStrictEqual(before[field], after[field]));
}

/**
 * A save sent from a version that is no longer the article's: someone else saved in between. Carries who and when,
 * so the person can be told whose changes they would overwrite; callers add that person's field values.
 */
export class VersionConflict extends DomainError {
  constructor(
    readonly current: { version: number; savedBy: string | null; savedAt: Date },
    sentVersion: number,
  ) {
    super(
      409,
      `${current.savedBy ?? "Someone"} saved this article (version ${current.version}) after you opened version ${sentVersion}. Nothing was changed: compare both versions and choose.`,
    );
    this.name = "VersionConflict";
  }
}

/** Who last saved the article and when: a conflict names them, a baseline revision is dated by them. */
export type LastSave = { version: number; updatedAt: Date; updatedById: number | null };

/**
 * Throws VersionConflict when `expected` is given and is not the article's current version. Call it with the row
 * locked (lockArticle), so no save can slip in between the check and the write.
 */
export async function assertVersion(tx: Tx, id: number, expected: number | undefined): Promise<LastSave> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: { version: true, updatedAt: true, updatedById: true, updatedBy: { select: { name: true } } },
  });
  if (expected !== undefined && expected !== row.version) {
    throw new VersionConflict(
      { version: row.version, savedBy: row.updatedBy?.name ?? null, savedAt: row.updatedAt },
      expected,
    );
  }
  return { version: row.version, updatedAt: row.updatedAt, updatedById: row.updatedById };
}

export type RevisionEntry = {
  articleId: number;
  /** Null: the system (the scheduler). */
  authorId: number | null;
  kind: RevisionKind;
  /** The article's version after the save (for a revision-only autosave: the version it was typed on). */
  version: number;
  /** False for an autosave kept only as a revision (a published article's unsaved changes). */
  applied?: boolean;
  /** The state the save started from and who saved it last; null for a new article. */
  before: RevisionSnapshot | null;
  lastSave?: LastSave;
  after: RevisionSnapshot;
  restoredFromId?: number;
  /** What the history names as changed, when it is not a snapshot field (a correction note). */
  fields?: string[];
};

/**
 * Records one save. An article saved for the first time since revisions began (created before them) first gets
 * a baseline revision of how it stood, so its first diff shows what that save changed rather than the whole text.
 * Returns the id of the revision row written or updated.
 */
export async function recordRevision(tx: Tx, entry: RevisionEntry): Promise<number> {
  const changed = entry.fields ?? changedFields(entry.before, entry.after);
  const applied = entry.applied ?? true;
  const latest = await tx.articleRevision.findFirst({
    where: { articleId: entry.articleId },
    orderBy: { id: "desc" },
    select: { id: true, kind: true, authorId: true, applied: true, createdAt: true, changedFields: true },
  });
  const now = new Date();

  if (
    entry.kind === "AUTOSAVE" &&
    latest &&
    latest.kind === "AUTOSAVE" &&
    latest.authorId === entry.authorId &&
    latest.applied === applied &&
    now.getTime() - latest.createdAt.getTime() < AUTOSAVE_COALESCE_MS
  ) {
    await tx.articleRevision.update({
      where: { id: latest.id },
      data: {
        version: entry.version,
        snapshot: entry.after as unknown as Prisma.InputJsonValue,
        changedFields: [...new Set([...latest.changedFields, ...changed])],
        savedAt: now,
      },
    });
    return latest.id;
  }

  if (!latest && entry.before && entry.lastSave) {
    const { version, updatedAt, updatedById } = entry.lastSave;
    await tx.articleRevision.create({
      data: {
        articleId: entry.articleId,
        kind: "SAVE",
        version,
        authorId: updatedById,
        changedFields: [],
        snapshot: entry.before as unknown as Prisma.InputJsonValue,
        createdAt: updatedAt,
        savedAt: updatedAt,
      },
    });
  }

  const row = await tx.articleRevision.create({
    data: {
      articleId: entry.articleId,
      kind: entry.kind,
      version: entry.version,
      applied,
      authorId: entry.authorId,
      changedFields: changed,
      snapshot: entry.after as unknown as Prisma.InputJsonValue,
      restoredFromId: entry.restoredFromId ?? null,
      createdAt: now,
      savedAt: now,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Something that happened to an article outside the editor's save — a take-down, the scheduler's publication, a
 * correction or update note — recorded in the history, in the transaction of the change. `before` is the snapshot
 * taken (and `lastSave` the version read) before the change; the article's version does not move: it guards the
 * editor's fields, which none of these touch, so an editor with the article open is not turned stale by them.
 */
export async function recordArticleEvent(
  tx: Tx,
  event: {
    articleId: number;
    authorId: number | null;
    kind: "TAKE_DOWN" | "SCHEDULED_PUBLISH" | "NOTE";
    before: RevisionSnapshot;
    lastSave: LastSave;
    fields?: string[];
    /** The snapshot after the change, when the caller has it already. */
    after?: RevisionSnapshot;
  },
): Promise<number> {
  return recordRevision(tx, {
    ...event,
    version: event.lastSave.version,
    after: event.after ?? (await snapshotOf(tx, event.articleId)),
  });
}
