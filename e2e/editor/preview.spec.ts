import type { Browser, Page } from "@playwright/test";
import { db } from "../../lib/db";
import { test, expect } from "../fixtures";
import { trackNewsroomRows } from "./newsroom-cleanup";

/**
 * Previews as a newsroom uses them: the editor's Preview button opens the draft in the real article page (draft
 * mode), with a banner and `noindex`; the shared link works for someone without an account and without JavaScript,
 * is never cached, expires, and leaves nothing public — the article path, sitemaps and feeds stay without it.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
});

const ARTICLE_PATH = /\/\d{4}\/\d{2}\/\d{2}\/[^/]+-a(\d+)$/;

async function openPreview(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("button", { name: "Preview", exact: true }).click(),
  ]);
  await popup.waitForURL(ARTICLE_PATH);
  return popup;
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Share a preview link" }).click();
  const link = page.getByTestId("preview-link");
  await expect(link).toHaveValue(/\/preview\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** A browser with no account and no JavaScript: the person a preview link is sent to. */
async function stranger(browser: Browser, baseURL: string | undefined) {
  return browser.newContext({ baseURL, javaScriptEnabled: false });
}

test("an editor previews a draft; the shared link shows it to a stranger, noindex and uncached, and nothing else does", async ({
  page,
  browser,
  baseURL,
  request,
  factory,
  signIn,
}) => {
  const s = factory.suffix;
  await signIn("EDITOR");
  const draft = await factory.article({ status: "DRAFT", headline: `Preview only ${s}`, publishedAt: null });

  await page.goto(`/admin/articles/${draft.id}`);
  const popup = await openPreview(page);
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(`Preview only ${s}`);
  await expect(popup.getByRole("complementary", { name: "Preview" })).toContainText("this article is a draft");
  await expect(popup.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await popup.close();

  const link = await shareLink(page);
  const outsider = await stranger(browser, baseURL);
  try {
    const reader = await outsider.newPage();
    for (let visit = 0; visit < 2; visit++) {
      const response = await reader.goto(link);
      expect(response?.status()).toBe(200);
      expect(reader.url()).toMatch(ARTICLE_PATH);
      const headers = response!.headers();
      expect(headers["x-robots-tag"]).toContain("noindex");
      expect(headers["cache-control"]).toContain("no-store");
      expect(headers["x-cache"] ?? "BYPASS").toBe("BYPASS");
      await expect(reader.getByRole("heading", { level: 1 })).toHaveText(`Preview only ${s}`);
    }
    const articlePath = new URL(reader.url()).pathname;

    // Leaving preview: the same path is a plain 404 again.
    await reader.getByRole("link", { name: "Exit preview" }).click();
    await expect(reader).toHaveURL(/\/$/);
    expect((await reader.goto(articlePath))?.status()).toBe(404);
  } finally {
    await outsider.close();
  }

  // Nothing public knows the draft.
  for (const url of ["/sitemap.xml", "/news-sitemap.xml", "/feed.xml", "/atom.xml", "/"]) {
    const body = await (await request.get(url)).text();
    expect(body, url).not.toContain(`-a${draft.id}`);
    expect(body, url).not.toContain(`Preview only ${s}`);
  }

  // A link past its 48 hours is refused, with a page that says so.
  await db().articlePreview.updateMany({
    where: { articleId: draft.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const late = await stranger(browser, baseURL);
  try {
    const reader = await late.newPage();
    const response = await reader.goto(link);
    expect(response?.status()).toBe(410);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText("This preview link has expired");
  } finally {
    await late.close();
  }
});

test("previewing a published article shows the unsaved edit while readers keep the published one", async ({
  page,
  request,
  factory,
  signIn,
}) => {
  const s = factory.suffix;
  await signIn("EDITOR");
  const article = await factory.article({ headline: `Published headline ${s}` });

  await page.goto(`/admin/articles/${article.id}`);
  await page.getByLabel("Headline").fill(`Unsaved headline ${s}`);
  const popup = await openPreview(page);
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(`Unsaved headline ${s}`);
  await expect(popup.getByRole("complementary", { name: "Preview" })).toContainText("unsaved changes");
  const path = new URL(popup.url()).pathname;
  await popup.close();

  // A reader: no account, no preview cookie.
  const readers = await request.get(path);
  expect(readers.status()).toBe(200);
  const html = await readers.text();
  expect(html).toContain(`Published headline ${s}`);
  expect(html).not.toContain(`Unsaved headline ${s}`);
  expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).headline).toBe(
    `Published headline ${s}`,
  );
});

test("ending preview links stops the shared one at once", async ({ page, browser, baseURL, factory, signIn }) => {
  await signIn("EDITOR");
  const draft = await factory.article({ status: "DRAFT", headline: `Ended ${factory.suffix}`, publishedAt: null });
  await page.goto(`/admin/articles/${draft.id}`);
  const link = await shareLink(page);
  await page.getByRole("button", { name: "End preview links" }).click();
  await expect(page.getByText("1 preview link no longer works.")).toBeVisible();
  const outsider = await stranger(browser, baseURL);
  try {
    const response = await (await outsider.newPage()).goto(link);
    expect(response?.status()).toBe(410);
  } finally {
    await outsider.close();
  }
});
