import { z } from "zod";
import type { ArticleNoteKind } from "../../generated/prisma/client";
import { db } from "../db";
import { DomainError, validationError } from "../errors";
import { assertCan, assertCanOnArticle, type Actor } from "../auth/permissions";
import { tags } from "../publishing/cache-tags";
import { dependsOn } from "../publishing/dependencies";
import { revalidateArticleNote } from "../publishing/revalidate";
import { getPublication } from "../settings/publication";
import { assertStorableText } from "../text/hygiene";
import { lockArticle, TX_OPTIONS } from "./placement";
import { assertVersion, recordArticleEvent, snapshotOf } from "./revision-log";
import { isPublic } from "./public";
import { articlePath } from "./urls";
import type { Paged } from "./view-models";

/**
 * Corrections and updates: dated notes an editor appends to a published article. Readers see corrections at the
 * top of the article and updates at its foot; both move the article's `dateModified` ("Updated"), and corrections
 * are listed on the public /corrections page. Notes are append-only: a correction that was wrong is corrected by
 * another one, so the record readers rely on never changes behind their back.
 */

export const NOTE_KINDS = ["correction", "update"] as const;
export type NoteKindName = (typeof NOTE_KINDS)[number];
export const MAX_NOTE_LENGTH = 1000;

const noteInputSchema = z.strictObject(
  {
    kind: z.enum(NOTE_KINDS, { error: 'The kind is "correction" or "update".' }),
    text: z
      .string({ error: "Write the text of the note." })
      .trim()
      .min(1, "Write the text of the note.")
      .max(MAX_NOTE_LENGTH, `A note is at most ${MAX_NOTE_LENGTH} characters.`),
  },
  {
    error: (issue: { code?: string; keys?: string[] }) =>
      issue.code === "unrecognized_keys" ? `Unknown fields in the note: ${issue.keys!.join(", ")}.` : undefined,
  },
);

/** A note as the API and the newsroom show it. */
export type ArticleNoteView = {
  id: number;
  kind: NoteKindName;
  text: string;
  createdAt: string;
  createdBy: string | null;
};

const toKindName = (k: ArticleNoteKind) => k.toLowerCase() as NoteKindName;

/**
 * Adds a correction or an update to a published article (editors and admins: `article:correct`). In one
 * transaction with the note, the article's `contentUpdatedAt` moves to the note's time, so "Updated", JSON-LD
 * `dateModified`, feeds and sitemaps follow. 422 for bad input, 404 for no such article, 409 when it is not
 * published (a draft is corrected by editing it).
 */
export async function addArticleNote(actor: Actor | null, articleId: number, input: unknown): Promise<ArticleNoteView> {
  assertCan(actor, "article:correct");
  assertStorableText(input);
  const parsed = noteInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const kind = parsed.data.kind === "correction" ? "CORRECTION" : "UPDATE";

  const note = await db().$transaction(async (tx) => {
    await lockArticle(tx, articleId);
    const article = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true } });
    if (article.status !== "PUBLISHED") {
      const message = "Corrections and updates are for published articles; edit a draft or scheduled article instead.";
      throw new DomainError(409, message, { kind: message });
    }
    const lastSave = await assertVersion(tx, articleId, undefined);
    const before = await snapshotOf(tx, articleId);
    const createdAt = new Date();
    const row = await tx.articleNote.create({
      data: { articleId, kind, text: parsed.data.text, createdAt, createdById: actor.id },
      select: { id: true, kind: true, text: true, createdAt: true },
    });
    await tx.article.update({
      where: { id: articleId },
      data: { contentUpdatedAt: createdAt, updatedById: actor.id },
    });
    // The history shows the note among the saves ("correction" or "update" as what changed).
    await recordArticleEvent(tx, {
      articleId,
      authorId: actor.id,
      kind: "NOTE",
      before,
      lastSave,
      fields: [parsed.data.kind],
    });
    return row;
  }, TX_OPTIONS);

  await revalidateArticleNote(articleId, note.kind === "CORRECTION");
  return {
    id: note.id,
    kind: toKindName(note.kind),
    text: note.text,
    createdAt: note.createdAt.toISOString(),
    createdBy: actor.name,
  };
}

/** Every note of an article, oldest first (the newsroom's list and the API's GET). 404 for no such article. */
export async function listArticleNotes(actor: Actor | null, articleId: number): Promise<ArticleNoteView[]> {
  assertCan(actor, "article:read");
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: {
      createdById: true,
      status: true,
      notes: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, text: true, createdAt: true, createdBy: { select: { name: true } } },
      },
    },
  });
  if (!article) throw new DomainError(404, "The article was not found.");
  assertCanOnArticle(actor, "article:read", article);
  return article.notes.map((n) => ({
    id: n.id,
    kind: toKindName(n.kind),
    text: n.text,
    createdAt: n.createdAt.toISOString(),
    createdBy: n.createdBy?.name ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The public corrections page

export type CorrectionItem = {
  id: number;
  text: string;
  createdAt: string;
  article: { id: number; headline: string; url: string };
};

export const CORRECTIONS_PAGE_SIZE = 20;

/** One page of corrections on published articles, newest first. */
export async function loadCorrectionsPage(page: number, timeZone: string): Promise<Paged<CorrectionItem>> {
  const offset = (page - 1) * CORRECTIONS_PAGE_SIZE;
  const [rows, counted] = await Promise.all([
    db().$queryRaw<
      {
        id: number;
        text: string;
        createdAt: Date;
        articleId: number;
        slug: string;
        headline: string;
        publishedAt: Date;
      }[]
    >`
      SELECT n.id, n.text, n."createdAt", a.id AS "articleId", a.slug, a.headline, a."publishedAt"
      FROM "ArticleNote" n JOIN "Article" a ON a.id = n."articleId"
      WHERE n.kind = 'CORRECTION' AND ${isPublic}
      ORDER BY n."createdAt" DESC, n.id DESC
      LIMIT ${CORRECTIONS_PAGE_SIZE} OFFSET ${offset}`,
    db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "ArticleNote" n JOIN "Article" a ON a.id = n."articleId"
      WHERE n.kind = 'CORRECTION' AND ${isPublic}`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  // The list changes with every correction (tags.corrections); each entry prints its article's headline and URL.
  dependsOn(tags.corrections, ...rows.map((r) => tags.article(r.articleId)));
  return {
    items: rows.map((r) => ({
      id: r.id,
      text: r.text,
      createdAt: new Date(r.createdAt).toISOString(),
      article: {
        id: r.articleId,
        headline: r.headline,
        url: articlePath({ id: r.articleId, slug: r.slug, publishedAt: new Date(r.publishedAt) }, timeZone),
      },
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / CORRECTIONS_PAGE_SIZE)),
    total,
  };
}

/** The getter /corrections uses. */
export async function getCorrectionsPage(page: number): Promise<Paged<CorrectionItem>> {
  const { timeZone } = await getPublication();
  return loadCorrectionsPage(page, timeZone);
}
