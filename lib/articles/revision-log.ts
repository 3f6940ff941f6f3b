import { isDeepStrictEqual } from "node:util";
import type { Prisma, RevisionKind } from "../../generated/prisma/client";
import type { Tx } from "../db";
import { DomainError } from "../errors";
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

export async function snapshotOf(tx: Tx, id: number): Promise<RevisionSnapshot> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: {
      headline: true,
      dek: true,
      type: true,
      slug: true,
      status: true,
      body: true,
      publishedAt: true,
      heroMediaId: true,
      heroAlt: true,
      heroCaption: true,
      heroCredit: true,
      section: { select: { slug: true } },
      authors: { select: { author: { select: { slug: true } } }, orderBy: { position: "asc" } },
      tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: "asc" } } },
      related: { select: { relatedId: true }, orderBy: { position: "asc" } },
    },
  });
  return {
    headline: row.headline,
    dek: row.dek,
    type: fromDbType(row.type),
    slug: row.slug,
    section: row.section.slug,
    authors: row.authors.map((a) => a.author.slug),
    tags: row.tags.map((t) => t.tag.name),
    heroImage:
      row.heroMediaId === null
        ? null
        : { mediaId: row.heroMediaId, alt: row.heroAlt, caption: row.heroCaption, credit: row.heroCredit },
    body: row.body as unknown as ArticleDocument,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    related: row.related.map((r) => r.relatedId),
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
  authorId: number;
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
};

/**
 * Records one save. An article saved for the first time since revisions began (created before them) first gets
 * a baseline revision of how it stood, so its first diff shows what that save changed rather than the whole text.
 * Returns the id of the revision row written or updated.
 */
export async function recordRevision(tx: Tx, entry: RevisionEntry): Promise<number> {
  const changed = changedFields(entry.before, entry.after);
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
