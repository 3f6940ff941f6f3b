import type { Browser, Page } from "@playwright/test";
import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/passwords";
import type { Factory } from "../../lib/testing/factories";
import { expectNoAxeViolations } from "../axe";
import { test, expect, signInThroughForm } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";
import { addAuthor } from "./author-picker";

/**
 * Revisions and safe saving, as editors meet them: two people editing one article (the second gets the conflict
 * screen, chooses, and nothing is lost), autosave (a draft is saved; a published article only gets a revision),
 * the leave-page guard, and restoring a revision all the way to the public page.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  // Signing in is audited; those rows outlive the users the factory deletes.
  const users = await db().user.findMany({ where: { email: { contains: factory.suffix } }, select: { id: true } });
  await db().auditEvent.deleteMany({ where: { actorId: { in: users.map((u) => u.id) } } });
});

/** A signed-in editor in a browser context of their own (their own cookies, as on two computers). */
async function editorIn(browser: Browser, factory: Factory, name: string): Promise<Page> {
  const password = `e2e-revisions-${factory.suffix}`;
  const user = await factory.user({ role: "EDITOR", name, passwordHash: await hashPassword(password) });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughForm(page, user.email, password);
  return page;
}

async function draftArticle(factory: Factory, over: { headline?: string; dek?: string } = {}) {
  const section = await factory.section({ name: `Desk ${factory.suffix}` });
  return factory.article({
    status: "DRAFT",
    sectionId: section.id,
    headline: over.headline ?? `Bridge repairs ${factory.suffix}`,
    dek: over.dek ?? "The old dek.",
  });
}

test("two editors save the same article: the second gets the conflict screen, chooses, and nothing is lost", async ({
  browser,
  factory,
}) => {
  const article = await draftArticle(factory);
  const ana = await editorIn(browser, factory, `Ana ${factory.suffix}`);
  const ben = await editorIn(browser, factory, `Ben ${factory.suffix}`);
  await ana.goto(`/admin/articles/${article.id}`);
  await ben.goto(`/admin/articles/${article.id}`);
  await expect(ben.getByLabel("Headline")).toHaveValue(article.headline);

  // Ana changes the headline and saves first.
  await ana.getByLabel("Headline").fill(`Bridge reopens in May ${factory.suffix}`);
  await ana.getByRole("button", { name: "Save draft" }).click();
  await expect(ana.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Ben, still on the version he opened, changes the standfirst and saves.
  await ben.getByLabel("Standfirst (dek)").fill("Ben's new standfirst.");
  await ben.getByRole("button", { name: "Save draft" }).click();
  const screen = ben.getByTestId("conflict-screen");
  await expect(screen).toBeVisible();
  await expect(screen.getByRole("heading")).toContainText(`Ana ${factory.suffix} saved this article`);
  await expect(screen.getByRole("heading")).toBeFocused();
  await expect(screen).toContainText(`Bridge reopens in May ${factory.suffix}`);
  await expect(screen).toContainText("Ben's new standfirst.");
  // Nothing of Ben's reached the database.
  expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).dek).toBe("The old dek.");
  await expectNoAxeViolations(ben);

  // Ben takes Ana's headline, keeps his standfirst, and saves again.
  await screen.getByRole("checkbox", { name: "Take theirs (Headline)" }).check();
  await expect(screen.getByRole("checkbox", { name: "Take theirs (Standfirst (dek))" })).not.toBeChecked();
  await screen.getByRole("button", { name: "Use these choices" }).click();
  await expect(screen).toHaveCount(0);
  await expect(ben.getByLabel("Headline")).toHaveValue(`Bridge reopens in May ${factory.suffix}`);
  await ben.getByRole("button", { name: "Save draft" }).click();
  await expect(ben.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
  expect(row.headline).toBe(`Bridge reopens in May ${factory.suffix}`);
  expect(row.dek).toBe("Ben's new standfirst.");
  const kinds = await db().articleRevision.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" } });
  expect(kinds.length).toBeGreaterThanOrEqual(3);
  await ana.context().close();
  await ben.context().close();
});

test("autosave saves a draft after a pause, and keeps a published article's changes as a revision only", async ({
  page,
  factory,
  signIn,
}) => {
  await signIn("EDITOR");
  const draft = await draftArticle(factory);
  await page.goto(`/admin/articles/${draft.id}`);
  await page.getByLabel("Headline").fill(`Bridge repairs, autosaved ${factory.suffix}`);
  await expect(page.getByTestId("autosave-status")).toContainText(/Saved \d/, { timeout: 15_000 });
  let row = await db().article.findUniqueOrThrow({ where: { id: draft.id } });
  expect(row.headline).toBe(`Bridge repairs, autosaved ${factory.suffix}`);
  expect(row.status).toBe("DRAFT");
  const autosaves = await db().articleRevision.findMany({ where: { articleId: draft.id, kind: "AUTOSAVE" } });
  expect(autosaves).toHaveLength(1);

  const live = await factory.article({ headline: `Live story ${factory.suffix}` });
  await page.goto(`/admin/articles/${live.id}`);
  await page.getByLabel("Headline").fill(`Live story, half rewritten ${factory.suffix}`);
  await expect(page.getByTestId("autosave-status")).toContainText("not on the site", { timeout: 15_000 });
  row = await db().article.findUniqueOrThrow({ where: { id: live.id } });
  expect(row.headline).toBe(`Live story ${factory.suffix}`);
  expect(row.status).toBe("PUBLISHED");
  const kept = await db().articleRevision.findFirstOrThrow({
    where: { articleId: live.id, kind: "AUTOSAVE" },
  });
  expect(kept.applied).toBe(false);
  expect((kept.snapshot as { headline: string }).headline).toBe(`Live story, half rewritten ${factory.suffix}`);
});

test("the leave guard stops a header link and the back button while changes are unsaved; a callout counts as a change", async ({
  page,
  factory,
  signIn,
}) => {
  await signIn("EDITOR");
  await factory.article({ headline: `Callout target ${factory.suffix}` });
  const draft = await draftArticle(factory);
  await page.goto(`/admin/articles/${draft.id}`);
  await expect(page.getByLabel("Headline")).toHaveValue(draft.headline);

  // A related-article callout, inserted from its dialog, makes the form dirty.
  await page.getByRole("button", { name: "Insert related article" }).click();
  await page.getByLabel("Find an article").fill(`Callout target ${factory.suffix}`);
  await page.getByRole("button", { name: new RegExp(`Callout target ${factory.suffix}`) }).click();
  await expect(page.getByText("· unsaved changes")).toBeVisible();

  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Articles" }).click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${draft.id}$`));
  await expect(page.getByText("· unsaved changes")).toBeVisible();

  // The back button asks too; staying keeps the page and its changes.
  let askedOnBack = "";
  page.once("dialog", (d) => {
    askedOnBack = d.message();
    void d.dismiss();
  });
  await page.evaluate(() => window.history.back());
  await expect.poll(() => askedOnBack).toContain("unsaved changes");
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${draft.id}$`));
  await expect(page.getByText("· unsaved changes")).toBeVisible();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Articles" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("a revision is restored from the history panel and the public page shows it", async ({
  page,
  factory,
  signIn,
}) => {
  await signIn("EDITOR");
  const section = await factory.section({ name: `Desk ${factory.suffix}` });
  const live = await factory.article({ sectionId: section.id, headline: `Original headline ${factory.suffix}` });
  await page.goto(`/admin/articles/${live.id}`);
  const path = await page.getByRole("link", { name: "View on site" }).first().getAttribute("href");
  expect(path).toBeTruthy();

  await page.getByLabel("Headline").fill(`Rewritten headline ${factory.suffix}`);
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated on the site." })).toBeVisible();
  const reader = await page.context().newPage();
  await reader.goto(path!);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(`Rewritten headline ${factory.suffix}`);

  await page.getByRole("button", { name: "Show history" }).click();
  const list = page.getByTestId("history-list");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const older = list.getByRole("listitem").nth(1);
  const newest = list.getByRole("listitem").first();
  await newest.getByRole("button", { name: "Changes in this revision" }).click();
  const diff = newest.getByTestId("revision-diff");
  await expect(diff.locator("del").first()).toContainText("Original");
  await expect(diff.locator("ins").first()).toContainText("Rewritten");
  await expectNoAxeViolations(page);

  await older.getByRole("button", { name: "Restore this revision" }).click();
  await page
    .getByRole("dialog", { name: "Restore this revision?" })
    .getByRole("button", { name: "Restore revision" })
    .click();
  await expect(page.getByLabel("Headline")).toHaveValue(`Original headline ${factory.suffix}`);
  await expect(page.getByTestId("restore-done")).toBeFocused();
  const restore = await db().articleRevision.findFirstOrThrow({
    where: { articleId: live.id },
    orderBy: { id: "desc" },
  });
  expect(restore.kind).toBe("RESTORE");

  await reader.reload();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(`Original headline ${factory.suffix}`);
});

test("autosave respects the version: a colleague's save in between brings up the conflict screen, not an overwrite", async ({
  browser,
  factory,
}) => {
  const article = await draftArticle(factory);
  const ana = await editorIn(browser, factory, `Ana ${factory.suffix}`);
  const ben = await editorIn(browser, factory, `Ben ${factory.suffix}`);
  await ana.goto(`/admin/articles/${article.id}`);
  await ben.goto(`/admin/articles/${article.id}`);
  await expect(ben.getByLabel("Headline")).toHaveValue(article.headline);
  await ana.getByLabel("Headline").fill(`Ana's headline ${factory.suffix}`);
  await ana.getByRole("button", { name: "Save draft" }).click();
  await expect(ana.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Ben only types; autosave finds Ana's version and stops.
  await ben.getByLabel("Standfirst (dek)").fill("Ben's standfirst, never saved over Ana's work.");
  await expect(ben.getByTestId("conflict-screen")).toBeVisible({ timeout: 15_000 });
  const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
  expect(row.headline).toBe(`Ana's headline ${factory.suffix}`);
  expect(row.dek).toBe("The old dek.");
  await ana.context().close();
  await ben.context().close();
});

test("offline, autosave says the changes are not saved, and saves them once the connection is back", async ({
  page,
  factory,
  signIn,
}) => {
  await signIn("EDITOR");
  const draft = await draftArticle(factory);
  await page.goto(`/admin/articles/${draft.id}`);
  await expect(page.getByLabel("Headline")).toHaveValue(draft.headline);
  await page.context().setOffline(true);
  await page.getByLabel("Standfirst (dek)").fill("Typed on a train.");
  await expect(page.getByText("Offline — not saved")).toBeVisible({ timeout: 15_000 });
  await page.context().setOffline(false);
  await expect(page.getByTestId("autosave-status")).toContainText(/Saved \d/, { timeout: 15_000 });
  expect((await db().article.findUniqueOrThrow({ where: { id: draft.id } })).dek).toBe("Typed on a train.");
});

test("a new article is created as a draft by its first autosave, owned by the contributor writing it, and the editor carries on", async ({
  page,
  factory,
  signIn,
}) => {
  const contributor = await signIn("CONTRIBUTOR");
  const section = await factory.section({ name: `Desk ${factory.suffix}` });
  const author = await factory.author({ name: `Cleo Draft ${factory.suffix}` });
  const headline = `Tram line extended ${factory.suffix}`;
  await page.goto("/admin/articles/new");
  const headlineInput = page.getByLabel("Headline");
  await headlineInput.fill(headline);
  // Something worth keeping, but not yet what a draft needs: nothing is sent, and the bar says why.
  await expect(page.getByTestId("autosave-status")).toHaveText(
    "· Not saved yet: choose a section and an author and it is kept as a draft by itself",
  );
  await page.getByLabel("Section").selectOption({ label: section.name });
  await addAuthor(page, author.name);

  // Typing on in the headline: the first autosave makes the draft and the address follows, focus stays put.
  await headlineInput.focus();
  await page.keyboard.type(", in May");
  await expect(page).toHaveURL(/\/admin\/articles\/\d+$/, { timeout: 15_000 });
  await expect(page.getByTestId("autosave-status")).toContainText(/Saved \d/);
  await expect(headlineInput).toBeFocused();
  await expect(headlineInput).toHaveValue(`${headline}, in May`);
  await expect(page).toHaveTitle(/^Edit article/);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  const row = await db().article.findUniqueOrThrow({ where: { id } });
  expect(row.status).toBe("DRAFT");
  expect(row.createdById).toBe(contributor.id);
  expect(row.headline).toBe(`${headline}, in May`);
  const first = await db().articleRevision.findFirstOrThrow({ where: { articleId: id }, orderBy: { id: "asc" } });
  expect(first.kind).toBe("AUTOSAVE");

  // Later saves, posted from the page's new address, reach the same article: an autosave, then a manual save.
  await page.keyboard.type(" and June");
  await expect
    .poll(async () => (await db().article.findUniqueOrThrow({ where: { id } })).headline, { timeout: 15_000 })
    .toBe(`${headline}, in May and June`);
  await page.getByLabel("Standfirst (dek)").fill("Two new stops by the harbour.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect((await db().article.findUniqueOrThrow({ where: { id } })).dek).toBe("Two new stops by the harbour.");
  expect(await db().article.count({ where: { headline: { contains: factory.suffix } } })).toBe(1);
  await expect(page.getByRole("button", { name: "Show history" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Headline")).toHaveValue(`${headline}, in May and June`);
});

test("a save pressed while the first autosave is creating the article waits for it: one draft, not two", async ({
  page,
  factory,
  signIn,
}) => {
  await signIn("EDITOR");
  const section = await factory.section({ name: `Desk ${factory.suffix}` });
  const author = await factory.author({ name: `Race Writer ${factory.suffix}` });
  // The first action posted from /admin/articles/new (the autosave) is held until the save has been pressed.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let posts = 0;
  await page.route(
    (url) => url.pathname === "/admin/articles/new",
    async (route) => {
      if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
      posts += 1;
      if (posts === 1) await held;
      return route.continue();
    },
  );
  await page.goto("/admin/articles/new");
  await page.getByLabel("Section").selectOption({ label: section.name });
  await addAuthor(page, author.name);
  await page.getByLabel("Headline").fill(`Harbour race ${factory.suffix}`);
  await expect(page.getByText("· Saving…")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Save draft" }).click();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/articles\/\d+$/);
  const made = await db().article.findMany({ where: { headline: { contains: `Harbour race ${factory.suffix}` } } });
  expect(made).toHaveLength(1);
  expect(made[0]!.status).toBe("DRAFT");
});

test("the history lists a correction note and a take-down among the saves, by whom, with what they changed", async ({
  browser,
  factory,
}) => {
  const page = await editorIn(browser, factory, `Nell ${factory.suffix}`);
  try {
    const section = await factory.section({ name: `Desk ${factory.suffix}` });
    const article = await factory.article({
      status: "PUBLISHED",
      sectionId: section.id,
      headline: `Pier closure ${factory.suffix}`,
      publishedAt: new Date(Date.now() - 3_600_000),
    });
    await page.goto(`/admin/articles/${article.id}`);
    await page.getByText("Corrections and updates (0)").click();
    await page.getByLabel("Correction", { exact: true }).check();
    await page.getByRole("textbox", { name: "Text", exact: true }).fill("The pier reopens in May, not June.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("list", { name: "Corrections and updates on record" })).toContainText(
      "The pier reopens in May, not June.",
    );
    await page.getByText("Take down this article…").click();
    await page.getByLabel("Reason (kept on record, not shown to readers)").fill("A court order.");
    await page.getByRole("button", { name: "Take down" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/articles/${article.id}\\?taken-down=1$`));

    await page.getByRole("button", { name: "Show history" }).click();
    const entries = page.getByTestId("history-list").getByRole("listitem");
    await expect(entries.nth(0)).toContainText(`Taken down by Nell ${factory.suffix}`);
    await expect(entries.nth(0)).toContainText("status");
    await expect(entries.nth(1)).toContainText(`Note added by Nell ${factory.suffix}`);
    await expect(entries.nth(1)).toContainText("correction note");
    await expectNoAxeViolations(page);
  } finally {
    await page.context().close();
  }
});
