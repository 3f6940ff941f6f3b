import { test, expect } from "../fixtures";
import { db } from "../../lib/db";
import { deleteAuditRows, trackNewsroomRows } from "./newsroom-cleanup";

/**
 * An editor gives a published story its own search title and description: the previews in the editor follow as they
 * type, and after Update the page readers get keeps its headline while <title>, the description, OpenGraph, Twitter
 * and JSON-LD carry the overrides.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  await deleteAuditRows(factory);
});

test("SEO title and description: live previews in the editor, then on the reader page's metadata", async ({
  page,
  factory,
  signIn,
}) => {
  const article = await factory.article({
    headline: `Council approves harbour plan ${factory.suffix}`,
    dek: "The vote ends a decade of argument.",
    publishedAt: new Date(Date.now() - 3_600_000),
  });
  await signIn("EDITOR");
  await page.goto(`/admin/articles/${article.id}`);

  await page.getByText("Search and social").click();
  const preview = page.getByTestId("search-preview");
  await expect(preview).toContainText(`Council approves harbour plan ${factory.suffix}`);
  await expect(preview).toContainText("The vote ends a decade of argument.");

  const seoTitle = `Harbour plan: what the vote changes ${factory.suffix}`;
  await page.getByLabel("SEO title").fill(seoTitle);
  await page.getByLabel("SEO description").fill("Ferries, flats and a park: the plan in five points.".repeat(4));
  await expect(preview).toContainText("Harbour plan: what the vote");
  await expect(page.getByTestId("social-preview")).toContainText(seoTitle);
  // Past ~160 characters the hint says search results cut it.
  await expect(page.getByText(/characters: search results cut it after about 160/)).toBeVisible();
  await page.getByLabel("SEO description").fill("Ferries, flats and a park: the plan in five points.");
  await expect(page.getByText(/of about 160 characters that search results show/)).toBeVisible();

  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated on the site." })).toBeVisible();

  const html = await (
    await page.request.get((await page.getByRole("link", { name: "View on site" }).first().getAttribute("href")) ?? "/")
  ).text();
  expect(html).toContain(`<title>${seoTitle} — `);
  expect(html).toContain(`<meta property="og:title" content="${seoTitle}"`);
  expect(html).toContain(`<meta name="twitter:title" content="${seoTitle}"`);
  expect(html).toContain('<meta name="description" content="Ferries, flats and a park: the plan in five points."');
  expect(html).toContain('"description":"Ferries, flats and a park: the plan in five points."');
  // Readers still read the real headline.
  expect(html).toContain(`Council approves harbour plan ${factory.suffix}</h1>`);
});

test("the social image is chosen from the media library with the hero's picker dialog, by keyboard", async ({
  page,
  factory,
  signIn,
}) => {
  const word = `lighthouse${factory.suffix}`;
  const image = await factory.media({ alt: `A ${word} at dusk`, credit: "Ada Lens" });
  const article = await factory.article({ headline: `Harbour lights ${factory.suffix}` });
  await signIn("EDITOR");
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByText("Search and social").click();

  const choose = page.getByRole("button", { name: "Choose social image" });
  await choose.focus();
  await page.keyboard.press("Enter");
  const picker = page.getByRole("dialog", { name: "Choose a social image" });
  await expect(picker).toBeVisible();
  await expect(picker.getByLabel("Search the library")).toBeFocused();
  await page.keyboard.type(word);
  const option = picker.getByRole("button", { name: new RegExp(`A ${word} at dusk`) });
  await expect(option).toHaveCount(1);
  await option.focus();
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(page.getByTestId("seo-image-chosen")).toHaveText(
    `Media #${image.id} on social cards instead of the hero image.`,
  );
  await expect(page.getByTestId("social-preview").locator("img")).toHaveAttribute("src", new RegExp(image.storageKey));

  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated on the site." })).toBeVisible();
  expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).seoImageId).toBe(image.id);

  // Back to the hero: the override is cleared on the next save.
  await page.getByRole("button", { name: "Use the hero image" }).click();
  await expect(page.getByRole("button", { name: "Choose social image" })).toBeFocused();
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated on the site." })).toBeVisible();
  await expect
    .poll(async () => (await db().article.findUniqueOrThrow({ where: { id: article.id } })).seoImageId)
    .toBeNull();
});
