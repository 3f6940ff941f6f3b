import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-matrix-test-"));
process.env.MEDIA_DIR = mediaDir;

import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import { CELLS, EXPECTED, fromMatrix, statusOf, uncoveredActions, type Cell } from "../testing/role-matrix";
import { getArticleForEdit } from "../articles/admin";
import { createArticle, updateArticle } from "../articles/mutations";
import { takeDownArticle } from "../articles/takedown";
import { addArticleNote } from "../articles/notes";
import { uploadImage } from "../media/upload";
import { createAuthor } from "../authors/mutations";
import { createSection } from "../sections/mutations";
import { createTag } from "../tags/mutations";
import { updateMedia } from "../media/library";
import { pinArticle } from "../fronts/curation";
import { listAuditEvents } from "./audit-log";
import { defaultDisclaimer, readPublication, updatePublication } from "../settings/publication";
import { issueApiToken } from "./tokens";
import { inviteUser } from "./users";
import { ROLES, type Actor, type Role } from "./permissions";

/**
 * Every cell of the role × action matrix, walked through lib/: an allowed cell succeeds, a refused one is a 403
 * that changed nothing in the database. The cells and the expected answers are in lib/testing/role-matrix.ts.
 */

const f = new Factory();
const actors = {} as Record<Role, Actor>;
let someoneElse: Actor;
let section: { slug: string; id: number };
let author: { slug: string; id: number };
let png: Buffer;
/** One library image per role, for the media:manage cell to edit. */
const managed = {} as Record<Role, number>;
/** A section front and a published story in it per role, for the front:curate cell to pin. */
const fronts = {} as Record<Role, { section: string; articleId: number }>;

before(async () => {
  await f.ensurePublication();
  for (const role of ROLES) {
    const u = await f.user({ role, name: `Matrix ${role.toLowerCase()}` });
    actors[role] = { id: u.id, email: u.email, name: u.name, role };
  }
  const other = await f.user({ role: "AUTHOR", name: "Someone else" });
  someoneElse = { id: other.id, email: other.email, name: other.name, role: "AUTHOR" };
  section = await f.section();
  author = await f.author();
  for (const role of ROLES) managed[role] = (await f.media({ alt: "Matrix manage", caption: "Before" })).id;
  for (const role of ROLES) {
    const front = await f.section();
    const story = await f.article({ sectionId: front.id, authorIds: [author.id], headline: `Matrix pin ${role}` });
    fronts[role] = { section: front.slug, articleId: story.id };
  }
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
});

after(async () => {
  // Rows the allowed cells created through lib/ (authors, sections, tags, users, media) are found by their marker.
  const d = db();
  const made = await d.article.findMany({ where: { headline: { startsWith: "Matrix " } }, select: { id: true } });
  for (const a of made) f.track("articles", a.id);
  for (const a of await d.author.findMany({ where: { name: { startsWith: "Matrix " } } })) f.track("authors", a.id);
  for (const s of await d.section.findMany({ where: { name: { startsWith: "Matrix " } } })) f.track("sections", s.id);
  for (const t of await d.tag.findMany({ where: { name: { startsWith: "matrix-" } } })) f.track("tags", t.id);
  for (const u of await d.user.findMany({ where: { email: { startsWith: "matrix-invite-" } } })) f.track("users", u.id);
  for (const m of await d.media.findMany({ where: { alt: "Matrix upload" } })) f.track("media", m.id);
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

/** An article for one cell: owned by the actor or by someone else, in the target's status. */
async function targetArticle(actor: Actor, cell: Cell): Promise<number | null> {
  if (cell.target === "new" || cell.target === "none") return null;
  const status = statusOf(cell.target) as "DRAFT" | "IN_REVIEW" | "PUBLISHED";
  const row = await f.article({
    headline: `Matrix ${cell.key} ${actor.role}`,
    status,
    sectionId: section.id,
    authorIds: [author.id],
    createdById: cell.target.startsWith("own") ? actor.id : someoneElse.id,
    publishedAt: status === "PUBLISHED" ? new Date(Date.now() - 3_600_000) : null,
  });
  return row.id;
}

let counter = 0;
const newArticle = (status: string) => ({
  headline: `Matrix new ${++counter}`,
  section: section.slug,
  authors: [author.slug],
  body: { html: "<p>Matrix body.</p>" },
  status,
});

/** Does what the cell names, through lib/, as `actor`. */
async function perform(actor: Actor, cell: Cell, id: number | null): Promise<unknown> {
  const n = ++counter;
  switch (cell.action) {
    case "article:read":
      return getArticleForEdit(actor, id!);
    case "article:write":
      return id === null
        ? createArticle(actor, newArticle("draft"))
        : updateArticle(actor, id, { dek: `Changed ${n}` });
    case "article:submit":
      return updateArticle(actor, id!, { status: "in_review", reviewNote: "Ready for a look." });
    case "article:publish":
      if (id === null) return createArticle(actor, newArticle("published"));
      return updateArticle(actor, id, { status: cell.target.endsWith("published") ? "unpublished" : "published" });
    case "article:review":
      return updateArticle(actor, id!, { status: "draft", reviewNote: "Needs a second source." });
    case "article:withdraw":
      // The owner's "back to draft" without a note; on someone else's article it is sending it back (editors).
      return updateArticle(actor, id!, { status: "draft" });
    case "article:take_down":
      return takeDownArticle(actor, id!, "A court order.");
    case "article:correct":
      return addArticleNote(actor, id!, { kind: "correction", text: "The date was wrong." });
    case "media:upload":
      return uploadImage(actor, { bytes: png, alt: "Matrix upload" });
    case "front:curate":
      return pinArticle(
        actor,
        { section: fronts[actor.role].section },
        { slot: 0, articleId: fronts[actor.role].articleId, expiresAt: null },
      );
    case "media:manage":
      return updateMedia(actor, managed[actor.role], { caption: `Edited by ${actor.role} ${n}` });
    case "author:manage":
      return createAuthor(actor, { name: `Matrix author ${f.suffix} ${n}` });
    case "section:manage":
      return createSection(actor, { name: `Matrix section ${n}`, slug: `matrix-${f.suffix}-${n}` });
    case "tag:manage":
      return createTag(actor, { name: `matrix-${f.suffix}-${n}` });
    case "user:manage":
      return inviteUser(actor, {
        email: `matrix-invite-${f.suffix}-${n}@example.test`,
        name: "Invitee",
        role: "AUTHOR",
      });
    case "token:manage":
      return issueApiToken(actor, { email: someoneElse.email, name: `matrix ${n}` });
    case "audit:read":
      return listAuditEvents(actor);
    case "settings:manage": {
      // The settings as they are: allowed saves change nothing (and so leave no audit row); refused ones throw.
      const p = await readPublication();
      return updatePublication(actor, {
        name: p.name,
        tagline: p.tagline,
        language: p.language,
        opinionDisclaimer: p.opinionDisclaimer === defaultDisclaimer(p.name) ? "" : p.opinionDisclaimer,
      });
    }
  }
}

const READS = new Set(["article:read", "audit:read", "settings:manage"]);

/** Everything a refused action could have touched. */
async function snapshot(id: number | null) {
  const d = db();
  const [articles, authors, sections, tags, users, tokens, media, notes, audit] = await Promise.all([
    d.article.count(),
    d.author.count(),
    d.section.count(),
    d.tag.count(),
    d.user.count(),
    d.apiToken.count(),
    d.media.count(),
    d.articleNote.count(),
    d.auditEvent.count(),
  ]);
  const pins = await d.frontPin.count();
  const row = id
    ? await d.article.findUnique({
        where: { id },
        select: { status: true, dek: true, reviewNote: true, updatedAt: true, takenDownReason: true },
      })
    : null;
  const captions = await d.media.findMany({
    where: { id: { in: Object.values(managed) } },
    select: { id: true, caption: true },
    orderBy: { id: "asc" },
  });
  return { articles, authors, sections, tags, users, tokens, media, notes, audit, row, captions, pins };
}

describe("the role × action matrix", () => {
  test("the expected table and lib/auth/permissions.ts agree on every cell, and every action has cells", () => {
    assert.deepEqual(uncoveredActions(), []);
    const disagreements = CELLS.flatMap((cell) =>
      ROLES.filter((role) => fromMatrix(role, cell) !== EXPECTED[cell.key]![role]).map(
        (role) => `${role} ${cell.key}: matrix says ${fromMatrix(role, cell)}, expected ${EXPECTED[cell.key]![role]}`,
      ),
    );
    assert.deepEqual(disagreements, []);
  });

  for (const role of ROLES) {
    describe(role.toLowerCase(), () => {
      for (const cell of CELLS) {
        const allowed = EXPECTED[cell.key]![role];
        test(`${cell.key}: ${allowed ? "allowed" : "refused (403, nothing changed)"}`, async () => {
          const actor = actors[role];
          const id = await targetArticle(actor, cell);
          const before = await snapshot(id);
          if (allowed) {
            await perform(actor, cell, id);
            if (!READS.has(cell.action)) assert.notDeepEqual(await snapshot(id), before, "an allowed change is stored");
            return;
          }
          await assert.rejects(
            () => perform(actor, cell, id),
            (error: unknown) => error instanceof DomainError && error.status === 403,
          );
          assert.deepEqual(await snapshot(id), before, "a refused action changes nothing");
        });
      }
    });
  }
});
