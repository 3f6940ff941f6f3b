import { db } from "../db";
import { notFound } from "../errors";
import { assertCan, type Actor } from "../auth/permissions";
import { mediaUrl } from "./urls";

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

export async function getMedia(actor: Actor | null, id: number): Promise<MediaItem> {
  assertCan(actor, "article:read");
  const row = await db().media.findUnique({ where: { id }, select: mediaItemSelect });
  if (!row) throw notFound("The image");
  return toItem(row);
}
