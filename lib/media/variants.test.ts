import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import type { Actor } from "../auth/permissions";

// env() is read once per process: point MEDIA_DIR at a scratch folder before anything reads it.
const mediaDir = mkdtempSync(path.join(tmpdir(), "broadsheet-variants-"));
process.env.MEDIA_DIR = mediaDir;

const { disconnectDb } = await import("../db");
const { Factory } = await import("../testing/factories");
const { uploadImage } = await import("./upload");
const { mediaResponse } = await import("./serve");
const { mediaFilePath } = await import("./storage");
const { pictureSources, responsiveImage } = await import("./responsive");
const { variantFilePath, variantsEncoded } = await import("./variants");
const { VARIANT_TYPES, parseVariantName, variantFormats, variantUrl, variantWidths } = await import("./urls");
const { GET: serveRoute } = await import("../../app/media/[...key]/route");
const { createElement } = await import("react");
const { renderToStaticMarkup } = await import("react-dom/server");
const { StoryCard } = await import("../../components/site/StoryCard");
const { imageView } = await import("../articles/view-models");

const f = new Factory();
let editor: Actor;

/** A photo-like picture (gradients and noise), so the encoders have real work to do. */
async function photo(width: number, height: number, format: "jpeg" | "png" | "webp" | "gif") {
  const noise = await sharp({
    create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } },
  })
    .blur(2)
    .png()
    .toBuffer();
  const base = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 110, b: 160 } } }).composite([
    { input: noise, blend: "overlay" },
  ]);
  return base[format]().toBuffer();
}

async function upload(bytes: Buffer) {
  const result = await uploadImage(editor, { bytes });
  f.track("media", result.id);
  return result;
}

const get = (url: string, headers: Record<string, string> = {}) => {
  const segments = url.replace(/^\/media\//, "").split("/");
  return serveRoute(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve({ key: segments }) });
};

/** sharp names AVIF's container "heif"; the AV1 compression is what makes it AVIF. */
const formatOf = (meta: Metadata) =>
  meta.format === "heif" && meta.compression === "av1" ? "avif" : meta.format === "jpeg" ? "jpg" : meta.format;

before(async () => {
  const u = await f.user();
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("which variants exist", () => {
  test("the standard widths below the original, then the original's own width up to 1600 px", () => {
    assert.deepEqual(variantWidths(2400), [320, 480, 640, 960, 1280, 1600]);
    assert.deepEqual(variantWidths(1600), [320, 480, 640, 960, 1280, 1600]);
    assert.deepEqual(variantWidths(1000), [320, 480, 640, 960, 1000]);
    assert.deepEqual(variantWidths(200), [200]);
    assert.deepEqual(variantWidths(0), []);
  });

  test("AVIF and WebP, then the original's format; nothing for GIFs or keys upload.ts cannot make", () => {
    assert.deepEqual(variantFormats("2026/11/AAAAAAAAAAAAAAAAAAAAAA.jpg"), ["avif", "webp", "jpg"]);
    assert.deepEqual(variantFormats("2026/11/AAAAAAAAAAAAAAAAAAAAAA.png"), ["avif", "webp", "png"]);
    assert.deepEqual(variantFormats("2026/11/AAAAAAAAAAAAAAAAAAAAAA.webp"), ["avif", "webp"]);
    assert.deepEqual(variantFormats("2026/11/AAAAAAAAAAAAAAAAAAAAAA.gif"), []);
    assert.deepEqual(variantFormats("test/some-image.jpg"), []);
    for (const name of [
      "w640.AVIF",
      "w0640.avif",
      "w640.jpeg",
      "w640.gif",
      "640.avif",
      "w640.avif.tmp",
      "w-1.webp",
      "w123456.jpg",
    ]) {
      assert.equal(parseVariantName(name), null, name);
    }
  });

  test("pictureSources builds one srcset per format and caps it at the layout's widest", () => {
    const key = "2026/11/AAAAAAAAAAAAAAAAAAAAAA.jpg";
    const image = responsiveImage(key, 1600, 900);
    const full = pictureSources(image);
    assert.deepEqual(
      full.sources.map((s) => s.type),
      ["image/avif", "image/webp"],
    );
    assert.equal(full.sources[0]!.srcSet.split(", ")[0], `${variantUrl(key, 320, "avif")} 320w`);
    assert.match(full.srcSet ?? "", /\/w1600\.jpg 1600w$/);
    const thumb = pictureSources(image, 480);
    assert.equal(thumb.srcSet, `${variantUrl(key, 320, "jpg")} 320w, ${variantUrl(key, 480, "jpg")} 480w`);
    // A picture narrower than every variant still gets its own width.
    assert.equal(pictureSources(responsiveImage(key, 200, 100), 480).srcSet, `${variantUrl(key, 200, "jpg")} 200w`);
    assert.deepEqual(pictureSources(responsiveImage("2026/11/AAAAAAAAAAAAAAAAAAAAAA.gif", 800, 600)), {
      sources: [],
      srcSet: undefined,
    });
    assert.deepEqual(pictureSources(responsiveImage("test/x.jpg", 800, 600)), { sources: [], srcSet: undefined });
  });
});

describe("serving variants", () => {
  test("every listed width and format is what its URL says, never wider than the original, with immutable headers", async () => {
    const { storageKey, width, height } = await upload(await photo(1000, 560, "jpeg"));
    for (const w of variantWidths(width)) {
      for (const format of variantFormats(storageKey)) {
        const url = variantUrl(storageKey, w, format);
        const res = await get(url);
        assert.equal(res.status, 200, url);
        assert.equal(res.headers.get("content-type"), VARIANT_TYPES[format]);
        assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
        assert.equal(res.headers.get("x-content-type-options"), "nosniff");
        const body = Buffer.from(await res.arrayBuffer());
        assert.equal(Number(res.headers.get("content-length")), body.byteLength);
        const meta = await sharp(body).metadata();
        assert.equal(formatOf(meta), format, url);
        assert.equal(meta.width, w, url);
        assert.ok(Math.abs(meta.height! - (height * w) / width) <= 1, `${url}: height ${meta.height}`);
      }
    }
    // The original's width is the widest there is: no upscaling, and no 1280 or 1600 for a 1000 px picture.
    for (const name of ["w1280.avif", "w1600.webp", "w1001.jpg", "w2000.jpg"]) {
      assert.equal((await get(`/media/${storageKey}/${name}`)).status, 404, name);
    }
  });

  test("AVIF and WebP are smaller than the JPEG fallback on a photo-like picture", async () => {
    const { storageKey } = await upload(await photo(1000, 560, "jpeg"));
    const size = async (format: "avif" | "webp" | "jpg") =>
      (await (await get(variantUrl(storageKey, 640, format))).arrayBuffer()).byteLength;
    const [avif, webp, jpg] = [await size("avif"), await size("webp"), await size("jpg")];
    assert.ok(avif < jpg && webp < jpg, `avif ${avif}, webp ${webp}, jpg ${jpg}`);
  });

  test("PNG originals fall back to PNG, WebP originals have no JPEG, GIFs have no variants", async () => {
    const png = await upload(await photo(500, 300, "png"));
    const pngRes = await get(variantUrl(png.storageKey, 320, "png"));
    assert.equal(pngRes.status, 200);
    assert.equal(formatOf(await sharp(Buffer.from(await pngRes.arrayBuffer())).metadata()), "png");
    assert.equal((await get(variantUrl(png.storageKey, 500, "webp"))).status, 200);
    assert.equal((await get(variantUrl(png.storageKey, 320, "jpg"))).status, 404);

    const webp = await upload(await photo(400, 300, "webp"));
    assert.equal((await get(variantUrl(webp.storageKey, 320, "webp"))).status, 200);
    assert.equal((await get(variantUrl(webp.storageKey, 320, "jpg"))).status, 404);

    const gif = await upload(await photo(400, 300, "gif"));
    assert.equal((await get(variantUrl(gif.storageKey, 320, "webp"))).status, 404);
    assert.equal((await get(variantUrl(gif.storageKey, 400, "avif"))).status, 404);
    assert.equal((await get(`/media/${gif.storageKey}`)).status, 200, "the GIF itself is still served");
  });

  test("an ETag, and 304 when it matches; HEAD has no body", async () => {
    const { storageKey } = await upload(await photo(700, 400, "jpeg"));
    const url = variantUrl(storageKey, 480, "webp");
    const first = await get(url);
    const etag = first.headers.get("etag");
    assert.ok(etag);
    assert.notEqual(etag, (await get(`/media/${storageKey}`)).headers.get("etag"), "not the original's ETag");
    assert.equal((await get(url, { "if-none-match": etag })).status, 304);
    const segments = url.replace(/^\/media\//, "").split("/");
    const head = await mediaResponse(new Request("http://localhost/", { method: "HEAD" }), segments);
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
  });

  test("concurrent first requests encode the variant once", async () => {
    const { storageKey } = await upload(await photo(1200, 700, "jpeg"));
    const url = variantUrl(storageKey, 960, "avif");
    const before = variantsEncoded();
    const responses = await Promise.all(Array.from({ length: 8 }, () => get(url)));
    const bodies = await Promise.all(responses.map(async (r) => Buffer.from(await r.arrayBuffer())));
    assert.deepEqual(
      responses.map((r) => r.status),
      Array(8).fill(200),
    );
    assert.equal(variantsEncoded() - before, 1);
    for (const body of bodies) assert.ok(body.equals(bodies[0]!));
    // Later requests read the file on disk.
    await get(url);
    assert.equal(variantsEncoded() - before, 1);
  });

  test("unknown keys, stray files, missing originals and malformed names are 404, and nothing is made for them", async () => {
    const { storageKey } = await upload(await photo(640, 360, "jpeg"));
    const [yyyy, mm] = storageKey.split("/");
    // A file with the right shape on disk but not in the library.
    const strayKey = `${yyyy}/${mm}/StrayStrayStrayStray00.jpg`;
    await mkdir(path.dirname(mediaFilePath(strayKey)), { recursive: true });
    await writeFile(mediaFilePath(strayKey), await photo(640, 360, "jpeg"));
    const orphan = await f.media({ storageKey: `${yyyy}/${mm}/MissingFileMissingFile00.jpg`, width: 640, height: 360 });
    const before = variantsEncoded();
    const urls = [
      variantUrl(strayKey, 320, "avif"),
      variantUrl(`${yyyy}/${mm}/AAAAAAAAAAAAAAAAAAAAAA.jpg`, 320, "avif"),
      variantUrl(orphan.storageKey, 320, "avif"),
      `/media/${storageKey}/w500.avif`,
      `/media/${storageKey}/w320.gif`,
      `/media/${storageKey}/w320.avif/extra`,
      `/media/${storageKey}/..`,
      `/media/${storageKey}/w320`,
      `/media/${yyyy}/${mm}/w320.avif`,
    ];
    for (const url of urls) assert.equal((await get(url)).status, 404, url);
    assert.equal(variantsEncoded(), before);
    await assert.rejects(() =>
      import("node:fs/promises").then((fs) => fs.stat(variantFilePath(strayKey, 320, "avif"))),
    );
  });
});

describe("story card markup", () => {
  const key = "2026/11/AAAAAAAAAAAAAAAAAAAAAA.jpg";
  const card = {
    id: 1,
    url: "/2026/11/30/a-story-a1",
    headline: "A story",
    dek: "",
    type: "NEWS" as const,
    publishedAt: "2026-11-30T08:00:00.000Z",
    section: { slug: "news", name: "News", url: "/news" },
    authors: [],
    image: imageView(key, 1600, 900, "A picture"),
  };
  const render = (variant: "lead" | "standard") =>
    renderToStaticMarkup(createElement(StoryCard, { card, locale: { language: "en", timeZone: "UTC" }, variant }));
  const widths = (html: string) => [...html.matchAll(/ (\d+)w/g)].map((m) => Number(m[1]));

  test("the home lead is the LCP image: eager, high priority, every width", () => {
    const html = render("lead");
    assert.match(
      html,
      /<picture class="story__image"><source type="image\/avif" srcSet="[^"]+"[^>]*\/><source type="image\/webp"/,
    );
    assert.match(html, /<img [^>]*fetchPriority="high"/);
    assert.doesNotMatch(html, /loading="lazy"/);
    assert.equal(Math.max(...widths(html)), 1600);
    assert.match(html, /width="1600" height="900"/);
  });

  test("a standard card is lazy and stops at 480 px", () => {
    const html = render("standard");
    assert.match(html, /loading="lazy"/);
    assert.doesNotMatch(html, /fetchPriority/);
    assert.deepEqual([...new Set(widths(html))], [320, 480]);
  });
});
