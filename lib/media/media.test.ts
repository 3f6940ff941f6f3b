import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

// Limits small enough to test; env() is read lazily, so setting them before the first call is enough.
const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-media-test-"));
process.env.MEDIA_DIR = mediaDir;
process.env.MEDIA_MAX_BYTES = String(2 * 1024 * 1024);
process.env.MEDIA_MAX_PIXELS = String(12_000_000);

import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { mediaResponse } from "./serve";
import { mediaFilePath } from "./storage";
import { uploadImage } from "./upload";
import { MEDIA_KEY_PATTERN, mediaUrl } from "./urls";

const f = new Factory();
let editor: Actor;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

async function upload(bytes: Buffer, extra: { alt?: string } = {}) {
  const result = await uploadImage(editor, { bytes, ...extra });
  f.track("media", result.id);
  return result;
}

async function expectError(fn: () => Promise<unknown>, status: number) {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.status, status, e.message);
    return true;
  });
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .png()
    .toBuffer();

before(async () => {
  const u = await f.user();
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("uploadImage", () => {
  test("a PNG made with sharp is accepted, re-encoded, capped at 2400 px wide and recorded", async () => {
    const input = await png(3000, 1000);
    const result = await upload(input, { alt: "  A red field  " });
    assert.equal(result.width, 2400);
    assert.equal(result.height, 800);
    assert.match(result.storageKey, MEDIA_KEY_PATTERN);
    assert.equal(result.url, mediaUrl(result.storageKey));
    assert.match(result.storageKey, /^\d{4}\/\d{2}\/[A-Za-z0-9_-]+\.png$/);
    const file = mediaFilePath(result.storageKey);
    assert.ok(file.startsWith(mediaDir + path.sep));
    const stored = await sharp(file).metadata();
    assert.equal(stored.format, "png");
    assert.equal(stored.width, 2400);
    const row = await db().media.findUniqueOrThrow({ where: { id: result.id } });
    assert.equal(row.mimeType, "image/png");
    assert.equal(row.alt, "A red field");
    assert.equal(row.uploadedById, editor.id);
  });

  test("JPEGs are auto-oriented and lose their metadata (EXIF, GPS)", async () => {
    const input = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#336699" } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "Secret camera serial 1234" } } })
      .toBuffer();
    assert.equal((await sharp(input).metadata()).orientation, 6);
    const result = await upload(input);
    assert.deepEqual([result.width, result.height], [200, 400], "rotated upright");
    const stored = await sharp(mediaFilePath(result.storageKey)).metadata();
    assert.equal(stored.format, "jpeg");
    assert.equal(stored.exif, undefined);
    assert.equal(stored.orientation, undefined);
  });

  test("the format is decided by the bytes: a text file called .jpg, an SVG and an empty file are refused", async () => {
    const before = filesUnder(mediaDir).length;
    await expectError(() => upload(Buffer.from("GIF89a? no. this is just text pretending to be photo.jpg\n")), 422);
    await expectError(
      () => upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
      422,
    );
    await expectError(() => upload(Buffer.alloc(0)), 422);
    // A real PNG header followed by garbage passes detection but fails decoding.
    const truncated = (await png(50, 50)).subarray(0, 60);
    await expectError(() => upload(truncated), 422);
    assert.equal(filesUnder(mediaDir).length, before, "nothing was written");
  });

  test("a PNG cut short anywhere (mid-pixels, before IEND, inside IEND) is 422 and nothing is written", async () => {
    // Noise, so the pixel data spans many bytes and a cut can land inside it.
    const raw = Buffer.alloc(300 * 200 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
    const whole = await sharp(raw, { raw: { width: 300, height: 200, channels: 3 } })
      .png()
      .toBuffer();
    const before = filesUnder(mediaDir).length;
    for (const keep of [
      Math.floor(whole.length / 2),
      whole.length - 100,
      whole.length - 12,
      whole.length - 4,
      whole.length - 1,
    ]) {
      await expectError(() => upload(whole.subarray(0, keep)), 422);
    }
    assert.equal(filesUnder(mediaDir).length, before, "nothing was written");
    const ok = await upload(whole);
    assert.deepEqual([ok.width, ok.height], [300, 200]);
  });

  test("files over MEDIA_MAX_BYTES and images over MEDIA_MAX_PIXELS are 413", async () => {
    await expectError(() => upload(Buffer.alloc(2 * 1024 * 1024 + 1, 0xff)), 413);
    // 4000 × 4000 = 16 MP, a few KB of PNG: a decompression bomb in miniature.
    const bomb = await png(4000, 4000);
    assert.ok(bomb.byteLength < 2 * 1024 * 1024);
    await expectError(() => upload(bomb), 413);
  });

  test("WebP stays WebP; nobody signed in is a 401", async () => {
    const webp = await sharp({
      create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .webp()
      .toBuffer();
    const result = await upload(webp);
    assert.match(result.storageKey, /\.webp$/);
    assert.equal(result.mimeType, "image/webp");
    await expectError(() => uploadImage(null, { bytes: webp }), 401);
  });

  test("when the row cannot be written the file is removed again", async () => {
    const before = filesUnder(mediaDir).length;
    const ghost: Actor = { ...editor, id: 2_000_000_000 }; // no such user: the foreign key fails
    const input = await png(20, 20);
    await assert.rejects(() => uploadImage(ghost, { bytes: input }));
    assert.equal(filesUnder(mediaDir).length, before);
  });
});

describe("serving /media", () => {
  test("an uploaded image is served with its type, a long immutable cache and an ETag; 304 on revalidation", async () => {
    const { storageKey } = await upload(await png(30, 20));
    const segments = storageKey.split("/");
    const res = await mediaResponse(new Request(`http://localhost/media/${storageKey}`), segments);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.match(res.headers.get("cache-control") ?? "", /max-age=31536000.*immutable/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const etag = res.headers.get("etag");
    assert.ok(etag);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal((await sharp(body).metadata()).width, 30);
    const again = await mediaResponse(
      new Request("http://localhost/", { headers: { "if-none-match": etag } }),
      segments,
    );
    assert.equal(again.status, 304);
    const head = await mediaResponse(new Request("http://localhost/", { method: "HEAD" }), segments);
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
  });

  test("traversal, unknown keys and stray files are 404", async () => {
    const { storageKey } = await upload(await png(10, 10));
    const [yyyy, mm] = storageKey.split("/");
    const cases = [
      ["..", "..", "etc", "passwd"],
      [yyyy!, mm!, "..", "..", "..", "etc", "passwd"],
      ["%2e%2e", "secret.png"],
      [yyyy!, mm!, "AAAAAAAAAAAAAAAAAAAAAA.png"], // the right shape, but not in the library
      [storageKey.replace(/\.png$/, ".jpg")],
      ["/etc/passwd"],
      [],
    ];
    for (const segments of cases) {
      const res = await mediaResponse(new Request("http://localhost/"), segments);
      assert.equal(res.status, 404, `segments ${JSON.stringify(segments)}`);
    }
    // A row whose file vanished is a 404 too, not a crash.
    const orphan = await f.media({ storageKey: `${yyyy}/${mm}/MissingFileMissingFile00.jpg` });
    assert.equal((await mediaResponse(new Request("http://localhost/"), orphan.storageKey.split("/"))).status, 404);
  });
});
