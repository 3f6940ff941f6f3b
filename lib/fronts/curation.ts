import { recordAudit, type AuditDetail } from "../audit/events";
import { assertCan, type Actor } from "../auth/permissions";
import { db, isUniqueViolation, type Tx } from "../db";
import { DomainError } from "../errors";
import { articlePath } from "../articles/urls";
import { revalidateFronts } from "../publishing/revalidate";
import { readPublication } from "../settings/publication";
import { HOME_FEATURED } from "./home";

/**
 * Front-page curation (issue 9 item 7): editors pin a lead and up to HOME_FEATURED featured stories on the home page,
 * and a lead on each section front, each with an optional expiry. Readers' fronts (lib/fronts/home.ts) show pins
 * first and fill the other slots with the newest stories; a pin of an article that is no longer public is ignored
 * there, and listed here as such so the editor can see why it is not shown.
 *
 * Every change is one transaction with its audit rows, then purges the fronts (soft: the front re-renders before the
 * editor's request returns).
 */

/** Which front: the home page, or a section's (by slug). */
export type FrontRef = { section: string | null };

export type PinView = {
  slot: number;
  slotLabel: string;
  articleId: number;
  headline: string;
  /** The canonical path while the article is public. */
  path: string | null;
  expiresAt: string | null;
  /** Why readers do not see this pin, or null when they do. */
  ignored: string | null;
};

export type FrontPins = {
  front: FrontRef;
  title: string;
  /** Slot numbers the front has: 0 (lead) and, on the home page, 1..HOME_FEATURED. */
  slots: number[];
  pins: PinView[];
};

export const slotLabel = (slot: number) => (slot === 0 ? "Lead" : `Featured ${slot}`);
const frontLabel = (front: FrontRef) => (front.section ? `section:${front.section}` : "home");

async function sectionOf(
  client: Tx | ReturnType<typeof db>,
  front: FrontRef,
): Promise<{ id: number; name: string } | null> {
  if (!front.section) return null;
  const section = await client.section.findUnique({ where: { slug: front.section }, select: { id: true, name: true } });
  if (!section) throw new DomainError(404, `There is no section “${front.section}”.`);
  return section;
}

const slotsOf = (front: FrontRef) => (front.section ? [0] : Array.from({ length: HOME_FEATURED + 1 }, (_, i) => i));

/** The pins of a front as the newsroom screen shows them, shown or ignored. */
export async function listFrontPins(actor: Actor | null, front: FrontRef, now: Date = new Date()): Promise<FrontPins> {
  assertCan(actor, "front:curate");
  const section = await sectionOf(db(), front);
  const [rows, { timeZone }] = await Promise.all([
    db().frontPin.findMany({
      where: { sectionId: section?.id ?? null },
      orderBy: { slot: "asc" },
      select: {
        slot: true,
        expiresAt: true,
        article: { select: { id: true, slug: true, headline: true, status: true, publishedAt: true, sectionId: true } },
      },
    }),
    readPublication(),
  ]);
  return {
    front,
    title: section ? `${section.name} front` : "Home page",
    slots: slotsOf(front),
    pins: rows.map(({ slot, expiresAt, article }) => {
      const visible = article.status === "PUBLISHED" && article.publishedAt !== null;
      let ignored: string | null = null;
      if (!visible) ignored = `not shown: the article is ${article.status.toLowerCase().replace("_", " ")}`;
      else if (expiresAt && expiresAt <= now) ignored = "not shown: expired";
      else if (section && article.sectionId !== section.id) ignored = "not shown: the article moved to another section";
      return {
        slot,
        slotLabel: slotLabel(slot),
        articleId: article.id,
        headline: article.headline,
        path: visible
          ? articlePath({ id: article.id, slug: article.slug, publishedAt: article.publishedAt! }, timeZone)
          : null,
        expiresAt: expiresAt?.toISOString() ?? null,
        ignored,
      };
    }),
  };
}

export type PinCandidate = { id: number; headline: string; section: string; publishedAt: string };

/** Published articles whose headline contains `query` (case-insensitive), newest first: what an editor may pin. */
export async function searchArticlesToPin(
  actor: Actor | null,
  query: string,
  front: FrontRef,
): Promise<PinCandidate[]> {
  assertCan(actor, "front:curate");
  const q = query.trim().slice(0, 200);
  const section = await sectionOf(db(), front);
  const rows = await db().article.findMany({
    where: {
      status: "PUBLISHED",
      publishedAt: { not: null },
      ...(q ? { headline: { contains: q, mode: "insensitive" as const } } : {}),
      ...(section ? { sectionId: section.id } : {}),
    },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { id: true, headline: true, publishedAt: true, section: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    section: r.section.name,
    publishedAt: r.publishedAt!.toISOString(),
  }));
}

export type PinInput = { slot: number; articleId: number; expiresAt: Date | null };

/**
 * Pins `articleId` in `slot` of a front, replacing whatever was there; if the article was pinned in another slot of
 * the same front it moves (one slot per article). 404 for an unknown section or article, 422 for a slot the front
 * does not have, an article that is not published (or, on a section front, not in that section) or an expiry in the
 * past.
 */
export async function pinArticle(
  actor: Actor | null,
  front: FrontRef,
  input: PinInput,
  context: { ip?: string | null; now?: Date } = {},
): Promise<void> {
  assertCan(actor, "front:curate");
  const now = context.now ?? new Date();
  if (!slotsOf(front).includes(input.slot)) {
    throw new DomainError(
      422,
      front.section
        ? "A section front has one pinned slot: its lead."
        : `The home page has a lead and ${HOME_FEATURED} featured slots.`,
    );
  }
  if (input.expiresAt && input.expiresAt <= now) {
    throw new DomainError(422, "The expiry is in the past: choose a later time, or none.", {
      expiresAt: "Choose a time in the future.",
    });
  }
  await db()
    .$transaction(async (tx) => {
      const section = await sectionOf(tx, front);
      const article = await tx.article.findUnique({
        where: { id: input.articleId },
        select: { id: true, headline: true, status: true, sectionId: true },
      });
      if (!article) throw new DomainError(404, `There is no article #${input.articleId}.`);
      if (article.status !== "PUBLISHED") {
        throw new DomainError(422, `“${article.headline}” is not published: only published stories can be pinned.`);
      }
      if (section && article.sectionId !== section.id) {
        throw new DomainError(422, `“${article.headline}” is not in the ${section.name} section.`);
      }
      const sectionId = section?.id ?? null;
      // Whatever held the slot, and this article's pin elsewhere on the same front, give way (audited as unpins).
      const displaced = await tx.frontPin.findMany({
        where: { sectionId, OR: [{ slot: input.slot }, { articleId: article.id }] },
        select: { id: true, slot: true, articleId: true, article: { select: { headline: true } } },
      });
      await tx.frontPin.deleteMany({ where: { id: { in: displaced.map((d) => d.id) } } });
      for (const d of displaced) {
        if (d.articleId === article.id && d.slot === input.slot) continue;
        await audit(
          tx,
          actor,
          "front_unpin",
          d.articleId,
          { headline: d.article.headline, front, slot: d.slot },
          context.ip,
        );
      }
      await tx.frontPin.create({
        data: { sectionId, slot: input.slot, articleId: article.id, expiresAt: input.expiresAt, createdById: actor.id },
      });
      await audit(
        tx,
        actor,
        "front_pin",
        article.id,
        { headline: article.headline, front, slot: input.slot, expiresAt: input.expiresAt?.toISOString() ?? null },
        context.ip,
      );
    })
    .catch((error: unknown) => {
      // Two editors filling the same slot at once: the second is told, rather than shown a server error.
      if (isUniqueViolation(error))
        throw new DomainError(409, "Someone changed this front at the same moment. Reload and try again.");
      throw error;
    });
  await revalidateFronts();
}

/** Empties `slot` of a front (newest story fills it again). 404 when nothing was pinned there. */
export async function unpinSlot(
  actor: Actor | null,
  front: FrontRef,
  slot: number,
  context: { ip?: string | null } = {},
): Promise<void> {
  assertCan(actor, "front:curate");
  await db().$transaction(async (tx) => {
    const section = await sectionOf(tx, front);
    const pin = await tx.frontPin.findFirst({
      where: { sectionId: section?.id ?? null, slot },
      select: { id: true, articleId: true, article: { select: { headline: true } } },
    });
    if (!pin) throw new DomainError(404, `Nothing is pinned as ${slotLabel(slot).toLowerCase()} there.`);
    await tx.frontPin.delete({ where: { id: pin.id } });
    await audit(tx, actor, "front_unpin", pin.articleId, { headline: pin.article.headline, front, slot }, context.ip);
  });
  await revalidateFronts();
}

function audit(
  tx: Tx,
  actor: Actor,
  action: "front_pin" | "front_unpin",
  articleId: number,
  what: { headline: string; front: FrontRef; slot: number; expiresAt?: string | null },
  ip: string | null | undefined,
): Promise<void> {
  const detail: AuditDetail = { headline: what.headline, front: frontLabel(what.front), slot: slotLabel(what.slot) };
  if (what.expiresAt !== undefined) detail.expiresAt = what.expiresAt;
  return recordAudit(tx, { actorId: actor.id, action, subject: { type: "article", id: articleId }, detail, ip });
}
