import { test, expect, signInThroughForm } from "../fixtures";
import { expectNoAxeViolations } from "../axe";
import { createApiToken } from "../../lib/auth/tokens";
import { hashPassword } from "../../lib/auth/passwords";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";
import { addAuthor } from "./author-picker";
import { trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The review workflow as a newsroom lives it (issue 9): a contributor writes a draft and submits it with a note; an
 * editor finds it in the review queue and publishes it. The contributor has no Publish button, and publishing
 * anyway — a forged server action or an API call with their token — is refused and changes nothing.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
});

async function staff(factory: Factory, role: "CONTRIBUTOR" | "EDITOR" | "ADMIN", name: string) {
  const password = `e2e-review-${factory.suffix}`;
  const user = await factory.user({ role, name, passwordHash: await hashPassword(password) });
  return { ...user, password };
}

test("a contributor submits a draft for review; an editor publishes it from the queue", async ({
  browser,
  page,
  factory,
}) => {
  test.setTimeout(120_000);
  const section = await factory.section({ name: `Review desk ${factory.suffix}` });
  const author = await factory.author({ name: `Reviewed writer ${factory.suffix}` });
  const contributor = await staff(factory, "CONTRIBUTOR", `Cora ${factory.suffix}`);
  const editor = await staff(factory, "EDITOR", `Eddie ${factory.suffix}`);
  const headline = `Harbour ferry returns ${factory.suffix}`;

  // The contributor writes and saves a draft: there is no Publish button for them.
  await signInThroughForm(page, contributor.email, contributor.password);
  await page.goto("/admin/articles/new");
  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Standfirst (dek)").fill("The service resumes after two years.");
  await page.getByRole("textbox", { name: "Body" }).click();
  await page.keyboard.type("The first crossing leaves at seven.");
  await page.getByLabel("Section").selectOption({ label: section.name });
  await addAuthor(page, author.name);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/admin\/articles\/\d+$/);
  const id = Number(/\/admin\/articles\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);

  // A forged server action: the editor's save with intent "publish" instead of "save".
  // The editor's server action posts to the page it was loaded on (/admin/articles/new here), whatever the address
  // bar says after the first save.
  await page.route(/\/admin\/articles\/(?:new|\d+)$/, async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && body?.includes('"intent":"save"'))
      await route.continue({ postData: body.replace('"intent":"save"', '"intent":"publish"') });
    else await route.continue();
  });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("may not");
  await page.unrouteAll();
  expect((await db().article.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");

  // Submitted with a note, from the article's own page (the review panel sits under the editor).
  await page.goto(`/admin/articles/${id}`);
  await page.getByLabel("Note for the editors").fill("Figures checked with the port authority.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("In review");
  await expect(page.getByTestId("review-note")).toContainText("Figures checked with the port authority.");
  await expectNoAxeViolations(page);

  // Publishing anyway with the contributor's own API token: 403, and nothing changed.
  const { token } = await createApiToken({ email: contributor.email, name: `forge ${factory.suffix}` });
  const read = await page.request.get(`/api/admin/v1/articles/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(read.status()).toBe(200);
  const forged = await page.request.patch(`/api/admin/v1/articles/${id}`, {
    headers: { authorization: `Bearer ${token}`, "if-match": read.headers()["etag"]! },
    data: { status: "published" },
  });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: string }).error).toContain("contributor");
  const held = await db().article.findUniqueOrThrow({ where: { id } });
  expect(held.status).toBe("IN_REVIEW");
  expect(held.publishedAt).toBeNull();

  // The editor, in another browser, finds it in the queue with the note and who sent it, and publishes it.
  const editorContext = await browser.newContext();
  const desk = await editorContext.newPage();
  try {
    await signInThroughForm(desk, editor.email, editor.password);
    await desk.getByRole("link", { name: /Review queue/ }).click();
    await expect(desk).toHaveURL(/status=in_review/);
    const row = desk.getByRole("row").filter({ hasText: headline });
    await expect(row).toContainText("In review");
    await expect(row).toContainText(`Submitted by ${contributor.name}`);
    await expect(row).toContainText("Figures checked with the port authority.");
    await expectNoAxeViolations(desk);
    await row.getByRole("link", { name: headline }).click();
    await expect(desk.getByTestId("review-note")).toContainText(contributor.name);
    await desk.getByRole("button", { name: "Publish" }).click();
    await expect(desk.getByTestId("article-status")).toHaveText("Published");
    const path = await desk.getByRole("link", { name: "View on site" }).getAttribute("href");
    const published = await desk.request.get(path!);
    expect(published.status()).toBe(200);
    expect(await published.text()).toContain(headline);
  } finally {
    await editorContext.close();
  }
  const audit = await db().auditEvent.findMany({
    where: { subjectType: "article", subjectId: id },
    orderBy: { id: "asc" },
  });
  expect(audit.map((a) => [a.action, a.actorId])).toEqual([
    ["article_submit", contributor.id],
    ["article_publish", editor.id],
  ]);
});

test("an editor sends an article back with a note, which the contributor then reads", async ({ page, factory }) => {
  const contributor = await staff(factory, "CONTRIBUTOR", `Cora ${factory.suffix}`);
  const editor = await staff(factory, "EDITOR", `Eddie ${factory.suffix}`);
  const article = await factory.article({
    status: "IN_REVIEW",
    headline: `Budget gap ${factory.suffix}`,
    createdById: contributor.id,
  });
  await signInThroughForm(page, editor.email, editor.password);
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByLabel("Why it goes back (for the writer)").fill("Please add the council's reply.");
  await page.getByRole("button", { name: "Send back to draft" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Draft");
  await page.context().clearCookies();
  await signInThroughForm(page, contributor.email, contributor.password);
  await page.goto(`/admin/articles/${article.id}`);
  await expect(page.getByTestId("review-note")).toContainText(`Sent back to draft by ${editor.name}`);
  await expect(page.getByTestId("review-note")).toContainText("Please add the council's reply.");
});

test("an admin adds a contributor, promotes them and disables them; a disabled user is signed out at once", async ({
  browser,
  page,
  factory,
}) => {
  const admin = await staff(factory, "ADMIN", `Ada ${factory.suffix}`);
  await signInThroughForm(page, admin.email, admin.password);
  await page.goto("/admin/users");
  await expectNoAxeViolations(page);
  const email = `new-writer-${factory.suffix}@example.test`;
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("Name").fill(`New writer ${factory.suffix}`);
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("CONTRIBUTOR");
  await add.getByRole("button", { name: "Add user" }).click();
  const shown = await add.getByRole("status").textContent();
  const password = /Their password: (\S+) —/.exec(shown ?? "")?.[1];
  expect(password, shown ?? "").toBeTruthy();
  const created = await db().user.findUniqueOrThrow({ where: { email } });
  factory.track("users", created.id);
  expect(created.role).toBe("CONTRIBUTOR");

  // The new user signs in elsewhere with the password shown once.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  try {
    await signInThroughForm(theirs, email, password!);
    await page.reload();
    const roleForm = page.getByRole("form", { name: `Role of New writer ${factory.suffix} <${email}>` });
    await roleForm.getByLabel(`Role of New writer ${factory.suffix}`).selectOption("AUTHOR");
    await roleForm.getByRole("button", { name: "Change role" }).click();
    await expect(roleForm.getByRole("status")).toContainText("is now author");
    await theirs.reload();
    await expect(theirs.getByText("(author)")).toBeVisible();

    const disable = page.getByRole("form", { name: `Disable New writer ${factory.suffix} <${email}>` });
    await disable.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is disabled" })).toBeVisible();
    await theirs.goto("/admin");
    await expect(theirs).toHaveURL(/\/admin\/sign-in/);
  } finally {
    await other.close();
  }
  const audit = await db().auditEvent.findMany({ where: { subjectType: "user", subjectId: created.id } });
  expect(audit.map((a) => a.action).sort()).toEqual(["role_change", "user_create", "user_disable"]);
});

test("a contributor withdraws their own submission: a draft again, out of the queue, the note gone", async ({
  page,
  factory,
}) => {
  const contributor = await staff(factory, "CONTRIBUTOR", `Cora ${factory.suffix}`);
  const article = await factory.article({
    status: "DRAFT",
    headline: `Tram depot ${factory.suffix}`,
    createdById: contributor.id,
  });
  await signInThroughForm(page, contributor.email, contributor.password);
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByLabel("Note for the editors").fill("Not sure about the second quote.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Send back to draft" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Withdraw from review" }).click();
  await expect(page.getByTestId("article-status")).toHaveText("Draft");
  await expect(page.getByTestId("review-note")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeVisible();
  const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
  expect([row.status, row.reviewNote, row.reviewNoteAt]).toEqual(["DRAFT", "", null]);
  const audit = await db().auditEvent.findMany({
    where: { subjectType: "article", subjectId: article.id },
    orderBy: { id: "asc" },
  });
  expect(audit.map((a) => [a.action, a.actorId])).toEqual([
    ["article_submit", contributor.id],
    ["article_withdraw", contributor.id],
  ]);
});

test("an admin sees the API tokens on the users screen and revokes one; it stops working at once", async ({
  page,
  factory,
}) => {
  const admin = await staff(factory, "ADMIN", `Ada ${factory.suffix}`);
  const owner = await staff(factory, "EDITOR", `Wire ${factory.suffix}`);
  const label = `wire importer ${factory.suffix}`;
  const { id, token, prefix } = await createApiToken({ email: owner.email, name: label, role: "author" });
  expect(
    (await page.request.get("/api/admin/v1/articles", { headers: { authorization: `Bearer ${token}` } })).status(),
  ).toBe(200);

  await signInThroughForm(page, admin.email, admin.password);
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: label });
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).toContainText(`${owner.name} <${owner.email}>`);
  await expect(row).toContainText("Author");
  // Last use is kept to the minute: the request above is on record.
  await expect(row.getByRole("cell").nth(5)).not.toHaveText("Never");
  expect(await page.content()).not.toContain(token);
  await expectNoAxeViolations(page);

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row").filter({ hasText: label })).toContainText("Revoked");
  const refused = await page.request.get("/api/admin/v1/articles", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  const audit = await db().auditEvent.findMany({ where: { subjectType: "token", subjectId: id } });
  expect(audit.map((a) => [a.action, a.actorId])).toEqual([
    ["token_create", null],
    ["token_revoke", admin.id],
  ]);
});
