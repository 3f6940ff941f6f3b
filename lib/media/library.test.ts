import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-library-test-"));
process.env.MEDIA_DIR = mediaDir;

import { db, disconnectDb } from "../db";
import type { Actor } from "../auth/permissions";
import { DomainError } from "../errors";
import { Factory } from "../testing/factories";
import { uploadImage } from "./upload";
import { deleteMedia, getMediaWithUsage, listMedia, updateMedia } from "./library";
import { focalWindow, heroCrop } from "./crops";
import { mediaResponse } from "./serve";
import { mediaUrl } from "./urls";
import { loadSectionPage } from "../sections/public";

/**
 * The media library (issue 9, item 6) against the real database and real sharp output: search by alt/caption/credit
 * through the trigram indexes, the date filter and pages, where an image is used, deletion refused while used, and
 * crops that follow the focal point.
 */

const f = new Factory();
let admin: Actor;

before(async () => {
  const u = await f.user({ role: "EDITOR" });
  admin = { id: u.id, email: u.email, name: u.name, role: u.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

async function upload(texts: { alt?: string; caption?: string; credit?: string }, width = 800, height = 500) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadImage(admin, { bytes, ...texts });
  f.track("media", uploaded.id);
  return uploaded;
}

const rejectsWith = (status: number, check?: (e: DomainError) => void) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.status, status, e.message);
  check?.(e);
  return true;
};

describe("search, date filter and pages", () => {
  const word = `zebra${f.suffix}`;
  let a: Awaited<ReturnType<typeof upload>>;
  let b: Awaited<ReturnType<typeof upload>>;
  let c: Awaited<ReturnType<typeof upload>>;

  before(async () => {
    a = await upload({ alt: "A crossing on Main Street", caption: `The ${word} crossing at dawn`, credit: "Ana Lima" });
    b = await upload({ alt: `Two ${word.toUpperCase()}s grazing`, caption: "", credit: "Reuters" });
    c = await upload({ alt: "A harbour", caption: "100% of the boats are back", credit: `Studio ${word}` });
    // Spread the uploads over three days, so the date filter has something to tell apart.
    await db().media.update({ where: { id: a.id }, data: { createdAt: new Date("2026-03-01T10:00:00Z") } });
    await db().media.update({ where: { id: b.id }, data: { createdAt: new Date("2026-03-02T10:00:00Z") } });
    await db().media.update({ where: { id: c.id }, data: { createdAt: new Date("2026-03-03T10:00:00Z") } });
  });

  test("a word finds images by caption, alt or credit, in any case, newest first", async () => {
    const page = await listMedia(admin, { q: word });
    assert.deepEqual(
      page.items.map((i) => i.id),
      [c.id, b.id, a.id],
    );
    assert.equal(page.total, 3);
    // Responsive variants for thumbnails come with each item.
    assert.ok(page.items[0]!.image.widths.includes(320));
  });

  test("every word must match somewhere; % and _ are plain letters", async () => {
    assert.deepEqual(
      (await listMedia(admin, { q: `${word} dawn` })).items.map((i) => i.id),
      [a.id],
    );
    assert.deepEqual(
      (await listMedia(admin, { q: `${word} reuters` })).items.map((i) => i.id),
      [b.id],
    );
    assert.deepEqual(
      (await listMedia(admin, { q: `${word} 100%` })).items.map((i) => i.id),
      [c.id],
    );
    assert.equal((await listMedia(admin, { q: `${word} 1_0` })).total, 0);
    // "%" alone matches only the caption that has one ("100% of the boats").
    assert.deepEqual(
      (await listMedia(admin, { q: `${word} %` })).items.map((i) => i.id),
      [c.id],
    );
  });

  test("upload date range: from (inclusive) and before (exclusive)", async () => {
    const page = await listMedia(admin, {
      q: word,
      from: new Date("2026-03-02T00:00:00Z"),
      before: new Date("2026-03-03T00:00:00Z"),
    });
    assert.deepEqual(
      page.items.map((i) => i.id),
      [b.id],
    );
  });

  test("pages of a given size", async () => {
    const first = await listMedia(admin, { q: word, pageSize: 2 });
    const second = await listMedia(admin, { q: word, pageSize: 2, page: 2 });
    assert.equal(first.pageCount, 2);
    assert.deepEqual(
      [...first.items, ...second.items].map((i) => i.id),
      [c.id, b.id, a.id],
    );
  });

  test("the search is served by the trigram indexes", async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Media" WHERE alt ILIKE $1 OR caption ILIKE $1 OR credit ILIKE $1`,
        `%${word}%`,
      );
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    assert.match(text, /Media_caption_idx/);
    assert.match(text, /Media_credit_idx/);
  });

  test("nobody signed in: 401", async () => {
    await assert.rejects(listMedia(null, {}), rejectsWith(401));
  });
});

const figureBody = (mediaId: number) => ({
  type: "doc" as const,
  content: [
    { type: "paragraph" as const, content: [{ type: "text" as const, text: "Words." }] },
    { type: "figure" as const, attrs: { mediaId, src: "", width: 0, height: 0, alt: "x", caption: "", credit: "" } },
  ],
});

describe("where used and deletion", () => {
  test("lists articles using it as hero or in the body, whatever their status, and author photos", async () => {
    const img = await upload({ alt: "Shared picture" });
    const hero = await f.article({ headline: `Hero story ${f.suffix}`, heroMediaId: img.id });
    const draft = await f.article({ headline: `Body draft ${f.suffix}`, status: "DRAFT", body: figureBody(img.id) });
    const author = await f.author({ name: `Pat Photo ${f.suffix}` });
    await db().author.update({ where: { id: author.id }, data: { photoId: img.id } });
    const unused = await f.article({ headline: "Unrelated" });

    const { usage } = await getMediaWithUsage(admin, img.id);
    const byId = new Map(usage.articles.map((a) => [a.id, a]));
    assert.equal(usage.articles.length, 2);
    assert.equal(byId.has(unused.id), false);
    assert.deepEqual(
      { status: byId.get(hero.id)!.status, asHero: byId.get(hero.id)!.asHero, inBody: byId.get(hero.id)!.inBody },
      { status: "published", asHero: true, inBody: false },
    );
    assert.deepEqual(
      { status: byId.get(draft.id)!.status, asHero: byId.get(draft.id)!.asHero, inBody: byId.get(draft.id)!.inBody },
      { status: "draft", asHero: false, inBody: true },
    );
    assert.deepEqual(
      usage.authors.map((a) => a.name),
      [author.name],
    );

    // Delete is refused while anything uses it, with a message naming where; nothing changes.
    await assert.rejects(
      deleteMedia(admin, img.id),
      rejectsWith(409, (e) => {
        assert.match(e.message, new RegExp(`“Hero story ${f.suffix}” \\(published, hero\\)`));
        assert.match(e.message, new RegExp(`“Body draft ${f.suffix}” \\(draft, in the body\\)`));
        assert.match(e.message, new RegExp(`photo of author Pat Photo ${f.suffix}`));
      }),
    );
    assert.equal((await db().media.findUniqueOrThrow({ where: { id: img.id } })).removedAt, null);

    // Freed everywhere: now it goes, its URL answers 410 and the library no longer lists it.
    await db().article.update({ where: { id: hero.id }, data: { heroMediaId: null } });
    await db().article.update({
      where: { id: draft.id },
      data: { body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] } },
    });
    await db().author.update({ where: { id: author.id }, data: { photoId: null } });
    const variant = `${img.storageKey}/w320.webp`.split("/");
    assert.equal((await mediaResponse(new Request("http://x/"), variant)).status, 200);
    await deleteMedia(admin, img.id);
    assert.ok((await db().media.findUniqueOrThrow({ where: { id: img.id } })).removedAt);
    assert.equal((await mediaResponse(new Request("http://x/"), img.storageKey.split("/"))).status, 410);
    assert.equal(existsSync(path.join(mediaDir, "variants", ...img.storageKey.split("/"))), false);
    assert.equal(
      (await listMedia(admin, { q: "Shared picture" })).items.some((i) => i.id === img.id),
      false,
    );
    await assert.rejects(updateMedia(admin, img.id, { alt: "Again", caption: "", credit: "" }), rejectsWith(409));
  });

  test("an unknown image is a 404", async () => {
    await assert.rejects(deleteMedia(admin, 2_000_000_000), rejectsWith(404));
    await assert.rejects(getMediaWithUsage(admin, 2_000_000_000), rejectsWith(404));
  });
});

describe("editing", () => {
  test("alt is required unless decorative; a decorative image has none; the focal point is inside the image", async () => {
    const img = await upload({ alt: "Before" });
    await assert.rejects(
      updateMedia(admin, img.id, { alt: "  ", caption: "", credit: "" }),
      rejectsWith(422, (e) => assert.match(e.fields?.alt ?? "", /Describe the image/)),
    );
    await assert.rejects(
      updateMedia(admin, img.id, { alt: "Text", caption: "", credit: "", decorative: true }),
      rejectsWith(422, (e) => assert.match(e.fields?.alt ?? "", /decorative image has no alt/)),
    );
    await assert.rejects(
      updateMedia(admin, img.id, { alt: "Text", caption: "", credit: "", focal: { x: 1.5, y: 0.5 } }),
      rejectsWith(422, (e) => assert.ok(e.fields?.["focal.x"])),
    );
    const decorative = await updateMedia(admin, img.id, { alt: "", caption: "", credit: "", decorative: true });
    assert.equal(decorative.decorative, true);
    // Left out, "decorative" keeps its value: a description needs it turned off in the same edit.
    await assert.rejects(updateMedia(admin, img.id, { alt: "A new description" }), rejectsWith(422));
    const edited = await updateMedia(admin, img.id, {
      decorative: false,
      alt: "A new description",
      caption: "A caption",
      credit: "Jo Credit",
      focal: { x: 0.25, y: 0.75 },
    });
    assert.deepEqual(
      { alt: edited.alt, caption: edited.caption, credit: edited.credit, focal: edited.focal },
      { alt: "A new description", caption: "A caption", credit: "Jo Credit", focal: { x: 0.25, y: 0.75 } },
    );
    await assert.rejects(updateMedia(null, img.id, { alt: "x", caption: "", credit: "" }), rejectsWith(401));
  });
});

describe("focal point crops", () => {
  test("the window keeps the focal point in view and inside the image", () => {
    const box = { width: 1200, height: 1200 };
    assert.deepEqual(focalWindow(2400, 900, box, { x: 0.5, y: 0.5 }).extract, { left: 1000, top: 0, ...box });
    assert.deepEqual(focalWindow(2400, 900, box, { x: 0, y: 0.5 }).extract, { left: 0, top: 0, ...box });
    assert.deepEqual(focalWindow(2400, 900, box, { x: 1, y: 0.5 }).extract, { left: 2000, top: 0, ...box });
  });

  test("moving the focal point changes the real crop: a red left half and a blue right half", async () => {
    // 2400×900: left half red, right half blue. A square crop can hold only one of them.
    const red = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const bytes = await sharp({ create: { width: 2400, height: 900, channels: 3, background: "#0000ff" } })
      .composite([{ input: red, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const img = await uploadImage(admin, { bytes, alt: "Red and blue" });
    f.track("media", img.id);
    const section = await f.section({ description: "Has a front" });
    await f.article({ heroMediaId: img.id, sectionId: section.id });

    const centre = async () => {
      const crop = await heroCrop(img.id, "1x1");
      assert.ok(crop);
      const { data, info } = await sharp(crop).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height], [1200, 1200]);
      const at = (x: number) => {
        const i = (600 * info.width + x) * info.channels;
        return { r: data[i]!, b: data[i + 2]! };
      };
      return { left: at(20), middle: at(600), right: at(1180) };
    };

    await updateMedia(admin, img.id, { alt: "Red and blue", caption: "", credit: "", focal: { x: 0.1, y: 0.5 } });
    const leftCrop = await centre();
    for (const px of Object.values(leftCrop)) assert.ok(px.r > 200 && px.b < 60, JSON.stringify(leftCrop));
    assert.ok(existsSync(path.join(mediaDir, "crops", String(img.id))));

    await updateMedia(admin, img.id, { alt: "Red and blue", caption: "", credit: "", focal: { x: 0.9, y: 0.5 } });
    const rightCrop = await centre();
    for (const px of Object.values(rightCrop)) assert.ok(px.b > 200 && px.r < 60, JSON.stringify(rightCrop));

    // Cards crop with CSS: their view model carries the point for `object-position`.
    const front = await loadSectionPage(section.slug, 1, "UTC");
    assert.deepEqual(front?.articles.items[0]?.image?.focal, { x: 0.9, y: 0.5 });

    // Only the crops made around the current point are on disk: the old ones were deleted with the move.
    const { readdirSync } = await import("node:fs");
    assert.equal(readdirSync(path.join(mediaDir, "crops", String(img.id))).length, 1);
    assert.equal(mediaUrl(img.storageKey), img.url);
  });
});
