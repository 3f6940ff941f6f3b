import { test, expect } from "../fixtures";
import { makeStory } from "../reader/story";

/**
 * What a crawler or a reader without JavaScript gets: the whole article in the server's HTML, and honest status
 * codes (200, 301 for moved articles, 404 for missing ones).
 */

test.use({ javaScriptEnabled: false });

test("the whole article is readable without JavaScript", async ({ page, factory }) => {
  const story = await makeStory(factory);
  const response = await page.goto(story.articleUrl);
  expect(response?.status()).toBe(200);

  const article = page.locator("article.article");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.article.headline);
  await expect(article.locator(".byline")).toHaveText(`By ${story.authors[0]!.name} and ${story.authors[1]!.name}`);
  await expect(article.locator("time").first()).toHaveAttribute("datetime", story.article.publishedAt!.toISOString());
  await expect(article.locator("figure.article__hero img")).toHaveAttribute("alt", "Cranes over the harbour at dawn");
  // First and last paragraphs of the body: nothing is left for client-side rendering.
  await expect(article.getByText("The council voted late on Tuesday to approve the harbour plan.")).toBeVisible();
  await expect(article.getByText("Building starts in spring, the final paragraph says.")).toBeVisible();
  await expect(article.locator("aside.callout")).toHaveText(`Related article: ${story.calloutTarget.headline}`);
  await expect(
    page.getByRole("region", { name: "Related articles" }).getByRole("link", { name: story.pick.headline }),
  ).toBeVisible();
});

test("the server's HTML carries the article, its title and canonical link", async ({ request, factory }) => {
  const story = await makeStory(factory);
  const response = await request.get(story.articleUrl);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain(`<h1 class="article__headline">${story.article.headline}</h1>`);
  expect(html).toContain("Building starts in spring, the final paragraph says.");
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${story.articleUrl}"`));
  expect(html).toMatch(/<title>[^<]*Council approves harbour plan/);
  expect(html).not.toContain(story.draft.headline);
});

test("status codes: 200 for pages, 301 for moved articles, 404 for missing ones", async ({ request, factory }) => {
  const story = await makeStory(factory);
  const expectations: [string, number][] = [
    ["/", 200],
    [`/${story.section.slug}`, 200],
    [`/authors/${story.authors[0]!.slug}`, 200],
    [story.articleUrl, 200],
    [story.opinionUrl, 200],
    [`/2001/02/03/moved-a${story.article.id}`, 301],
    [`/2026/01/01/whatever-a${story.draft.id}`, 404],
    ["/2026/01/01/whatever-a999999999", 404],
    [`/no-such-section-${factory.suffix}`, 404],
    [`/${story.section.slug}?page=99`, 404],
    [`/authors/no-such-author-${factory.suffix}`, 404],
    ["/no/such/page/here", 404],
  ];
  for (const [path, status] of expectations) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
  }
});

test("a missing article's 404 page says so without JavaScript", async ({ page }) => {
  const response = await page.goto("/2026/01/01/whatever-a999999999");
  expect(response?.status()).toBe(404);
  await expect(page.locator("body")).toContainText(/not (be )?found/i);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("unknown sections, authors and tags, and pages past the last one, get a readable 404 page without JavaScript", async ({
  page,
  factory,
}) => {
  const section = await factory.section();
  const author = await factory.author();
  await factory.article({ sectionId: section.id, authorIds: [author.id] });
  const pastTheEnd = [`/${section.slug}?page=2`, `/authors/${author.slug}?page=3`];
  for (const path of [
    "/no-such-section-here",
    "/authors/nobody-by-this-name",
    "/tags/no-such-tag-here",
    ...pastTheEnd,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator("body"), path).toContainText(/not (be )?found/i);
    // Like every reader page, a 404 carries no scripts: the public CSP (script-src 'none') would refuse them.
    expect(await response!.text(), path).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  }
});
