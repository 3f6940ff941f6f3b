import sharp from "sharp";
import { db } from "../../lib/db";
import { expectNoAxeViolations } from "../axe";
import { test, expect, expectedArticlePath } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The media library (issue 9, item 6) as an editor uses it: upload from the library, find the picture again by its
 * caption, correct its credit, pick it as an article's hero through the picker dialog (keyboard included), see the
 * credit on the public page — and again after a later edit of the library's credit — and be refused deletion while
 * the article uses it.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
});

test("upload, search by caption, edit the credit, pick as hero, the article shows it, delete refused while used", async ({
  page,
  factory,
  signIn,
}) => {
  // A long walk through five screens and the public site: three times the usual budget on a shared machine.
  test.slow();
  const word = `heron${factory.suffix}`;
  const article = await factory.article({ headline: `Wetlands reopen ${factory.suffix}` });
  const { timeZone } = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  await signIn("EDITOR");

  // Upload from the library page.
  await page.goto("/admin/media");
  await expect(page.getByRole("heading", { level: 1, name: "Media library" })).toBeVisible();
  await expectNoAxeViolations(page);
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 120, b: 90 } } })
    .jpeg()
    .toBuffer();
  const upload = page.getByRole("form", { name: "Upload an image" });
  await upload.getByLabel("Image file").setInputFiles({ name: "heron.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await upload.getByLabel("Caption").fill(`A grey ${word} in the reeds`);
  await upload.getByLabel("Credit").fill("Old Credit");
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/admin\/media\/\d+\?uploaded=1$/);
  const mediaId = Number(/\/admin\/media\/(\d+)/.exec(page.url())![1]);

  // Find it again by a word of its caption.
  await page.goto("/admin/media");
  await page.getByRole("searchbox", { name: "Search" }).fill(word);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  await expect(page.getByRole("status").filter({ hasText: /image/ })).toHaveText("1 image");
  await page.getByRole("link", { name: `A grey ${word} in the reeds` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/media/${mediaId}$`));

  // Edit: alt text is required (not decorative), then the credit is corrected.
  const edit = page.getByRole("form", { name: "Edit image" });
  await edit.getByLabel("Credit").fill(`Ada Lens ${factory.suffix}`);
  await edit.getByRole("button", { name: "Save image" }).click();
  await expect(edit.getByLabel("Alt text", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Describe the image for people who cannot see it")).toBeVisible();
  await edit.getByLabel("Alt text", { exact: true }).fill("A grey heron standing in reeds");
  await edit.getByLabel("Credit").fill(`Ada Lens ${factory.suffix}`);
  await edit.getByRole("button", { name: "Save image" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Image saved" })).toBeVisible();
  await expectNoAxeViolations(page);
  const saved = await db().media.findUniqueOrThrow({ where: { id: mediaId } });
  expect([saved.alt, saved.credit]).toEqual(["A grey heron standing in reeds", `Ada Lens ${factory.suffix}`]);

  // Pick it as the hero through the picker, by keyboard: the dialog is labelled, Escape closes it and focus returns.
  await page.goto(`/admin/articles/${article.id}`);
  const choose = page.getByRole("button", { name: "Choose from the library" });
  await choose.focus();
  await page.keyboard.press("Enter");
  const picker = page.getByRole("dialog", { name: "Choose a hero image" });
  await expect(picker).toBeVisible();
  await expect(picker.getByLabel("Search the library")).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  await expect(choose).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(picker).toBeVisible();
  await page.keyboard.type(word);
  const option = picker.getByRole("button", { name: /A grey heron standing in reeds/ });
  await expect(option).toHaveCount(1);
  await option.focus();
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(page.locator(".nr-hero-preview")).toHaveAttribute("src", new RegExp(saved.storageKey));
  await page.getByRole("button", { name: "Update", exact: true }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /saved|updated/i })
      .first(),
  ).toBeVisible();
  await expect
    .poll(async () => (await db().article.findUniqueOrThrow({ where: { id: article.id } })).heroMediaId)
    .toBe(mediaId);

  // The public article shows the library's credit.
  const articleUrl = expectedArticlePath(article, timeZone);
  await page.goto(articleUrl);
  const figure = page.locator("figure.article__hero");
  await expect(figure.locator("img")).toHaveAttribute("alt", "A grey heron standing in reeds");
  await expect(figure.locator("figcaption")).toContainText(`Ada Lens ${factory.suffix}`);

  // A later edit of the library's credit reaches the (cached) page at once.
  await page.goto(`/admin/media/${mediaId}`);
  await page.getByRole("form", { name: "Edit image" }).getByLabel("Credit").fill(`Bo Shutter ${factory.suffix}`);
  await page.getByRole("button", { name: "Save image" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Image saved" })).toBeVisible();
  await page.goto(articleUrl);
  await expect(page.locator("figure.article__hero figcaption")).toContainText(`Bo Shutter ${factory.suffix}`);

  // Where used names the article with its status; deletion is refused with a message naming it.
  await page.goto(`/admin/media/${mediaId}`);
  const used = page.getByRole("region", { name: "Where it is used" });
  await expect(used.getByRole("link", { name: article.headline })).toHaveAttribute(
    "href",
    `/admin/articles/${article.id}`,
  );
  await expect(used.getByRole("cell", { name: "Published" })).toBeVisible();
  await page.getByRole("button", { name: "Delete image" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    `This image is still used, so it cannot be deleted: “${article.headline}” (published, hero)`,
  );
  expect((await db().media.findUniqueOrThrow({ where: { id: mediaId } })).removedAt).toBeNull();
  expect((await page.request.get(`/media/${saved.storageKey}`)).status()).toBe(200);
});

test("the body's Image button inserts a picture chosen from the library, with the library's texts", async ({
  page,
  factory,
  signIn,
}) => {
  const word = `otter${factory.suffix}`;
  const media = await factory.media({ alt: `An otter ${word}`, caption: "On the riverbank", credit: "Sam Reed" });
  const article = await factory.article({ headline: `River life ${factory.suffix}`, status: "DRAFT" });
  await signIn("EDITOR");
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByRole("button", { name: "Insert image" }).click();
  const picker = page.getByRole("dialog", { name: "Insert an image" });
  await picker.getByLabel("Search the library").fill(word);
  await picker.getByRole("button", { name: new RegExp(`An otter ${word}`) }).click();
  await expect(picker).toBeHidden();
  const figure = page.locator(".nr-node-figure");
  await expect(figure.getByLabel("Alt text")).toHaveValue(`An otter ${word}`);
  await expect(figure.getByLabel("Caption")).toHaveValue("On the riverbank");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect
    .poll(async () => JSON.stringify((await db().article.findUniqueOrThrow({ where: { id: article.id } })).body))
    .toContain(`"mediaId":${media.id}`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the library's search, date filter and image page work", async ({ page, factory, signIn }) => {
    const word = `lynx${factory.suffix}`;
    const media = await factory.media({ alt: "A lynx", caption: `The ${word} at night` });
    await signIn("EDITOR");
    const today = new Date().toISOString().slice(0, 10);
    await page.goto("/admin/media");
    await page.getByRole("searchbox", { name: "Search" }).fill(word);
    await page.getByLabel("Uploaded from").fill(today);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /image/ })).toHaveText("1 image");
    await page.getByRole("link", { name: "A lynx" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/media/${media.id}$`));
    await expect(page.getByRole("region", { name: "Where it is used" })).toContainText("Nothing uses this image.");
    await page.goto(`/admin/media?q=${word}&from=2000-01-01&to=2000-01-02`);
    await expect(page.getByText("No image matches this search.")).toBeVisible();
  });
});
