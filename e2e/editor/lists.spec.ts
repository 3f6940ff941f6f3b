import { test, expect } from "../fixtures";
import { deleteAuditRows } from "./newsroom-cleanup";

/**
 * The authors and tags screens stay usable at newsroom scale: a search box that works without JavaScript, and pages
 * of 50 rows instead of one endless table.
 */

test.afterEach(async ({ factory }) => {
  await deleteAuditRows(factory);
});

test("tags and authors are searched from a plain form and listed 50 to a page", async ({ page, factory, signIn }) => {
  for (let i = 0; i < 3; i++) await factory.tag(`Lighthouse ${factory.suffix} ${i}`);
  for (let i = 0; i < 2; i++) await factory.author({ name: `Lamplighter ${factory.suffix} ${i}` });
  await signIn("EDITOR");

  await page.goto("/admin/tags");
  expect(await page.locator(".nr-table tbody tr").count()).toBeLessThanOrEqual(50);
  await page.getByLabel("Search tags").fill(`lighthouse ${factory.suffix}`);
  await page.getByLabel("Search tags").press("Enter");
  await expect(page).toHaveURL(/\/admin\/tags\?q=lighthouse/);
  await expect(page.getByRole("search").getByRole("status")).toHaveText(
    `3 tags matching “lighthouse ${factory.suffix}”`,
  );
  await expect(page.locator(".nr-table tbody tr")).toHaveCount(3);

  await page.goto(`/admin/authors?q=${encodeURIComponent(`LAMPLIGHTER ${factory.suffix}`)}`);
  await expect(page.locator(".nr-table tbody tr")).toHaveCount(2);
  await expect(page.getByRole("link", { name: `Lamplighter ${factory.suffix} 0` })).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/admin\/authors$/);
  expect(await page.locator(".nr-table tbody tr").count()).toBeLessThanOrEqual(50);
});
