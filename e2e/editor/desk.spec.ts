import type { Locator } from "@playwright/test";
import sharp from "sharp";
import { db } from "../../lib/db";
import { test, expect } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The newsroom's reference screens: authors (with photo and links), sections (admins only) and tags. Each form
 * must keep what was typed when the server refuses it, and show why beside the field.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
});

/** The message a field points at with aria-describedby (the first id is its error), once the field is invalid. */
async function errorOf(field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const id = (await field.getAttribute("aria-describedby"))!.split(" ")[0]!;
  return field.page().locator(`[id="${id}"]`);
}

test("authors: a refused link keeps the form; a photo is uploaded and shown", async ({ page, factory, signIn }) => {
  const s = factory.suffix;
  await signIn("ADMIN");
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Authors" }).click();
  const form = page.getByRole("form", { name: "New author" });
  await form.getByLabel("Name", { exact: true }).fill(`Rosa Field ${s}`);
  await form.getByLabel("Job title").fill("Environment correspondent");
  await form.getByLabel("Bio").fill("Covers rivers and the people who live by them.");
  await form.getByLabel("Links").fill("Website | not-a-url");
  await form.getByLabel("Pseudonymous").check();
  await form.getByRole("button", { name: "Create author" }).click();

  const links = form.getByLabel("Links");
  await expect(links).toHaveAttribute("aria-invalid", "true");
  await expect(await errorOf(links)).toHaveText("Links must be full http(s) or mailto addresses.");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(`Rosa Field ${s}`);
  await expect(form.getByLabel("Bio")).toHaveValue("Covers rivers and the people who live by them.");
  await expect(form.getByLabel("Pseudonymous")).toBeChecked();

  await links.fill("Website | https://example.org/rosa");
  const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 200, g: 160, b: 90 } } })
    .png()
    .toBuffer();
  await form
    .getByLabel("Photo", { exact: true })
    .setInputFiles({ name: "rosa.png", mimeType: "image/png", buffer: png });
  await form.getByRole("button", { name: "Create author" }).click();

  await expect(page).toHaveURL(/\/admin\/authors\/\d+\?created=1$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Author created.");
  await expect(page.getByRole("img", { name: `Photo of Rosa Field ${s}` })).toBeVisible();
  const row = await db().author.findUniqueOrThrow({ where: { slug: `rosa-field-${s}` } });
  expect(row).toMatchObject({
    jobTitle: "Environment correspondent",
    pseudonymous: true,
    links: [{ label: "Website", url: "https://example.org/rosa" }],
  });
  expect(row.photoId).not.toBeNull();

  const edit = page.getByRole("form", { name: `Edit author Rosa Field ${s}` });
  await edit.getByLabel("Job title").fill("Rivers editor");
  await edit.getByRole("button", { name: "Save author" }).click();
  await expect(edit.getByRole("status")).toHaveText("Author saved.");
  await expect(edit.getByLabel("Job title")).toHaveValue("Rivers editor");
  expect((await db().author.findUniqueOrThrow({ where: { id: row.id } })).jobTitle).toBe("Rivers editor");
});

test("sections: created and renamed by an admin; a reserved slug is refused beside the field", async ({
  page,
  factory,
  signIn,
}) => {
  const s = factory.suffix;
  await signIn("ADMIN");
  await page.goto("/admin/sections");
  const create = page.getByRole("form", { name: "New section" });
  await create.getByLabel("Name", { exact: true }).fill(`Rivers ${s}`);
  await create.getByLabel("Slug", { exact: true }).fill("admin");
  await create.getByRole("button", { name: "Create section" }).click();
  await expect(create.getByLabel("Slug", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(await errorOf(create.getByLabel("Slug", { exact: true }))).toHaveText(/reserved for the site/);
  await expect(create.getByLabel("Name", { exact: true })).toHaveValue(`Rivers ${s}`);

  await create.getByLabel("Slug", { exact: true }).fill(`rivers-${s}`);
  await create.getByRole("button", { name: "Create section" }).click();
  const edit = page.getByRole("form", { name: `Edit section Rivers ${s}` });
  await expect(edit).toBeVisible();
  await edit.getByLabel("Name", { exact: true }).fill(`Rivers and lakes ${s}`);
  await edit.getByRole("button", { name: "Save" }).click();
  // The list re-renders with the new name; the same form (kept by section id) reports the save.
  const renamed = page.getByRole("form", { name: `Edit section Rivers and lakes ${s}` });
  await expect(renamed.getByRole("status")).toHaveText("Section saved.");
  await expect(renamed.getByLabel("Name", { exact: true })).toHaveValue(`Rivers and lakes ${s}`);
  expect((await db().section.findUniqueOrThrow({ where: { slug: `rivers-${s}` } })).name).toBe(`Rivers and lakes ${s}`);
});

test("tags: created, then a clashing rename is refused", async ({ page, factory, signIn }) => {
  const s = factory.suffix;
  await signIn("EDITOR");
  await page.goto("/admin/tags");
  const create = page.getByRole("form", { name: "New tag" });
  for (const name of [`Floods ${s}`, `Droughts ${s}`]) {
    await create.getByLabel("Name", { exact: true }).fill(name);
    await create.getByRole("button", { name: "Create tag" }).click();
    await expect(page.getByRole("form", { name: `Edit tag ${name}` })).toBeVisible();
  }
  const rename = page.getByRole("form", { name: `Edit tag Droughts ${s}` });
  await rename.getByLabel("Name", { exact: true }).fill(`floods ${s}`);
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(await errorOf(rename.getByLabel("Name", { exact: true }))).toHaveText(
    "Another tag already uses this name.",
  );
  await expect(rename.getByLabel("Name", { exact: true })).toHaveValue(`floods ${s}`);
  expect(await db().tag.count({ where: { slug: { contains: s } } })).toBe(2);
});

test("an author does not see or reach the sections, authors or tags screens (editors do)", async ({ page, signIn }) => {
  await signIn("AUTHOR");
  const nav = page.getByRole("navigation", { name: "Newsroom" });
  await expect(nav.getByRole("link", { name: "Articles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Authors" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Tags" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Sections" })).toHaveCount(0);
  const res = await page.request.get("/admin/sections");
  expect(res.status()).toBe(404);
});
