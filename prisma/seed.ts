import path from "node:path";
import { fileURLToPath } from "node:url";
import { passwordProblem } from "../lib/auth/password-policy";
import { generatePassword, hashPassword } from "../lib/auth/passwords";
import { articlePath } from "../lib/articles/urls";
import { slugify, SLUG_PATTERN } from "../lib/text/slugs";
import { db, disconnectDb, type Tx } from "../lib/db";
import { calloutTargets, emptyDocument, parseDocument, type ArticleDocument } from "../lib/documents/schema";
import { env } from "../lib/env";
import { mediaUrl } from "../lib/media/urls";
import { flagship, flagshipPictures } from "./seed/content/flagship";
import { authors, publication, sections, tagNames } from "./seed/content/masthead";
import { stories, storyPictures } from "./seed/content/stories";
import type { ArticleSpec } from "./seed/content/types";
import { DocBuilder, smarten, type ArticleRef, type ImageRef } from "./seed/doc";
import { generateImages, rng, type GeneratedImage, type ImageSpec } from "./seed/images";

/**
 * Demo content for a fresh Broadsheet: The Northern Ledger, with its sections, writers, tags, 64 published
 * articles (plus two drafts for the newsroom), drawn pictures and an admin account.
 *
 * The admin's password is generated for this database and printed once, so no public server starts with a password
 * everyone knows. `--demo` (or `demo: true`) uses the well-known demo password instead, for a laptop or a
 * screenshot; SEED_ADMIN_PASSWORD sets one of your choosing, which must pass the password policy.
 *
 * Run as `tsx prisma/seed.ts` (DATABASE_URL set), or call `seed()`. It only ever writes to an empty database:
 * if articles, sections, authors or the demo admin already exist it says so and changes nothing. All rows are
 * written in one transaction, so a failure leaves no half-seeded database behind. Every body is validated with
 * `parseDocument` (the same check the editor and API use) before anything is written.
 */

export type SeedOptions = {
  log?: (line: string) => void;
  /** The moment the content is arranged around ("published 3 hours ago"). Defaults to now. */
  now?: Date;
  adminEmail?: string;
  adminPassword?: string;
  /** Use the well-known demo password (DEMO_ADMIN_PASSWORD) instead of a generated one. */
  demo?: boolean;
  mediaDir?: string;
};

/** Known to everyone who reads this file: only with an explicit `--demo`. */
export const DEMO_ADMIN_PASSWORD = "broadsheet-demo";

export type SeedResult =
  | {
      seeded: true;
      articles: number;
      published: number;
      media: number;
      authors: number;
      tags: number;
      adminEmail: string;
      /** The admin's password, to be shown once, and where it came from. */
      adminPassword: string;
      adminPasswordSource: "generated" | "demo" | "given";
    }
  | { seeded: false; reason: string };

const HOUR = 3_600_000;
const ADVISORY_LOCK = 0x5eed_1ed9; // any constant: serialises two seeds started at once

class AlreadySeeded extends Error {}

async function existingContent(
  client: Pick<Tx, "article" | "section" | "author" | "user">,
  adminEmail: string,
): Promise<string | null> {
  const [articles, sectionCount, authorCount, admin] = await Promise.all([
    client.article.count(),
    client.section.count(),
    client.author.count(),
    client.user.count({ where: { email: adminEmail } }),
  ]);
  if (articles + sectionCount + authorCount + admin === 0) return null;
  return `the database already has content (${articles} articles, ${sectionCount} sections, ${authorCount} authors${admin ? `, user ${adminEmail}` : ""})`;
}

type Planned = {
  spec: ArticleSpec;
  slug: string;
  headline: string;
  publishedAt: Date | null;
  contentUpdatedAt: Date | null;
  createdAt: Date;
};

/** Dates, slugs and typographic headlines for every article, checked for the mistakes content edits invite. */
function plan(now: Date): Planned[] {
  const specs = [...flagship, ...stories];
  const keys = new Set<string>();
  const slugs = new Set<string>();
  return specs.map((spec) => {
    if (keys.has(spec.key)) throw new Error(`Seed content: duplicate article key "${spec.key}"`);
    keys.add(spec.key);
    const headline = smarten(spec.headline);
    // Apostrophes are dropped rather than turned into hyphens: "the-ledgers-view", not "the-ledger-s-view".
    const slug = slugify(spec.headline.replace(/['’]/g, ""));
    if (!SLUG_PATTERN.test(slug) || slugs.has(slug)) throw new Error(`Seed content: bad or duplicate slug "${slug}"`);
    slugs.add(slug);
    // A few minutes of deterministic jitter, so not every story was published on the hour.
    const jitter = Math.floor(rng(`time:${spec.key}`)() * 50) * 60_000;
    const publishedAt = spec.hoursAgo === null ? null : new Date(now.getTime() - spec.hoursAgo * HOUR - jitter);
    const contentUpdatedAt =
      publishedAt && spec.updatedAfterHours
        ? new Date(Math.min(publishedAt.getTime() + spec.updatedAfterHours * HOUR, now.getTime() - 60_000))
        : null;
    const createdAt = new Date((publishedAt ?? now).getTime() - (publishedAt ? 3 : 5) * HOUR);
    return { spec, slug, headline, publishedAt, contentUpdatedAt, createdAt };
  });
}

function imageSpecs(planned: Planned[], now: Date): ImageSpec[] {
  const heroes = planned.flatMap(({ spec, createdAt }): ImageSpec[] =>
    spec.hero ? [{ key: `hero-${spec.key}`, ...spec.hero, takenAt: createdAt }] : [],
  );
  const bodies = [...flagshipPictures, ...storyPictures].map(({ hoursAgo, ...picture }): ImageSpec => ({
    ...picture,
    takenAt: new Date(now.getTime() - hoursAgo * HOUR),
  }));
  const portraits = authors.flatMap((a): ImageSpec[] =>
    "portrait" in a && a.portrait
      ? [
          {
            key: `portrait-${a.slug}`,
            motif: "portrait",
            palette: a.portrait,
            width: 800,
            height: 800,
            alt: `Illustrated portrait of ${a.name}`,
            caption: "",
            credit: "Illustration: Ledger graphics desk",
            takenAt: new Date(now.getTime() - 2200 * HOUR),
          },
        ]
      : [],
  );
  return [...heroes, ...bodies, ...portraits].map((s) => ({
    ...s,
    alt: smarten(s.alt),
    caption: smarten(s.caption),
    credit: smarten(s.credit),
  }));
}

/** Builds every body with the given resolvers and validates it; throws naming the article if one is invalid. */
function buildBodies(
  planned: Planned[],
  article: (key: string) => ArticleRef,
  image: (key: string) => ImageRef,
): Map<string, ArticleDocument> {
  const builder = new DocBuilder(article, image);
  const bodies = new Map<string, ArticleDocument>();
  for (const { spec } of planned) {
    let raw: unknown;
    try {
      raw = { type: "doc", content: spec.body(builder) };
    } catch (error) {
      throw new Error(`Seed content: article "${spec.key}" could not be built: ${(error as Error).message}`);
    }
    const parsed = parseDocument(raw);
    if (!parsed.ok) throw new Error(`Seed content: article "${spec.key}" has an invalid body. ${parsed.error}`);
    bodies.set(spec.key, parsed.doc);
  }
  return bodies;
}

/**
 * The seeded admin's password: the demo one only when asked for, one of the operator's choosing if it passes the
 * policy, otherwise generated for this database (never a password anyone else knows).
 */
export function chooseAdminPassword(options: { demo?: boolean; given?: string }): {
  password: string;
  source: "generated" | "demo" | "given";
} {
  if (options.demo) return { password: DEMO_ADMIN_PASSWORD, source: "demo" };
  if (options.given) {
    const problem = passwordProblem(options.given);
    if (problem) throw new Error(`SEED_ADMIN_PASSWORD is refused: ${problem}`);
    return { password: options.given, source: "given" };
  }
  return { password: generatePassword(), source: "generated" };
}

export async function seed(options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? new Date();
  const adminEmail = options.adminEmail ?? "admin@example.com";
  const { password: adminPassword, source: adminPasswordSource } = chooseAdminPassword({
    demo: options.demo,
    given: options.adminPassword ?? process.env.SEED_ADMIN_PASSWORD,
  });
  const mediaDir = path.resolve(options.mediaDir ?? env().MEDIA_DIR);

  const already = await existingContent(db(), adminEmail);
  if (already) return { seeded: false, reason: already };

  // Validate all content against placeholder ids first: a mistake fails here, before any file or row is written.
  const planned = plan(now);
  const byKey = new Map(planned.map((p) => [p.spec.key, p]));
  const mustBePublished = (key: string) => {
    const target = byKey.get(key);
    if (!target) throw new Error(`unknown article key "@${key}"`);
    if (!target.publishedAt) throw new Error(`"@${key}" is a draft and has no public URL`);
    return target;
  };
  const images = imageSpecs(planned, now);
  const imageKeys = new Set(images.map((i) => i.key));
  buildBodies(
    planned,
    (key) => ({ id: 1, headline: mustBePublished(key).headline, path: "/" }),
    (key) => {
      if (!imageKeys.has(key)) throw new Error(`unknown picture "${key}"`);
      return { mediaId: 1, src: "/", width: 1, height: 1, alt: "", caption: "", credit: "" };
    },
  );
  for (const { spec } of planned) for (const key of spec.related ?? []) mustBePublished(key);
  log(`Seed content checked: ${planned.length} articles, ${images.length} pictures.`);

  const step = Math.max(1, Math.round(images.length / 6));
  const generated = await generateImages(images, mediaDir, (done, total) => {
    if (done % step === 0 || done === total) log(`Drawing pictures ${done}/${total}…`);
  });
  const passwordHash = await hashPassword(adminPassword);

  try {
    const result = await db().$transaction(
      (tx) => writeAll(tx, { planned, byKey, generated, passwordHash, adminEmail, now, log, mustBePublished }),
      { timeout: 180_000, maxWait: 30_000 },
    );
    log(
      `Seeded ${publication.name}: ${result.published} published articles (${result.articles - result.published} drafts), ` +
        `${result.authors} authors, ${result.tags} tags, ${result.media} pictures in ${mediaDir}.`,
    );
    return { ...result, adminPassword, adminPasswordSource };
  } catch (error) {
    if (error instanceof AlreadySeeded) return { seeded: false, reason: error.message };
    throw error;
  }
}

async function writeAll(
  tx: Tx,
  ctx: {
    planned: Planned[];
    byKey: Map<string, Planned>;
    generated: Map<string, GeneratedImage>;
    passwordHash: string;
    adminEmail: string;
    now: Date;
    log: (line: string) => void;
    mustBePublished: (key: string) => Planned;
  },
): Promise<Omit<Extract<SeedResult, { seeded: true }>, "adminPassword" | "adminPasswordSource">> {
  const { planned, generated, log } = ctx;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK})`;
  const already = await existingContent(tx, ctx.adminEmail);
  if (already) throw new AlreadySeeded(already);

  await tx.publication.upsert({ where: { id: 1 }, create: { id: 1, ...publication }, update: publication });
  const admin = await tx.user.create({
    data: {
      email: ctx.adminEmail,
      name: "Demo Admin",
      role: "ADMIN",
      passwordHash: ctx.passwordHash,
      createdAt: new Date(ctx.now.getTime() - 2300 * HOUR),
    },
  });

  await tx.section.createMany({ data: sections.map((s) => ({ ...s })) });
  const sectionIds = new Map((await tx.section.findMany()).map((s) => [s.slug, s.id]));

  await tx.tag.createMany({ data: tagNames.map((name) => ({ name, slug: slugify(name) })) });
  const tagIds = new Map((await tx.tag.findMany()).map((t) => [t.name, t.id]));

  log(`Seeding pictures (${generated.size})…`);
  const mediaRows = await tx.media.createManyAndReturn({
    data: [...generated.values()].map((g) => ({
      storageKey: g.storageKey,
      mimeType: "image/jpeg",
      width: g.width,
      height: g.height,
      bytes: g.bytes,
      alt: g.spec.alt,
      caption: g.spec.caption,
      credit: g.spec.credit,
      uploadedById: admin.id,
      createdAt: g.spec.takenAt,
    })),
  });
  const mediaByStorageKey = new Map(mediaRows.map((m) => [m.storageKey, m]));
  const media = (key: string) => {
    const g = generated.get(key);
    const row = g && mediaByStorageKey.get(g.storageKey);
    if (!g || !row) throw new Error(`Seed content: picture "${key}" was not generated`);
    return { row, spec: g.spec };
  };

  const authorIds = new Map<string, number>();
  for (const a of authors) {
    const photo = "portrait" in a && a.portrait ? media(`portrait-${a.slug}`).row.id : null;
    const row = await tx.author.create({
      data: {
        slug: a.slug,
        name: a.name,
        jobTitle: a.jobTitle,
        bio: smarten(a.bio),
        links: a.links,
        pseudonymous: "pseudonymous" in a ? a.pseudonymous : false,
        photoId: photo,
      },
    });
    authorIds.set(a.slug, row.id);
  }

  // Pass 1: rows (so every article has an id), with an empty body until the callouts can be resolved.
  const ids = new Map<string, number>();
  for (const [index, p] of planned.entries()) {
    const hero = p.spec.hero ? media(`hero-${p.spec.key}`) : null;
    const row = await tx.article.create({
      data: {
        slug: p.slug,
        headline: p.headline,
        dek: smarten(p.spec.dek),
        type: p.spec.type,
        status: p.spec.status,
        sectionId: sectionIds.get(p.spec.section)!,
        heroMediaId: hero?.row.id ?? null,
        heroAlt: hero?.spec.alt ?? "",
        heroCaption: hero?.spec.caption ?? "",
        heroCredit: hero?.spec.credit ?? "",
        body: emptyDocument,
        publishedAt: p.publishedAt,
        contentUpdatedAt: p.contentUpdatedAt,
        createdAt: p.createdAt,
        createdById: admin.id,
        updatedById: admin.id,
        authors: { create: p.spec.authors.map((slug, position) => ({ authorId: authorIds.get(slug)!, position })) },
        tags: { create: p.spec.tags.map((name) => ({ tagId: tagIds.get(name)! })) },
      },
    });
    ids.set(p.spec.key, row.id);
    if ((index + 1) % 16 === 0 || index + 1 === planned.length) log(`Seeding articles ${index + 1}/${planned.length}…`);
  }

  // Pass 2: bodies with real ids and paths, their callout index, and editor-picked related articles.
  const article = (key: string): ArticleRef => {
    const target = ctx.mustBePublished(key);
    const id = ids.get(key)!;
    return {
      id,
      headline: target.headline,
      path: articlePath({ id, slug: target.slug, publishedAt: target.publishedAt }, publication.timeZone),
    };
  };
  const image = (key: string): ImageRef => {
    const { row } = media(key);
    return {
      mediaId: row.id,
      src: mediaUrl(row.storageKey),
      width: row.width,
      height: row.height,
      alt: row.alt,
      caption: row.caption,
      credit: row.credit,
    };
  };
  const bodies = buildBodies(planned, article, image);
  let callouts = 0;
  for (const [index, p] of planned.entries()) {
    const id = ids.get(p.spec.key)!;
    const body = bodies.get(p.spec.key)!;
    await tx.article.update({
      where: { id },
      data: { body, updatedAt: p.contentUpdatedAt ?? p.publishedAt ?? p.createdAt },
    });
    const targets = calloutTargets(body);
    if (targets.length)
      await tx.articleCallout.createMany({ data: targets.map((targetId) => ({ articleId: id, targetId })) });
    callouts += targets.length;
    const related = (p.spec.related ?? []).map((key) => article(key).id);
    if (related.length)
      await tx.articleRelated.createMany({
        data: related.map((relatedId, position) => ({ articleId: id, relatedId, position })),
      });
    if ((index + 1) % 16 === 0 || index + 1 === planned.length)
      log(`Writing article bodies ${index + 1}/${planned.length}…`);
  }
  log(`Indexed ${callouts} related-article callouts.`);

  return {
    seeded: true,
    articles: planned.length,
    published: planned.filter((p) => p.publishedAt).length,
    media: mediaRows.length,
    authors: authors.length,
    tags: tagNames.length,
    adminEmail: ctx.adminEmail,
  };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const started = Date.now();
  seed({ demo: process.argv.includes("--demo") })
    .then((result) => {
      if (result.seeded) {
        console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        const from = {
          generated: "generated for this database; shown once, copy it now",
          demo: "the demo password (--demo)",
          given: "from SEED_ADMIN_PASSWORD",
        };
        console.log(
          `Newsroom sign-in: ${result.adminEmail} / ${result.adminPassword}  (${from[result.adminPasswordSource]})`,
        );
      } else {
        console.log(
          `Not seeding: ${result.reason}. The demo content is only added to an empty database; nothing was changed.`,
        );
      }
    })
    .catch((error: unknown) => {
      console.error(
        `Seeding failed, nothing was written to the database: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 1;
    })
    .finally(() => disconnectDb());
}
