import { stripUnsafeText } from "../text/hygiene";
import { db } from "../db";
import { DomainError, notFound, validationError } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { revalidateMedia } from "../publishing/revalidate";
import { mediaUrl } from "./urls";
import { z } from "zod";

/** The media library as the newsroom sees it: newest first, with public URLs. */
export type MediaItem = {
  id: number;
  url: string;
  mimeType: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  createdAt: Date;
};

const mediaItemSelect = {
  id: true,
  storageKey: true,
  mimeType: true,
  width: true,
  height: true,
  alt: true,
  caption: true,
  credit: true,
  createdAt: true,
} as const;

const toItem = ({ storageKey, ...rest }: { storageKey: string } & Omit<MediaItem, "url">): MediaItem => ({
  ...rest,
  url: mediaUrl(storageKey),
});

export const MEDIA_PAGE_SIZE = 40;

export async function listMedia(actor: Actor | null, options: { page?: number; q?: string } = {}) {
  assertCan(actor, "article:read");
  const page = Math.min(100_000, Math.max(1, Math.trunc(options.page ?? 1) || 1));
  // NUL in a LIKE pattern is a database error, not "no results".
  const q = options.q && stripUnsafeText(options.q).trim();
  const where = q
    ? { OR: [{ alt: { contains: q, mode: "insensitive" as const } }, { caption: { contains: q, mode: "insensitive" as const } }, { credit: { contains: q, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db().media.findMany({ where, select: mediaItemSelect, orderBy: { id: "desc" }, skip: (page - 1) * MEDIA_PAGE_SIZE, take: MEDIA_PAGE_SIZE }),
    db().media.count({ where }),
  ]);
  return { items: rows.map(toItem), page, pageCount: Math.max(1, Math.ceil(total / MEDIA_PAGE_SIZE)), total };
}

export async function getMedia(actor: Actor | null, id: number): Promise<MediaItem> {
  assertCan(actor, "article:read");
  const row = await db().media.findUnique({ where: { id }, select: mediaItemSelect });
  if (!row) throw notFound("The image");
  return toItem(row);
}

const mediaTextSchema = z.strictObject({
  alt: z.string().trim().max(1000, "Alt text is at most 1000 characters.").optional(),
  caption: z.string().trim().max(2000, "Captions are at most 2000 characters.").optional(),
  credit: z.string().trim().max(300, "Credits are at most 300 characters.").optional(),
});

/** Default alt, caption and credit for new uses of the image; figures already placed keep their own text. */
export async function updateMediaText(actor: Actor | null, id: number, input: unknown): Promise<MediaItem> {
  assertCan(actor, "media:upload");
  const parsed = mediaTextSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const exists = await db().media.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new DomainError(404, "The image was not found.");
  const row = await db().media.update({ where: { id }, data: parsed.data, select: mediaItemSelect });
  await revalidateMedia(id);
  return toItem(row);
}
