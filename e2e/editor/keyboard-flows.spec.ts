import { test, expect, signInThroughForm } from "../fixtures";
import { hashPassword } from "../../lib/auth/passwords";
import { db } from "../../lib/db";
import { tabTo } from "./keyboard";
import { deleteAuditRows, trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The review step, the preview and scheduling with the keyboard alone (issue 9): a contributor submits a draft with
 * a note; an editor opens its preview and schedules it, reaching every control with Tab and acting with Enter.
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
