import { db } from "../../lib/db";
import { expectNoAxeViolations } from "../axe";
import { tabTo } from "./keyboard";
import { hashPassword } from "../../lib/auth/passwords";
import { test, expect } from "../fixtures";
import { deleteAuditRows, trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The newsroom for people who use assistive technology or no mouse: axe (WCAG 2.1 A/AA) finds nothing on any admin
 * screen, in the states a person meets (an open dialog, an open picker, a form with errors); and a whole day's
 * task — sign in, write, format, link, byline, save, publish — is done with the keyboard alone.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  await deleteAuditRows(factory);
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test("axe finds no violation on any admin screen, editor and its dialogs included", async ({
  page,
  factory,
  signIn,
}) => {
  test.setTimeout(120_000);
  const section = await factory.section({ name: `Axe desk ${factory.suffix}` });
  const author = await factory.author({ name: `Axe Author ${factory.suffix}` });
  await factory.author({ name: `Axe Second ${factory.suffix}` });
  await factory.tag(`Axe tag ${factory.suffix}`);
  const article = await factory.article({
    headline: `Axe harbour story ${factory.suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date(Date.now() - 3_600_000),
  });

  await page.goto("/admin/sign-in");
  await expectNoAxeViolations(page);
  // A failed sign-in shows its error state.
  await page.getByLabel("Email").fill(`nobody-${factory.suffix}@example.com`);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page);

  await signIn("ADMIN");
  const screens = [
    "/admin",
    "/admin?q=harbour",
    "/admin/authors",
    `/admin/authors/${author.id}`,
    "/admin/sections",
    "/admin/tags",
    `/admin/tags?q=${encodeURIComponent(`axe tag ${factory.suffix}`)}`,
    "/admin/authors?q=nobody-matches-this",
    "/admin/users",
    "/admin/account/password",
    "/admin/audit",
    "/admin/settings",
  ];
  for (const url of screens) {
    await page.goto(url);
    await expectNoAxeViolations(page);
  }

  // The editor, new and existing (a published article shows the corrections and take-down panels too).
  await page.goto("/admin/articles/new");
  await expect(page.getByRole("toolbar", { name: "Formatting" })).toBeVisible();
  await expectNoAxeViolations(page);
  // A save with nothing filled in: every field error shown in place.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/admin/articles/${article.id}`);
  await expect(page.getByRole("toolbar", { name: "Formatting" })).toBeVisible();
  // The corrections panel, opened.
  await page.getByText(/^Corrections and updates \(/).click();
  await expect(page.getByRole("button", { name: /add/i }).last()).toBeVisible();
  await expectNoAxeViolations(page);

  // The open states: the author picker's list, the link dialog, the related-article dialog.
  await page.getByRole("combobox", { name: "Add an author" }).fill(`axe second ${factory.suffix}`);
  await expect(page.getByRole("listbox", { name: "Authors" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");

  await page.getByRole("textbox", { name: "Body" }).click();
  await page.keyboard.press("Control+k");
  const linkDialog = page.getByRole("dialog", { name: "Link" });
  await expect(linkDialog).toBeVisible();
  await linkDialog.getByLabel("Address").fill("javascript:alert(1)");
  await linkDialog.getByLabel("Address").press("Enter");
  await expect(linkDialog.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(linkDialog).toBeHidden();

  await page.getByRole("button", { name: "Insert related article" }).click();
  await expect(page.getByRole("dialog", { name: "Insert a related article" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a story is written, formatted, linked, bylined, saved and published with the keyboard alone", async ({
  page,
  factory,
}) => {
  test.setTimeout(120_000);
  const section = await factory.section({ name: `Keyboard ${factory.suffix}` });
  const author = await factory.author({ name: `Kay Boardman ${factory.suffix}` });
  const target = await factory.article({
    headline: `Ferry timetable restored ${factory.suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  // Article paths end in "<slug>-a<id>".
  const targetPath = `${(await db().article.findUniqueOrThrow({ where: { id: target.id }, select: { slug: true } })).slug}-a${target.id}`;
  const user = await factory.user({
    role: "EDITOR",
    name: `Keyboard editor ${factory.suffix}`,
    passwordHash: await hashPassword(`kbd-password-${factory.suffix}`),
  });
  const headline = `Harbour reopens to ferries ${factory.suffix}`;

  // Sign in: Tab to the fields, type, Enter.
  await page.goto("/admin/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(`kbd-password-${factory.suffix}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin$/);

  await tabTo(page, page.getByRole("link", { name: "New article" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/articles\/new$/);
  await expect(page.getByRole("toolbar", { name: "Formatting" })).toBeVisible();

  await tabTo(page, page.getByLabel("Headline"));
  await page.keyboard.type(headline);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Standfirst (dek)")).toBeFocused();
  await page.keyboard.type("The crossing runs again after a winter of repairs.");

  // The toolbar is one tab stop: Tab lands on its first button, the next Tab leaves it for the body.
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  const body = page.getByRole("textbox", { name: "Body" });
  await page.keyboard.press("Tab");
  await expect(toolbar.getByRole("button", { name: "Paragraph" })).toBeFocused();
  // The focus ring is drawn (an outline, at least 2 px) at 3:1 or more against the page behind it.
  const ring = await toolbar.getByRole("button", { name: "Paragraph" }).evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      color: style.outlineColor,
      width: Number.parseFloat(style.outlineWidth),
      page: getComputedStyle(document.body).backgroundColor,
    };
  });
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(contrast(ring.color, ring.page)).toBeGreaterThanOrEqual(3);
  expect(contrast(ring.color, "rgb(255, 255, 255)")).toBeGreaterThanOrEqual(3);
  await page.keyboard.press("Tab");
  await expect(body).toBeFocused();
  await page.keyboard.type("The first ferry left at dawn");
  for (let i = 0; i < "at dawn".length; i++) await page.keyboard.press("Shift+ArrowLeft");

  // Bold from the toolbar: Shift+Tab into it, arrows to "Bold", Enter; the editor gets its focus back.
  await page.keyboard.press("Shift+Tab");
  await expect(toolbar.getByRole("button", { name: "Paragraph" })).toBeFocused();
  const bold = toolbar.getByRole("button", { name: "Bold" });
  for (let i = 0; i < 10 && !(await bold.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("ArrowRight");
  await expect(bold).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(body.locator("strong")).toHaveText("at dawn");
  await expect(body).toBeFocused();
  // The toolbar remembers its place: Shift+Tab comes back to Bold.
  await page.keyboard.press("Shift+Tab");
  await expect(bold).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(body).toBeFocused();

  // A link to one of our articles, through Ctrl+K and the internal search.
  // Bold stays on at the end of bold words (as in every editor): Ctrl+B turns it off for what follows.
  await page.keyboard.press("End");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(". See also: ");
  await page.keyboard.press("Control+k");
  const linkDialog = page.getByRole("dialog", { name: "Link" });
  await expect(linkDialog.getByLabel("Address")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(linkDialog.getByLabel("Or link to one of our articles")).toBeFocused();
  await page.keyboard.type(target.headline);
  await expect(linkDialog.getByRole("button", { name: new RegExp(target.headline) })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(linkDialog).toBeHidden();
  const link = body.locator(`a[href$="/${targetPath}"]`);
  await expect(link).toHaveText(target.headline);
  await expect(body).toBeFocused();
  await expect(page.getByTestId("editor-stats")).toHaveText(/^\d+ words · 1 min read$/);

  // Byline: the author combobox, by typing part of the name.
  const picker = page.getByRole("combobox", { name: "Add an author" });
  await tabTo(page, picker);
  await page.keyboard.type(`boardman ${factory.suffix}`);
  await expect(page.getByRole("option", { name: author.name })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Byline order" })).toContainText(author.name);
  await expect(picker).toBeFocused();

  // Section: a native select answers to typing its option's name.
  await tabTo(page, page.getByLabel("Section"));
  await page.keyboard.type(section.name);
  await expect(page.getByLabel("Section")).toHaveValue(section.slug);

  // Ctrl+S saves a draft; the focus stays where the person was.
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/articles\/\d+$/);
  await expect(page.getByLabel("Section")).toBeFocused();

  // Publish: after the save the focus is on the message that says so, not at the top of the page.
  await tabTo(page, page.getByRole("button", { name: "Publish" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("article-status")).toHaveText("Published");
  const message = page.getByRole("status").filter({ hasText: "Published." });
  await expect(message).toBeFocused();

  // A slug edit after publication warns that the old URL will redirect.
  await tabTo(page, page.getByLabel("Slug"));
  await page.keyboard.press("End");
  await page.keyboard.type("-x");
  await expect(page.getByTestId("slug-warning")).toContainText("the old URL will redirect (301)");

  // The reader sees the bold words and the internal link.
  const row = await db().article.findFirstOrThrow({ where: { headline }, select: { id: true, status: true } });
  expect(row.status).toBe("PUBLISHED");
  const reader = await page.request.get(
    (await message.getByRole("link", { name: "View on site" }).getAttribute("href"))!,
  );
  const html = await reader.text();
  expect(html).toContain("<strong>at dawn</strong>");
  expect(html).toMatch(new RegExp(`<a href="[^"]*/${targetPath}"[^>]*>${target.headline}</a>`));
});
