import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-removal-test-"));
process.env.MEDIA_DIR = mediaDir;

import { disconnectDb } from "../db";
import type { Actor } from "../auth/permissions";
import { DomainError } from "../errors";
import { updateArticle } from "../articles/mutations";
import { Factory } from "../testing/factories";
import { uploadImage } from "./upload";
import { mediaResponse } from "./serve";
import { mediaUrl } from "./urls";
import { GET as cropRoute } from "../../app/img/[id]/[variant]/route";

/**
 * Unpublishing or taking down an article with `removeImages` (issue 8, finding 14): its images answer 410 at
 * every URL — original, responsive variants, crops — and the derived files are deleted; an image another article
 * still shows is kept.
 */

const f = new Factory();
let admin: Actor;

before(async () => {
  const u = await f.user({ role: "ADMIN" });
  admin = { id: u.id, email: u.email, name: u.name, role: u.role };
});
after(async () => {
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

async function image(colour: number) {
  const bytes = await sharp({
    create: { width: 1400, height: 900, channels: 3, background: { r: colour, g: 90, b: 40 } },
  })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadImage(admin, { bytes, alt: "A picture" });
  f.track("media", uploaded.id);
  return uploaded;
}

/** Status of GET for a site path: /media/… through lib/media/serve, /img/<id>/<crop>.jpg through its route. */
async function statusOf(sitePath: string): Promise<number> {
  const request = new Request(`http://localhost:3000${sitePath}`);
  if (sitePath.startsWith("/media/"))
    return (await mediaResponse(request, sitePath.slice("/media/".length).split("/"))).status;
  const [, , id, variant] = sitePath.split("/");
  return (await cropRoute(request, { params: Promise.resolve({ id: id!, variant: variant! }) })).status;
}

const figureBody = (mediaId: number) => ({
  type: "doc" as const,
  content: [
    { type: "paragraph" as const, content: [{ type: "text" as const, text: "Words." }] },
    {
      type: "figure" as const,
      attrs: { mediaId, src: "", width: 0, height: 0, alt: "In the body", caption: "", credit: "" },
    },
  ],
});

test("unpublish with removeImages: hero and body images answer 410 everywhere and their derived files are gone", async () => {
  const hero = await image(10);
  const inBody = await image(20);
  const article = await f.article({ heroMediaId: hero.id, body: figureBody(inBody.id) });
  const heroKey = mediaUrl(hero.storageKey);
  // Made before the removal: a variant and a crop, as readers' requests would.
  assert.equal(await statusOf(`${heroKey}/w640.webp`), 200);
  assert.equal(await statusOf(`/img/${hero.id}/16x9.jpg`), 200);
  assert.ok(existsSync(path.join(mediaDir, "variants", ...hero.storageKey.split("/"), "w640.webp")));

  await updateArticle(admin, article.id, { status: "unpublished", removeImages: true });

  for (const url of [
    heroKey,
    `${heroKey}/w640.webp`,
    `${heroKey}/w320.avif`,
    mediaUrl(inBody.storageKey),
    `/img/${hero.id}/16x9.jpg`,
    `/img/${hero.id}/1x1.jpg`,
  ]) {
    assert.equal(await statusOf(url), 410, url);
  }
  assert.equal(existsSync(path.join(mediaDir, "variants", ...hero.storageKey.split("/"))), false);
  assert.equal(existsSync(path.join(mediaDir, "crops", String(hero.id))), false);
});

test("take-down with removeImages keeps an image another article still shows", async () => {
  const shared = await image(30);
  const own = await image(40);
  const article = await f.article({ heroMediaId: own.id, body: figureBody(shared.id) });
  await f.article({ heroMediaId: shared.id });
  await updateArticle(admin, article.id, {
    status: "taken_down",
    takenDownReason: "Court order 2026/114.",
    removeImages: true,
  });
  assert.equal(await statusOf(mediaUrl(own.storageKey)), 410);
  assert.equal(await statusOf(mediaUrl(shared.storageKey)), 200);
});

test("without removeImages an unpublished article's images stay (an editor's choice), and removeImages needs a removal status", async () => {
  const hero = await image(50);
  const article = await f.article({ heroMediaId: hero.id });
  await updateArticle(admin, article.id, { status: "unpublished" });
  assert.equal(await statusOf(mediaUrl(hero.storageKey)), 200);
  await assert.rejects(
    updateArticle(admin, article.id, { headline: "Still here", removeImages: true }),
    (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.status, 422);
      assert.equal(e.fields?.removeImages, 'removeImages goes with status "unpublished" or "taken_down".');
      return true;
    },
  );
});
