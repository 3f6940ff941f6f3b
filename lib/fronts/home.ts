import { cache } from "react";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../db";
import { cardJson, isPublic } from "../articles/public";
import {
  imageView,
  sectionPath,
  toCard,
  type ArticleCard,
  type CardRow,
  type ImageView,
} from "../articles/view-models";
import { cardTags, tags } from "../publishing/cache-tags";
import { dependsOn, freshFor } from "../publishing/dependencies";
import { getPublication } from "../settings/publication";
import { mostReadIds } from "./most-read";

/**
 * The home page and section fronts as a hierarchy (issue 10 item 4): editors' pins first (lib/fronts/curation.ts),
 * every unpinned slot filled with the newest story not already shown, so no story appears in two tiers. Pins of
 * articles that are not public, or past their expiry, are ignored here (the SQL joins on the public rule), so an
 * unpublish or take-down never needs to touch a pin.
 *
 * Expiry takes effect by itself through the cache's time bound: the render declares `freshFor(seconds until the
 * earliest expiry)`, so the page cache re-renders the front when a pin runs out, with no timer or scheduler poll
 * (the page cache already keeps a time bound per entry; a scheduler purge would need one more poll of the database
 * every few seconds for an event that happens a few times a day).
 */

/** Featured slots under the lead on the home page (slots 1..HOME_FEATURED of FrontPin). */
export const HOME_FEATURED = 4;
/** Headlines in the "Latest" list beside the lead. */
const HOME_LATEST = 6;
const OPINION_COUNT = 4;
/** A section block: one image-led story and this many headlines. */
const SECTION_LIST = 3;
/** Stories a render may skip because an earlier tier showed them: pins plus every slot above the section blocks. */
const SHOWN_ABOVE = 1 + HOME_FEATURED + HOME_LATEST + OPINION_COUNT + 1 + HOME_FEATURED;

/** An opinion piece with its columnist's headshot (the first author's photo), for the opinion rail. */
export type OpinionCard = ArticleCard & { headshot: ImageView | null };

export type HomeFront = {
  lead: ArticleCard | null;
  /** The secondary tier: featured pins in their slots, newest stories in the others. */
  featured: ArticleCard[];
  latest: ArticleCard[];
  opinion: OpinionCard[];
  /** Most read over the last 48 hours (lib/fronts/most-read.ts); a ranking, so it may repeat a story shown above. */
  mostRead: ArticleCard[];
  sections: { slug: string; name: string; url: string; lead: ArticleCard; list: ArticleCard[] }[];
};

type PinRow = { slot: number; expiresAt: string | null; card: CardRow };
type OpinionRow = CardRow & { headshot: { key: string; width: number; height: number } | null };
type TopRow = { pins: PinRow[]; latest: CardRow[]; opinion: OpinionRow[]; mostRead: CardRow[] };
type SectionRow = { slug: string; name: string; pinned: Omit<PinRow, "slot"> | null; cards: CardRow[] };

/** A pin counts while its article is public and it has not expired. Expects the pin as `p`, its article as `a`. */
const activePin = (now: Date) => Prisma.sql`${isPublic} AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;

const newest = Prisma.sql`a."publishedAt" DESC, a.id DESC`;

/** Everything above the section blocks, in one round trip; `mostRead` are the ranked ids, best first. */
async function queryTop(now: Date, mostRead: number[]): Promise<TopRow> {
  const fetch = SHOWN_ABOVE;
  const rows = await db().$queryRaw<TopRow[]>`
    SELECT
      COALESCE((SELECT json_agg(json_build_object('slot', p.slot, 'expiresAt', p."expiresAt" AT TIME ZONE 'UTC',
                                                  'card', ${cardJson}) ORDER BY p.slot)
                FROM "FrontPin" p JOIN "Article" a ON a.id = p."articleId"
                WHERE p."sectionId" IS NULL AND ${activePin(now)}), '[]'::json) AS pins,
      COALESCE((SELECT json_agg(x.card ORDER BY x.n) FROM (
                  SELECT ${cardJson} AS card, row_number() OVER (ORDER BY ${newest}) AS n
                  FROM "Article" a WHERE ${isPublic} ORDER BY ${newest} LIMIT ${fetch}) x), '[]'::json) AS latest,
      COALESCE((SELECT json_agg(x.card ORDER BY x.n) FROM (
                  SELECT ${cardJson}::jsonb || jsonb_build_object('headshot', (
                           SELECT json_build_object('key', m."storageKey", 'width', m.width, 'height', m.height)
                           FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId"
                           JOIN "Media" m ON m.id = au."photoId"
                           WHERE aa."articleId" = a.id AND m."removedAt" IS NULL
                           ORDER BY aa.position LIMIT 1)) AS card,
                         row_number() OVER (ORDER BY ${newest}) AS n
                  FROM "Article" a WHERE ${isPublic} AND a.type = 'OPINION'
                  ORDER BY ${newest} LIMIT ${fetch + OPINION_COUNT}) x), '[]'::json) AS opinion,
      -- The ranking was computed by the last flush (lib/fronts/most-read.ts); a story that left the site since drops out.
      COALESCE((SELECT json_agg(${cardJson} ORDER BY r.rank)
                FROM unnest(${mostRead}::int[]) WITH ORDINALITY AS r(id, rank)
                JOIN "Article" a ON a.id = r.id WHERE ${isPublic}), '[]'::json) AS "mostRead"`;
  return rows[0] ?? { pins: [], latest: [], opinion: [], mostRead: [] };
}

/** Every section with its pinned lead (if any counts) and enough newest stories to fill a block after skipping. */
async function querySections(now: Date): Promise<SectionRow[]> {
  return db().$queryRaw<SectionRow[]>`
    SELECT s.slug, s.name,
           (SELECT json_build_object('expiresAt', p."expiresAt" AT TIME ZONE 'UTC', 'card', ${cardJson})
            FROM "FrontPin" p JOIN "Article" a ON a.id = p."articleId"
            WHERE p."sectionId" = s.id AND p.slot = 0 AND a."sectionId" = s.id AND ${activePin(now)}) AS pinned,
           COALESCE((SELECT json_agg(x.card ORDER BY x.n) FROM (
             SELECT ${cardJson} AS card, row_number() OVER (ORDER BY ${newest}) AS n
             FROM "Article" a WHERE a."sectionId" = s.id AND ${isPublic}
             ORDER BY ${newest} LIMIT ${SHOWN_ABOVE + 1 + SECTION_LIST}) x), '[]'::json) AS cards
    FROM "Section" s ORDER BY s.position, s.name`;
}

/** Seconds until the earliest expiry among the pins shown, for the cache's time bound; null when none expires. */
function secondsToExpiry(expiries: (string | null)[], now: Date): number | null {
  const times = expiries.filter((e): e is string => e !== null).map((e) => new Date(e).getTime() - now.getTime());
  return times.length ? Math.max(1, Math.ceil(Math.min(...times) / 1000)) : null;
}

/**
 * Loads and composes the home page: two SQL queries, side by side (three when this process has no fresh "most read"
 * ranking in memory: see lib/fronts/most-read.ts).
 */
export async function loadHomeFront(timeZone: string, now: Date = new Date()): Promise<HomeFront> {
  // Declared first: a front showing no pins must still be refreshed when one is set, and the ranking is its own list.
  dependsOn(tags.latest, tags.front, tags.mostRead);
  const [top, sectionRows] = await Promise.all([
    mostReadIds(now).then((ids) => queryTop(now, ids)),
    querySections(now),
  ]);
  const card = (row: CardRow) => toCard(row, timeZone);

  const shown = new Set<number>();
  const printed: CardRow[] = [];
  const take = (row: CardRow): ArticleCard => {
    shown.add(row.id);
    printed.push(row);
    return card(row);
  };
  const nextFresh = (pool: CardRow[]): CardRow | undefined => pool.find((row) => !shown.has(row.id));

  // Pins are reserved before any fallback, so a pinned story is never also taken as "newest" for an earlier slot.
  const pins = new Map(top.pins.map((p) => [p.slot, p.card]));
  for (const p of top.pins) shown.add(p.card.id);
  const slot = (n: number): ArticleCard | null => {
    const pinned = pins.get(n);
    if (pinned) return take(pinned);
    const fresh = nextFresh(top.latest);
    return fresh ? take(fresh) : null;
  };
  const lead = slot(0);
  const featured: ArticleCard[] = [];
  for (let n = 1; n <= HOME_FEATURED; n++) {
    const c = slot(n);
    if (c) featured.push(c);
  }
  const fill = <T extends CardRow>(pool: T[], count: number): T[] => {
    const out: T[] = [];
    for (
      let row = nextFresh(pool) as T | undefined;
      row && out.length < count;
      row = nextFresh(pool) as T | undefined
    ) {
      take(row);
      out.push(row);
    }
    return out;
  };
  const latest = fill(top.latest, HOME_LATEST).map(card);
  const opinion = fill(top.opinion, OPINION_COUNT).map((row) => ({
    ...card(row),
    headshot: row.headshot
      ? imageView(row.headshot.key, row.headshot.width, row.headshot.height, row.authors[0]?.name ?? "")
      : null,
  }));

  const sections: HomeFront["sections"] = [];
  for (const s of sectionRows) {
    const pinned = s.pinned && !shown.has(s.pinned.card.id) ? s.pinned.card : null;
    const leadRow = pinned ?? nextFresh(s.cards);
    if (!leadRow) continue;
    const sectionLead = take(leadRow);
    sections.push({
      slug: s.slug,
      name: s.name,
      url: sectionPath(s.slug),
      lead: sectionLead,
      list: fill(s.cards, SECTION_LIST).map(card),
    });
    dependsOn(tags.section(s.slug));
  }
  const mostRead = top.mostRead.map(card);
  dependsOn(...[...printed, ...top.mostRead].flatMap(cardTags));
  const expiry = secondsToExpiry(
    [...top.pins, ...sectionRows.flatMap((s) => (s.pinned ? [s.pinned] : []))]
      .filter((p) => shown.has(p.card.id))
      .map((p) => p.expiresAt),
    now,
  );
  if (expiry !== null) freshFor(expiry);
  return { lead, featured, latest, opinion, mostRead, sections };
}

export const getHomeFront = cache(async (): Promise<HomeFront> => {
  const { timeZone } = await getPublication();
  return loadHomeFront(timeZone);
});

/** The story an editor pinned as a section front's lead, while it is public, in that section and not expired. */
export async function loadSectionFeature(
  slug: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<ArticleCard | null> {
  dependsOn(tags.front);
  const rows = await db().$queryRaw<Omit<PinRow, "slot">[]>`
    SELECT p."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", ${cardJson} AS card
    FROM "FrontPin" p JOIN "Section" s ON s.id = p."sectionId" JOIN "Article" a ON a.id = p."articleId"
    WHERE s.slug = ${slug} AND p.slot = 0 AND a."sectionId" = s.id AND ${activePin(now)}`;
  const pin = rows[0];
  if (!pin) return null;
  dependsOn(...cardTags(pin.card));
  const expiry = secondsToExpiry([pin.expiresAt], now);
  if (expiry !== null) freshFor(expiry);
  return toCard(pin.card, timeZone);
}

export const getSectionFeature = cache(async (slug: string): Promise<ArticleCard | null> => {
  const { timeZone } = await getPublication();
  return loadSectionFeature(slug, timeZone);
});
