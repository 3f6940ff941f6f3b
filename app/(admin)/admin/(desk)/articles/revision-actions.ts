"use server";

import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { VersionConflict } from "@/lib/articles/revision-log";
import {
  listRevisions,
  restoreRevision,
  revisionDiff,
  type RevisionDiff,
  type RevisionListItem,
} from "@/lib/articles/revisions";
import { getArticleForEdit } from "@/lib/articles/admin";
import { readPublication } from "@/lib/settings/publication";
import { toFormValues } from "@/components/admin/to-form-values";
import type { ArticleFormValues } from "@/components/admin/article-form";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const id = z.number().int().positive().max(2_147_483_647);

/** The editor's history panel: the latest revisions of an article. */
export async function listRevisionsAction(
  articleId: number,
): Promise<{ ok: true; revisions: RevisionListItem[] } | { ok: false; message: string }> {
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    return { ok: true, revisions: await listRevisions(actor, id.parse(articleId)) };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, message: "That is not an article." };
    return { ok: false, message: domainFailure(error).message };
  }
}

/** What one revision changed: word-level diffs of headline, standfirst and body text. */
export async function revisionDiffAction(
  articleId: number,
  revisionId: number,
): Promise<{ ok: true; diff: RevisionDiff } | { ok: false; message: string }> {
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    return { ok: true, diff: await revisionDiff(actor, id.parse(articleId), id.parse(revisionId)) };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, message: "That is not a revision." };
    return { ok: false, message: domainFailure(error).message };
  }
}

/**
 * Restores a revision as a new save, from the version the editor shows (a stale one is refused: someone saved in
 * between, and the editor must see their version before restoring over it). Answers the article as it now is, which
 * the editor shows in place (no reload: the person keeps their place and focus).
 */
export async function restoreRevisionAction(
  articleId: number,
  revisionId: number,
  version: number,
): Promise<{ ok: true; version: number; values: ArticleFormValues } | { ok: false; message: string }> {
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const result = await restoreRevision(actor, id.parse(articleId), id.parse(revisionId), id.parse(version));
    const [article, { timeZone }] = await Promise.all([getArticleForEdit(actor, articleId), readPublication()]);
    return { ok: true, version: result.version ?? version, values: toFormValues(article, timeZone) };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, message: "That is not a revision." };
    if (error instanceof VersionConflict)
      return { ok: false, message: `${error.message} Reload the page to see their version, then restore.` };
    return { ok: false, message: domainFailure(error).message };
  }
}
