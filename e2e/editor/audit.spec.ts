import { createApiToken } from "../../lib/auth/tokens";
import { hashPassword } from "../../lib/auth/passwords";
import { db } from "../../lib/db";
import { test, expect, signInThroughForm } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";

/**
 * The audit log as an admin reads it: what they just did (sign in, publish through the API) is on /admin/audit,
 * newest first, as sentences; an editor gets the newsroom's 404 for the page and no link to it.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  // The log is append-only for the app; a test removes its own rows so the test database does not grow.
  const users = await db().user.findMany({ where: { email: { contains: factory.suffix } }, select: { id: true } });
  await db().auditEvent.deleteMany({
    where: {
      OR: [
        { actorId: { in: users.map((u) => u.id) } },
        { detail: { path: ["email"], string_contains: factory.suffix } },
      ],
    },
  });
});

test("an admin sees their sign-in and their publication in the audit log; an editor is refused", async ({
  page,
  browser,
  factory,
  signIn,
}) => {
  const admin = await signIn("ADMIN");
  const { token } = await createApiToken({ email: admin.email, name: `audit e2e ${factory.suffix}` });
  const section = await factory.section();
  const author = await factory.author();
  const headers = { authorization: `Bearer ${token}` };
  const created = await page.request.post("/api/admin/v1/articles", {
    headers,
    data: {
      headline: `Harbour reopens ${factory.suffix}`,
      section: section.slug,
      authors: [author.slug],
      body: { html: "<p>Boats are back.</p>" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: number; version: number };
  const published = await page.request.patch(`/api/admin/v1/articles/${id}`, {
    headers: { ...headers, "if-match": `"${version}"` },
    data: { status: "published" },
  });
  expect(published.status(), await published.text()).toBe(200);

  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const rows = page.getByRole("row");
  // Newest first: the publication, then the token made for it (by the system), then the sign-in.
  await expect(rows.nth(1)).toContainText(`E2E admin published “Harbour reopens ${factory.suffix}” (#${id})`);
  await expect(page.getByRole("cell", { name: "E2E admin signed in" }).first()).toBeVisible();

  // Filtering by action keeps only publications.
  await page.getByLabel("Action").selectOption("article_publish");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=article_publish/);
  await expect(page.getByRole("cell", { name: "E2E admin signed in" })).toHaveCount(0);
  await expect(rows.nth(1)).toContainText(`published “Harbour reopens ${factory.suffix}”`);

  // Filter values nobody offered (a typo, an old bookmark) are dropped, not a 500.
  const odd = await page.goto("/admin/audit?page=zzz&action=drop_table&actor=-1");
  expect(odd?.status()).toBe(200);
  await expect(page.getByLabel("Action")).toHaveValue("");
  await expect(rows.nth(1)).toContainText(`E2E admin published “Harbour reopens ${factory.suffix}” (#${id})`);

  const editorContext = await browser.newContext();
  try {
    const editorPage = await editorContext.newPage();
    const password = `e2e-audit-${factory.suffix}`;
    const editor = await factory.user({ role: "EDITOR", passwordHash: await hashPassword(password) });
    await signInThroughForm(editorPage, editor.email, password);
    await expect(editorPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    const refused = await editorPage.goto("/admin/audit");
    expect(refused?.status()).toBe(404);
    await expect(editorPage.getByText(`Harbour reopens ${factory.suffix}`)).toHaveCount(0);
  } finally {
    await editorContext.close();
  }
});
