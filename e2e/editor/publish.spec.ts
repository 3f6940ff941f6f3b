import type { Page } from "@playwright/test";
import sharp from "sharp";
import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/passwords";
import type { Factory } from "../../lib/testing/factories";
import { test, expect, signInThroughForm } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";
import { addAuthor } from "./author-picker";

/**
 * The newsroom, end to end, as an editor uses it: sign in through the form, write and publish an article in the
 * editor, find it on the public site, unpublish it and see it gone. Everything the test makes — through the
 * factory or through the UI — is deleted afterwards, uploaded files included.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
});

/** A newsroom user with a known password (not signed in). */
async function makeUser(factory: Factory, role: "ADMIN" | "EDITOR" = "ADMIN") {
  const password = `e2e-newsroom-${factory.suffix}`;
  const user = await factory.user({ role, name: "E2E Editor", passwordHash: await hashPassword(password) });
  return { email: user.email, password };
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the newsroom is behind the sign-in page", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const res = await page.request.get("/admin/articles/new", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toContain("/admin/sign-in");
});

test("a wrong password is refused with a message and the email kept", async ({ page, factory }) => {
  const { email } = await makeUser(factory);
  await submitSignIn(page, email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That email and password do not match an account.",
  );
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form still works and still explains a refusal", async ({ page, factory }) => {
    const { email, password } = await makeUser(factory);
    await submitSignIn(page, email, "still-not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That email and password do not match an account.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    const cookie = (await page.context().cookies()).find((c) => c.name === "bs_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });
});

test("a failed save shows the problem beside the field and keeps what was typed", async ({ page, factory, signIn }) => {
  const section = await factory.section({ name: `Desk ${factory.suffix}` });
  await signIn("EDITOR");
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await page.getByRole("link", { name: "New article" }).click();
  await page.getByLabel("Standfirst (dek)").fill(`A dek that must survive ${factory.suffix}`);
  const body = page.getByRole("textbox", { name: "Body" });
  await body.click();
  await page.keyboard.type("Words that must survive a failed save.");
  await page.getByLabel("Section").selectOption({ label: section.name });
  await page.getByRole("button", { name: "Save draft" }).click();

  const headlineInput = page.getByLabel("Headline");
  await expect(headlineInput).toHaveAttribute("aria-invalid", "true");
  const errorId = (await headlineInput.getAttribute("aria-describedby"))!.split(" ")[0]!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText("Enter a headline.");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Nothing you typed has been lost");
  await expect(page.getByLabel("Standfirst (dek)")).toHaveValue(`A dek that must survive ${factory.suffix}`);
  await expect(body).toContainText("Words that must survive a failed save.");
  await expect(page.getByLabel("Section")).toHaveValue(section.slug);
  expect(await db().article.count({ where: { dek: { contains: factory.suffix } } })).toBe(0);
});

test("a related-article search that fails says so instead of leaving the last results", async ({
  page,
  factory,
  signIn,
}) => {
  const section = await factory.section({ name: `Search desk ${factory.suffix}` });
  const author = await factory.author({ name: `Searcher ${factory.suffix}` });
  const target = await factory.article({
    headline: `Lighthouse restored ${factory.suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signIn("EDITOR");
  await page.getByRole("link", { name: "New article" }).click();
  await page.getByRole("button", { name: "Insert related article" }).click();
  const dialog = page.getByRole("dialog", { name: "Insert a related article" });
  const find = dialog.getByLabel("Find an article");
  await find.fill(target.headline);
  await expect(dialog.getByRole("button", { name: new RegExp(target.headline) })).toBeVisible();

  // The connection drops: the search is a server action, a POST carrying a Next-Action header.
  await page.route("**/*", (route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"]
      ? route.abort("internetdisconnected")
      : route.continue(),
  );
  await find.fill(`Lighthouse ${factory.suffix}`);
  await expect(dialog.getByText("The search failed. Check your connection and try again.")).toBeVisible();
  await expect(dialog.getByRole("button", { name: new RegExp(target.headline) })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test("write, publish, find on the site, unpublish", async ({ page, factory }) => {
  const section = await factory.section({ name: `Harbour desk ${factory.suffix}` });
  const author = await factory.author({ name: `Reporter ${factory.suffix}` });
  const target = await factory.article({
    headline: `Earlier harbour story ${factory.suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  const headline = `Council approves harbour plan ${factory.suffix}`;
  const tagName = `Harbour ${factory.suffix}`;
  const { email, password } = await makeUser(factory);
  await signInThroughForm(page, email, password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/articles/new");

  await page.getByLabel("Headline").fill(headline);
  await expect(page.getByLabel("Slug")).toHaveValue(`council-approves-harbour-plan-${factory.suffix}`);
  await page.getByLabel("Standfirst (dek)").fill("The vote ends a decade of argument over the waterfront.");

  // Body text with a link made from selected words.
  const body = page.getByRole("textbox", { name: "Body" });
  await body.click();
  await page.keyboard.type("Councillors voted on Tuesday after reading the council minutes");
  for (let i = 0; i < "council minutes".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.getByRole("button", { name: "Link", exact: true }).click();
  const linkDialog = page.getByRole("dialog", { name: "Link" });
  await linkDialog.getByLabel("Address").fill("https://example.org/minutes");
  await linkDialog.getByRole("button", { name: "Apply" }).click();
  await expect(body.locator('a[href="https://example.org/minutes"]')).toHaveText("council minutes");
  await page.keyboard.press("End");
  await page.keyboard.type(". The plan now goes to consultation.");

  // An unsafe link is refused, in the dialog, and nothing is linked.
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await linkDialog.getByLabel("Address").fill("javascript:alert(1)");
  await linkDialog.getByLabel("Address").press("Enter");
  await expect(linkDialog.getByRole("alert")).toContainText("is not a link we can publish");
  await linkDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(linkDialog).toBeHidden();
  await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);

  // A related-article callout found by searching.
  await body.press("Control+End");
  await body.press("Enter");
  await page.getByRole("button", { name: "Insert related article" }).click();
  const dialog = page.getByRole("dialog", { name: "Insert a related article" });
  await dialog.getByLabel("Find an article").fill(target.headline);
  await dialog.getByRole("button", { name: new RegExp(target.headline) }).click();
  await expect(body.locator(".nr-node-related")).toContainText(target.headline);

  // An image uploaded from a file made here.
  const jpeg = await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 30, g: 90, b: 140 } } })
    .jpeg()
    .toBuffer();
  await page
    .getByTestId("body-image-input")
    .setInputFiles({ name: "harbour.jpg", mimeType: "image/jpeg", buffer: jpeg });
  const figure = body.locator(".nr-node-figure");
  await expect(figure.locator("img")).toHaveAttribute("src", /^\/media\//);
  await figure.getByLabel("Alt text").fill("The harbour at dusk");
  await figure.getByLabel("Caption").fill("The waterfront the plan covers.");

  await page.getByLabel("Section").selectOption({ label: section.name });
  await addAuthor(page, author.name);
  await page.getByLabel("Tags").fill(tagName);

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Published");
  const view = page.getByRole("link", { name: "View on site" });
  await expect(view).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/articles\/\d+$/);
  const path = (await view.getAttribute("href"))!;
  expect(path).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/council-approves-harbour-plan-[0-9a-f]+-a\d+$/);

  // What was saved is what was written.
  const id = Number(/-a(\d+)$/.exec(path)![1]);
  const saved = await db().article.findUniqueOrThrow({
    where: { id },
    include: { callouts: true, tags: { include: { tag: true } } },
  });
  expect(saved.status).toBe("PUBLISHED");
  expect(saved.callouts.map((c) => c.targetId)).toEqual([target.id]);
  expect(saved.tags.map((t) => t.tag.name)).toEqual([tagName]);
  const bodyJson = JSON.stringify(saved.body);
  expect(bodyJson).toContain("https://example.org/minutes");
  expect(bodyJson).toContain("The harbour at dusk");

  // On the public site: the article, the home page, its section and its author.
  const article = await page.request.get(path);
  expect(article.status()).toBe(200);
  expect(await article.text()).toContain(headline);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expect(page.locator(`a[href="https://example.org/minutes"]`)).toHaveText("council minutes");
  await expect(page.locator('img[alt="The harbour at dusk"]')).toBeVisible();
  for (const listing of ["/", `/${section.slug}`, `/authors/${author.slug}`]) {
    await page.goto(listing);
    await expect(page.locator(`a[href="${path}"]`).first(), `${listing} links to the article`).toBeVisible();
  }

  // Unpublish: gone from every page.
  await page.goto(`/admin/articles/${id}`);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Unpublished");
  expect((await page.request.get(path)).status()).toBe(404);
  for (const listing of ["/", `/${section.slug}`, `/authors/${author.slug}`]) {
    const res = await page.request.get(listing);
    expect(res.status(), listing).toBe(200);
    expect(await res.text(), `${listing} no longer shows the article`).not.toContain(headline);
  }

  // Signing out ends the session: the newsroom is closed again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto(`/admin/articles/${id}`);
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=/);
});

test("a future publication time schedules the article: the editor says when, and readers get a 404 until then", async ({
  page,
  factory,
}) => {
  const section = await factory.section({ name: `Ferry desk ${factory.suffix}` });
  const author = await factory.author({ name: `Ferry reporter ${factory.suffix}` });
  const { email, password } = await makeUser(factory);
  await signInThroughForm(page, email, password);
  await page.goto("/admin/articles/new");
  const headline = `Ferry timetable changes ${factory.suffix}`;
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("textbox", { name: "Body" }).click();
  await page.keyboard.type("The winter timetable starts in March.");
  await page.getByLabel("Section").selectOption({ label: section.name });
  await addAuthor(page, author.name);
  await page.getByLabel(/Publication date/).fill("2031-03-01T09:00");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Scheduled");
  await expect(page.getByText(/Scheduled: it goes live on 1 Mar 2031, 09:00/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Unschedule" })).toBeVisible();

  const row = await db().article.findFirstOrThrow({
    where: { headline },
    select: { id: true, status: true, slug: true },
  });
  factory.track("articles", row.id);
  expect(row.status).toBe("SCHEDULED");
  const response = await page.request.get(`/2031/03/01/${row.slug}-a${row.id}`, { maxRedirects: 0 });
  expect(response.status(), "a scheduled article is not on the site before its time").toBe(404);
});
