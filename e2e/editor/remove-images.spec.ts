import { test, expect } from "../fixtures";

/**
 * A take-down in the newsroom with "Remove its images too" (issue 8, finding 14): the article's hero then answers
 * 410 Gone at its original URL and at every variant, instead of staying public (cached a year).
 */

test("taking down with 'Remove its images too' makes the hero answer 410", async ({
  page,
  factory,
  signIn,
  request,
}) => {
  const key = `2026/11/${factory
    .unique("removedhero")
    .replace(/[^A-Za-z0-9_-]/g, "")
    .padEnd(16, "x")
    .slice(0, 40)}.jpg`;
  const hero = await factory.media({ storageKey: key });
  const article = await factory.article({
    headline: `Removed with its images ${factory.suffix}`,
    heroMediaId: hero.id,
  });
  await signIn("ADMIN");
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByText("Take down this article…").click();
  await page
    .getByLabel("Reason (kept on record, not shown to readers)")
    .fill("Court order: the photograph identifies a minor.");
  await page.getByLabel("Remove its images too (they answer 410 Gone everywhere)").check();
  await page.getByRole("button", { name: "Take down" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${article.id}\\?taken-down=1$`));
  for (const url of [`/media/${key}`, `/media/${key}/w640.webp`, `/media/${key}/w1280.avif`]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(410);
    expect(await response.text()).toBe("This image has been removed.");
  }
});
