import { test, expect, signInThroughForm } from "../fixtures";
import { hashPassword } from "../../lib/auth/passwords";
import { db } from "../../lib/db";
import { expectNoAxeViolations } from "../axe";
import { tabTo } from "./keyboard";
import { deleteAuditRows, trackNewsroomRows } from "./newsroom-cleanup";

/**
 * Newsroom flows with the keyboard alone (issue 9), reaching every control with Tab and acting with Enter or Space:
 * a contributor submits a draft with a note and an editor previews and schedules it; the second of two editors
 * resolves the conflict screen field by field; a revision is restored from the history panel (its question is a
 * modal dialog that Escape closes). axe runs with the conflict screen and the history open.
 * (Signing in by keyboard, writing, the toolbar, links, bylines and publishing are in accessibility.spec.ts.)
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  await deleteAuditRows(factory);
});

test("a draft is submitted, previewed and scheduled with the keyboard alone", async ({
  browser,
  baseURL,
  page,
  factory,
}) => {
  test.setTimeout(120_000);
  const password = `kbd-flow-${factory.suffix}`;
  const contributor = await factory.user({ role: "CONTRIBUTOR", passwordHash: await hashPassword(password) });
  const editor = await factory.user({ role: "EDITOR", passwordHash: await hashPassword(password) });
  const section = await factory.section({ name: `Keys ${factory.suffix}` });
  const draft = await factory.article({
    status: "DRAFT",
    headline: `Keyboard desk story ${factory.suffix}`,
    sectionId: section.id,
    createdById: contributor.id,
    publishedAt: null,
  });

  // The contributor submits it for review with a note.
  await signInThroughForm(page, contributor.email, password);
  await page.goto(`/admin/articles/${draft.id}`);
  await tabTo(page, page.getByLabel("Note for the editors"));
  await page.keyboard.type("Ready when you are.");
  await tabTo(page, page.getByRole("button", { name: "Submit for review" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("article-status")).toHaveText("In review");

  // The editor previews it: Enter on Preview opens the article page in a new tab.
  const desk = await browser.newContext({ baseURL });
  try {
    const e = await desk.newPage();
    await signInThroughForm(e, editor.email, password);
    await e.goto(`/admin/articles/${draft.id}`);
    await tabTo(e, e.getByRole("button", { name: "Preview", exact: true }));
    const [preview] = await Promise.all([desk.waitForEvent("page"), e.keyboard.press("Enter")]);
    await preview.waitForURL(/-a\d+$/);
    await expect(preview.getByRole("heading", { level: 1 })).toHaveText(`Keyboard desk story ${factory.suffix}`);
    await preview.close();

    // Scheduled for a date years ahead: the date field takes typed digits, Publish takes Enter.
    const when = e.getByLabel(/Publication date/);
    await tabTo(e, when);
    await e.keyboard.type("03012031");
    await e.keyboard.press("Tab");
    await e.keyboard.type("0900AM");
    await expect(when).toHaveValue("2031-03-01T09:00");
    await tabTo(e, e.getByRole("button", { name: "Publish" }), { back: true });
    await e.keyboard.press("Enter");
    await expect(e.getByTestId("article-status")).toHaveText("Scheduled");
    expect((await db().article.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("SCHEDULED");
  } finally {
    await desk.close();
  }
});

test("two editors edit one article: the second resolves the conflict screen with Tab, Space and Enter alone", async ({
  browser,
  baseURL,
  factory,
}) => {
  test.setTimeout(120_000);
  const password = `kbd-conflict-${factory.suffix}`;
  const section = await factory.section({ name: `Keys ${factory.suffix}` });
  const article = await factory.article({
    status: "DRAFT",
    headline: `Ferry strike ${factory.suffix}`,
    dek: "The old standfirst.",
    sectionId: section.id,
  });
  const ana = await factory.user({
    role: "EDITOR",
    name: `Ana ${factory.suffix}`,
    passwordHash: await hashPassword(password),
  });
  const ben = await factory.user({
    role: "EDITOR",
    name: `Ben ${factory.suffix}`,
    passwordHash: await hashPassword(password),
  });
  const anaDesk = await browser.newContext({ baseURL });
  const benDesk = await browser.newContext({ baseURL });
  try {
    const a = await anaDesk.newPage();
    const b = await benDesk.newPage();
    await signInThroughForm(a, ana.email, password);
    await signInThroughForm(b, ben.email, password);
    await a.goto(`/admin/articles/${article.id}`);
    await b.goto(`/admin/articles/${article.id}`);
    await expect(b.getByLabel("Headline")).toHaveValue(article.headline);

    // Ana saves a new headline first.
    await a.getByLabel("Headline").fill(`Ferry strike ends ${factory.suffix}`);
    await a.getByRole("button", { name: "Save draft" }).click();
    await expect(a.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    // Ben, by keyboard, rewrites the standfirst and saves: the conflict screen takes the focus.
    await tabTo(b, b.getByLabel("Standfirst (dek)"));
    await b.keyboard.press("ControlOrMeta+A");
    await b.keyboard.type("Ben's standfirst.");
    await tabTo(b, b.getByRole("button", { name: "Save draft" }), { back: true });
    await b.keyboard.press("Enter");
    const screen = b.getByTestId("conflict-screen");
    await expect(screen.getByRole("heading", { level: 2 })).toBeFocused();
    await expect(screen.getByRole("heading", { level: 2 })).toContainText(`Ana ${factory.suffix} saved this article`);
    await expectNoAxeViolations(b);

    // Tab reaches each field's choice; Space takes Ana's headline; his standfirst stays.
    await tabTo(b, screen.getByRole("checkbox", { name: "Take theirs (Headline)" }));
    await b.keyboard.press("Space");
    await expect(screen.getByRole("checkbox", { name: "Take theirs (Headline)" })).toBeChecked();
    await expect(screen.getByTestId("conflict-keep-headline")).toHaveText("Replaced by theirs");
    await expect(screen.getByTestId("conflict-keep-dek")).toHaveText("Keeping yours");
    await tabTo(b, screen.getByRole("button", { name: "Use these choices" }));
    await b.keyboard.press("Enter");
    await expect(screen).toHaveCount(0);

    // Focus comes back to the form, on the save the screen asked for; Enter saves the merge.
    const save = b.getByRole("button", { name: "Save draft" });
    await expect(save).toBeFocused();
    await expect(b.getByLabel("Headline")).toHaveValue(`Ferry strike ends ${factory.suffix}`);
    await b.keyboard.press("Enter");
    await expect(b.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect(row.headline).toBe(`Ferry strike ends ${factory.suffix}`);
    expect(row.dek).toBe("Ben's standfirst.");
  } finally {
    await anaDesk.close();
    await benDesk.close();
  }
});

test("a revision is restored from the history panel with the keyboard alone", async ({ page, factory, signIn }) => {
  test.setTimeout(120_000);
  await signIn("EDITOR");
  const live = await factory.article({ headline: `Original keys headline ${factory.suffix}` });
  await page.goto(`/admin/articles/${live.id}`);
  await tabTo(page, page.getByLabel("Headline"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(`Rewritten keys headline ${factory.suffix}`);
  await tabTo(page, page.getByRole("button", { name: "Update" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Updated on the site." })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Show history" }));
  await page.keyboard.press("Enter");
  const list = page.getByTestId("history-list");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const restore = list.getByRole("listitem").nth(1).getByRole("button", { name: "Restore this revision" });
  await tabTo(page, restore);
  await page.keyboard.press("Enter");

  // The question is a modal dialog: focus inside, axe clean with the history open, Escape backs out to the button.
  const ask = page.getByRole("dialog", { name: "Restore this revision?" });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole("button", { name: "Restore revision" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(ask).toBeHidden();
  await expect(restore).toBeFocused();
  expect((await db().article.findUniqueOrThrow({ where: { id: live.id } })).headline).toBe(
    `Rewritten keys headline ${factory.suffix}`,
  );

  await page.keyboard.press("Enter");
  await expect(ask.getByRole("button", { name: "Restore revision" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Headline")).toHaveValue(`Original keys headline ${factory.suffix}`);
  await expect(page.getByTestId("restore-done")).toBeFocused();
  await expect(list.getByRole("listitem")).toHaveCount(3);
  const row = await db().article.findUniqueOrThrow({ where: { id: live.id } });
  expect(row.headline).toBe(`Original keys headline ${factory.suffix}`);
  const newest = await db().articleRevision.findFirstOrThrow({
    where: { articleId: live.id },
    orderBy: { id: "desc" },
  });
  expect(newest.kind).toBe("RESTORE");
});
