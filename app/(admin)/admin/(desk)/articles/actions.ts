"use server";

import { z } from "zod";
import { assertStorableText } from "@/lib/text/hygiene";
import { getCurrentActor } from "@/lib/auth/sessions";
import { createArticle, updateArticle } from "@/lib/articles/mutations";
import { getArticleForEdit, searchArticlesForCallout } from "@/lib/articles/admin";
import { VersionConflict } from "@/lib/articles/revision-log";
import { autosaveArticle, autosaveNewArticle } from "@/lib/articles/revisions";
import type { Actor } from "@/lib/auth/permissions";
import { toFormValues } from "@/components/admin/to-form-values";
import { uploadImage } from "@/lib/media/upload";
import { readPublication } from "@/lib/settings/publication";
import { DomainError } from "@/lib/errors";
import type {
  ArticleConflict,
  ArticleSavePayload,
  ArticleSaveState,
  AutosaveState,
  PickedArticle,
  UploadResult,
} from "@/components/admin/article-form";
import { parseTagList } from "@/lib/tags/tag-list";
import { formatInZone, zonedLocalToDate } from "@/lib/time/zones";
import { SIGNED_OUT, domainFailure } from "../../action-errors";

const payloadSchema = z.object({
  id: z.number().int().positive().max(2_147_483_647).nullable(),
  intent: z.enum(["save", "publish", "unpublish"]),
  headline: z.string().max(10_000),
  dek: z.string().max(10_000),
  slug: z.string().max(1_000),
  type: z.string().max(40),
  section: z.string().max(200),
  authors: z.array(z.string().max(200)).max(50),
  tags: z.string().max(5_000),
  heroImage: z
    .object({
      mediaId: z.number().int().positive(),
      alt: z.string().max(5_000),
      caption: z.string().max(5_000),
      credit: z.string().max(5_000),
    })
    .nullable(),
  body: z.unknown(),
  publishedAt: z.string().max(40),
  related: z.array(z.number().int().positive().max(2_147_483_647)).max(50),
  seo: z.object({
    title: z.string().max(10_000),
    description: z.string().max(10_000),
    image: z.number().int().positive().max(2_147_483_647).nullable(),
  }),
  minorEdit: z.boolean().optional(),
  version: z.number().int().positive().max(2_147_483_647).nullable(),
});
type Payload = z.output<typeof payloadSchema>;

/** The lib/articles input for the editor's values (dates from the publication's zone; tags from the text field). */
async function toFields(p: Payload) {
  const { timeZone } = await readPublication();
  let publishedAt: string | undefined;
  if (p.publishedAt.trim()) {
    const date = zonedLocalToDate(p.publishedAt, timeZone);
    if (!date)
      throw new DomainError(422, "Some fields need attention.", {
        publishedAt: "Enter a date and time, or leave it empty.",
      });
    publishedAt = date.toISOString();
  }
  const fields = {
    headline: p.headline,
    dek: p.dek,
    ...(p.slug.trim() ? { slug: p.slug.trim() } : {}),
    type: p.type,
    section: p.section,
    authors: p.authors,
    tags: parseTagList(p.tags),
    heroImage: p.heroImage,
    body: { doc: p.body },
    ...(publishedAt ? { publishedAt } : {}),
    related: p.related,
    seo: p.seo,
  };
  return { fields, publishedAt, timeZone };
}

/** The conflict screen's data: who saved in between, and the article as it now is, in the editor's shape. */
async function conflictOf(actor: Actor, id: number, error: VersionConflict): Promise<ArticleConflict> {
  const [article, { timeZone }] = await Promise.all([getArticleForEdit(actor, id), readPublication()]);
  return {
    version: article.version,
    savedBy: error.current.savedBy,
    savedAt: error.current.savedAt.toISOString(),
    theirs: toFormValues(article, timeZone),
  };
}

const messages = {
  save: "Saved.",
  publish: "Published.",
  unpublish: "Unpublished: the article is no longer on the site.",
} as const;

/**
 * Saves the article editor: create or update, and optionally publish or unpublish in the same transaction (the
 * lib functions take `status`). Field problems come back keyed by input name so the editor shows them in place;
 * the editor keeps everything typed because it never resets on a failed save.
 */
export async function saveArticleAction(
  _prev: ArticleSaveState,
  payload: ArticleSavePayload,
): Promise<ArticleSaveState> {
  const at = Date.now();
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success)
    return { outcome: "error", message: "The editor sent something unexpected. Reload the page and try again.", at };
  const p = parsed.data;
  let actor: Actor | null = null;
  try {
    actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    // NUL and lone surrogates cannot be stored: say which field holds one instead of failing in the database.
    assertStorableText(p);

    const { fields, publishedAt, timeZone } = await toFields(p);

    let result;
    if (p.id === null) {
      if (p.intent === "unpublish") throw new DomainError(409, "This article has not been saved yet.");
      result = await createArticle(actor, { ...fields, status: p.intent === "publish" ? "published" : "draft" });
    } else {
      const status = p.intent === "publish" ? "published" : p.intent === "unpublish" ? "unpublished" : undefined;
      result = await updateArticle(
        actor,
        p.id,
        {
          ...fields,
          ...(status ? { status } : {}),
          ...(p.minorEdit && status === undefined ? { minorEdit: true } : {}),
        },
        { expectedVersion: p.version ?? undefined },
      );
    }
    const live = result.status === "published";
    const scheduledFor = result.status === "scheduled" && publishedAt ? new Date(publishedAt) : null;
    return {
      outcome: "saved",
      message: scheduledFor
        ? `Scheduled: it goes live on ${formatInZone(scheduledFor, timeZone)} (${timeZone}) by itself.`
        : p.intent === "unpublish" && result.status === "draft"
          ? "Unscheduled: the article is a draft again."
          : p.intent === "save" && live
            ? "Updated on the site."
            : messages[p.intent],
      article: {
        id: result.id,
        status: result.status,
        path: live ? result.path : null,
        url: live ? result.url : null,
        // A new article starts at version 1; an update answers the version it left the article at.
        version: (result as { version?: number }).version ?? 1,
      },
      at,
    };
  } catch (error) {
    if (error instanceof VersionConflict && actor && p.id !== null) {
      return { outcome: "conflict", message: error.message, conflict: await conflictOf(actor, p.id, error), at };
    }
    return { outcome: "error", ...domainFailure(error), at };
  }
}

/**
 * Autosave from the editor (lib/articles/revisions.ts): a draft is saved as an "autosave" revision; a published or
 * scheduled article only gets a revision of the unsaved changes, never a publish. An article never saved becomes a
 * draft on its first autosave (autosaveNewArticle), and the answer carries its id for the editor to follow.
 */
export async function autosaveArticleAction(payload: ArticleSavePayload): Promise<AutosaveState> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success || (parsed.data.id !== null && parsed.data.version === null))
    return { outcome: "error", message: "Not autosaved: the editor sent something unexpected. Reload the page." };
  const p = parsed.data;
  let actor: Actor | null = null;
  try {
    actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    assertStorableText(p);
    const { fields } = await toFields(p);
    if (p.id === null) {
      const { article, ...result } = await autosaveNewArticle(actor, fields);
      return {
        outcome: "saved",
        ...result,
        article: { id: article.id, status: article.status, path: null, url: null, version: result.version },
      };
    }
    const result = await autosaveArticle(actor, p.id, fields, p.version!);
    return { outcome: "saved", ...result };
  } catch (error) {
    if (error instanceof VersionConflict && actor && p.id !== null) {
      return { outcome: "conflict", conflict: await conflictOf(actor, p.id, error) };
    }
    return { outcome: "error", message: `Not autosaved: ${domainFailure(error).message}` };
  }
}

/** Uploads a picture for the body or the hero image (the editor inserts it after the upload). */
export async function uploadImageAction(form: FormData): Promise<UploadResult> {
  try {
    const actor = await getCurrentActor();
    if (!actor) throw SIGNED_OUT;
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { ok: false, error: "Choose an image file." };
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v : undefined;
    };
    const media = await uploadImage(actor, {
      bytes: Buffer.from(await file.arrayBuffer()),
      alt: text("alt"),
      caption: text("caption"),
      credit: text("credit"),
    });
    return { ok: true, media: { id: media.id, url: media.url, width: media.width, height: media.height } };
  } catch (error) {
    return { ok: false, error: domainFailure(error).message };
  }
}

/** Finds articles to point a related-article callout (or the related list) at. */
export async function searchArticlesAction(q: string): Promise<PickedArticle[]> {
  const query = z.string().trim().min(1).max(200).safeParse(q);
  if (!query.success) return [];
  const actor = await getCurrentActor();
  if (!actor) return [];
  try {
    const found = await searchArticlesForCallout(actor, query.data);
    return found.map((a) => ({ id: a.id, headline: a.headline, status: a.status, path: a.path }));
  } catch (error) {
    domainFailure(error);
    return [];
  }
}
