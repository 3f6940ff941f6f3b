"use server";

import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/sessions";
import { createPreviewLink, revokePreviewLinks } from "@/lib/articles/preview";
import { parseTagList } from "@/lib/tags/tag-list";
import { env } from "@/lib/env";
import type { PreviewRequest, PreviewResult, RevokeResult } from "@/components/admin/article-form";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const requestSchema = z.object({
  id: z.number().int().positive().max(2_147_483_647),
  // Checked field by field in lib/articles/preview.ts.
  snapshot: z.record(z.string(), z.unknown()).nullable(),
});

/**
 * Makes a preview link for the editor's article: as saved when nothing is pending, else with the unsaved fields.
 * The same link serves the editor's own "Preview" and the one shared with someone without an account.
 */
export async function previewArticleAction(request: PreviewRequest): Promise<PreviewResult> {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, message: "The editor sent something unexpected. Reload the page." };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const { snapshot } = parsed.data;
    const tags = typeof snapshot?.tags === "string" ? parseTagList(snapshot.tags) : snapshot?.tags;
    const link = await createPreviewLink(
      actor,
      parsed.data.id,
      (snapshot ? { ...snapshot, tags } : null) as Parameters<typeof createPreviewLink>[2],
    );
    return { ok: true, url: new URL(link.url, env().SITE_URL).toString(), expiresAt: link.expiresAt.toISOString() };
  } catch (error) {
    return { ok: false, message: domainFailure(error).message };
  }
}

/** Ends every preview link of the article: a link sent to the wrong person, or a draft that must stay unseen. */
export async function revokePreviewLinksAction(id: number): Promise<RevokeResult> {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return { ok: false, message: "Unknown article." };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    return { ok: true, revoked: await revokePreviewLinks(actor, id) };
  } catch (error) {
    return { ok: false, message: domainFailure(error).message };
  }
}
