import { expect, type Page } from "@playwright/test";

/** Adds an author to the byline through the editor's searchable picker (a combobox): type the name, press Enter. */
export async function addAuthor(page: Page, name: string): Promise<void> {
  const picker = page.getByRole("combobox", { name: "Add an author" });
  await picker.fill(name);
  await expect(page.getByRole("option", { name, exact: true })).toBeVisible();
  await page.getByRole("option", { name, exact: true }).click();
  await expect(page.getByRole("list", { name: "Byline order" }).getByText(name, { exact: true })).toBeVisible();
}
