import { test, expect } from "../fixtures";
import { db } from "../../lib/db";
import { articlePath } from "../../lib/articles/urls";
import { makeStory } from "./story";

/**
 * What a reader sees on article and author pages, and the status codes around them. Data comes from the
 * per-test factory (deleted afterwards); ids and slugs are new every run, so no page cached by an earlier run
 * can answer.
 */

test("an article page shows everything a reader needs", async ({ page, factory }) => {
  const story = await makeStory(factory);
  const response = await page.goto(story.articleUrl);
  expect(response?.status()).toBe(200);

  const article = page.locator("article.article");
  // Section label links to the section front.
  await expect(article.getByRole("link", { name: story.section.name })).toHaveAttribute(
    "href",
    `/${story.section.slug}`,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.article.headline);
  await expect(article.getByText("A narrow vote ends two years of argument.")).toBeVisible();

  // Every author, in byline order, linked to their page.
  const byline = article.locator(".byline");
  await expect(byline).toHaveText(`By ${story.authors[0]!.name} and ${story.authors[1]!.name}`);
  const authorLinks = byline.getByRole("link");
  await expect(authorLinks).toHaveCount(2);
  for (const [i, author] of story.authors.entries()) {
    await expect(authorLinks.nth(i)).toHaveAttribute("href", `/authors/${author.slug}`);
  }

  // Publication date and "Updated" date as machine-readable <time> elements.
  const dateline = article.locator(".dateline");
  await expect(dateline.locator("time").first()).toHaveAttribute("datetime", story.article.publishedAt!.toISOString());
  await expect(dateline).toContainText("Updated");
  await expect(dateline.locator("time")).toHaveCount(2);

  // Hero image from the media route, with dimensions, alt text, caption and credit.
  const hero = article.locator("figure.article__hero");
  const heroImage = hero.locator("img");
  await expect(heroImage).toHaveAttribute("src", `/media/${story.hero.storageKey}`);
  await expect(heroImage).toHaveAttribute("width", "1600");
  await expect(heroImage).toHaveAttribute("height", "900");
  await expect(heroImage).toHaveAttribute("alt", "Cranes over the harbour at dawn");
  await expect(hero.locator("figcaption")).toHaveText("The east quay before the vote. Photo: Pixabay");

  // The body, with its external link marked noopener.
  await expect(article.getByText("The council voted late on Tuesday")).toBeVisible();
  await expect(article.getByRole("heading", { level: 2, name: "What happens next" })).toBeVisible();
  await expect(article.getByRole("link", { name: "the full decision" })).toHaveAttribute("rel", "noopener");

  // Callouts: the published target with its current headline; the draft target not at all.
  const callouts = article.locator("aside.callout");
  await expect(callouts).toHaveCount(1);
  await expect(callouts).toHaveText(`Related article: ${story.calloutTarget.headline}`);
  await expect(callouts.getByRole("link")).toHaveAttribute("href", story.calloutUrl);
  await expect(page.getByText(story.draft.headline)).toHaveCount(0);

  // Tags.
  await expect(article.getByRole("list", { name: "Topics" })).toHaveText(story.tag.name);

  // Related articles: the editor's pick first, then scored ones; never itself, the draft, or the callout target
  // the body already shows.
  const related = page.getByRole("region", { name: "Related articles" }).locator(".related-card__headline a");
  const hrefs = await related.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs[0]).toBe(story.pickUrl);
  expect(hrefs).not.toContain(story.calloutUrl);
  expect(hrefs).not.toContain(story.articleUrl);
  expect(hrefs.filter((h) => h?.includes(`-a${story.draft.id}`))).toEqual([]);

  // News is not opinion: no disclaimer.
  await expect(page.locator(".disclaimer")).toHaveCount(0);

  // Landmarks and the skip link.
  await expect(page.locator("html")).toHaveAttribute("lang", /.+/);
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

  // Title and canonical link.
  await expect(page).toHaveTitle(new RegExp(`^${story.article.headline}`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${story.articleUrl}$`));
});

test("opinion pieces end with the publication's disclaimer", async ({ page, factory }) => {
  const story = await makeStory(factory);
  await page.goto(story.opinionUrl);
  const disclaimer = page.locator("article .disclaimer");
  await expect(disclaimer).toHaveText(
    story.opinionDisclaimer ?? /views expressed in opinion pieces do not necessarily reflect/,
  );
  // It comes after the body.
  const afterBody = await page.locator("article > .article__body ~ .disclaimer").count();
  expect(afterBody).toBe(1);
});

test("a wrong slug or date answers 301 with the canonical URL", async ({ request, factory }) => {
  const story = await makeStory(factory);
  for (const wrong of [
    `/1999/01/01/${story.article.slug}-a${story.article.id}`,
    `/${story.articleUrl.split("/").slice(1, 4).join("/")}/old-slug-a${story.article.id}`,
  ]) {
    const response = await request.get(wrong, { maxRedirects: 0 });
    expect(response.status(), wrong).toBe(301);
    expect(new URL(response.headers()["location"]!, "http://x").pathname).toBe(story.articleUrl);
  }
  // Query strings survive the redirect (campaign tags on shared links).
  const withQuery = await request.get(`/1999/01/01/x-a${story.article.id}?utm_source=feed`, { maxRedirects: 0 });
  expect(withQuery.status()).toBe(301);
  expect(withQuery.headers()["location"]).toMatch(new RegExp(`${story.articleUrl}\\?utm_source=feed$`));
  // And the canonical URL itself answers 200.
  expect((await request.get(story.articleUrl, { maxRedirects: 0 })).status()).toBe(200);
});

test("unknown, draft and unpublished ids answer 404 with a helpful page", async ({ page, request, factory }) => {
  const story = await makeStory(factory);
  const unpublished = await factory.article({
    sectionId: story.section.id,
    authorIds: [story.authors[0]!.id],
    status: "UNPUBLISHED",
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  const paths = [
    "/2026/01/01/no-such-story-a999999999",
    articlePath(story.draft, story.timeZone),
    articlePath(unpublished, story.timeZone),
  ];
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(unpublished.headline);
  }
  const response = await page.goto(paths[0]!);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not (be )?found/i);
  await expect(page.getByRole("link", { name: /front page/i }).first()).toBeVisible();
});

test("an author page shows the profile and published articles, 20 a page", async ({ page, request, factory }) => {
  const section = await factory.section();
  const author = await factory.author({
    name: `Cara Columnist ${factory.suffix}`,
    jobTitle: "Political editor",
    bio: "Cara has covered the council since 2015.",
  });
  await db().author.update({
    where: { id: author.id },
    data: {
      links: [
        { label: "Website", url: "https://example.org/cara" },
        { label: "Sneaky", url: "javascript:alert(1)" },
      ],
    },
  });
  const base = Date.now() - 100 * 86_400_000;
  const made = [];
  for (let i = 0; i < 21; i++) {
    made.push(
      await factory.article({
        headline: `Column ${i} ${factory.suffix}`,
        sectionId: section.id,
        authorIds: [author.id],
        publishedAt: new Date(base + i * 86_400_000),
      }),
    );
  }
  await factory.article({
    headline: `Draft column ${factory.suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    status: "DRAFT",
  });

  await page.goto(`/authors/${author.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(author.name);
  await expect(page.getByText("Political editor")).toBeVisible();
  await expect(page.getByText("Cara has covered the council since 2015.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Website" })).toHaveAttribute("href", "https://example.org/cara");
  await expect(page.getByRole("link", { name: "Sneaky" })).toHaveCount(0);

  const headlines = page.locator(".story-list .story__headline");
  await expect(headlines).toHaveCount(20);
  await expect(headlines.first()).toHaveText(`Column 20 ${factory.suffix}`);
  await expect(headlines.last()).toHaveText(`Column 1 ${factory.suffix}`);
  await expect(page.getByText(`Draft column ${factory.suffix}`)).toHaveCount(0);

  await page.getByRole("link", { name: /older/i }).click();
  await expect(page).toHaveURL(new RegExp(`/authors/${author.slug}\\?page=2$`));
  await expect(headlines).toHaveCount(1);
  await expect(headlines.first()).toHaveText(`Column 0 ${factory.suffix}`);

  for (const bad of ["?page=3", "?page=0", "?page=abc", "?page=-1"]) {
    expect((await request.get(`/authors/${author.slug}${bad}`)).status(), bad).toBe(404);
  }
  expect((await request.get(`/authors/nobody-${factory.suffix}`)).status()).toBe(404);
});

test("a byline link leads to the author page, and the section label to the section front", async ({
  page,
  factory,
}) => {
  const story = await makeStory(factory);
  await page.goto(story.articleUrl);
  await page.locator(".byline").getByRole("link", { name: story.authors[1]!.name }).click();
  await expect(page).toHaveURL(new RegExp(`/authors/${story.authors[1]!.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.authors[1]!.name);
  await expect(page.getByRole("link", { name: story.article.headline })).toBeVisible();

  await page.goto(story.articleUrl);
  await page.locator("article.article .kicker").getByRole("link", { name: story.section.name }).click();
  await expect(page).toHaveURL(new RegExp(`/${story.section.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.section.name);
  await expect(page.getByRole("link", { name: story.article.headline })).toBeVisible();
});

test("section fronts paginate 20 a page and unknown sections answer 404", async ({ page, request, factory }) => {
  const section = await factory.section({ name: `Weather ${factory.suffix}` });
  const author = await factory.author();
  const base = Date.now() - 50 * 86_400_000;
  for (let i = 0; i < 21; i++) {
    await factory.article({
      headline: `Forecast ${i} ${factory.suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      publishedAt: new Date(base + i * 86_400_000),
    });
  }
  await page.goto(`/${section.slug}`);
  // Page 1: the featured story (the newest, as nothing is pinned), then the rest of the 20 in the list.
  const headlines = page.locator(".fr-section-lead .fc__headline, .fr-stream .fc__headline");
  await expect(headlines).toHaveCount(20);
  await expect(headlines.first()).toHaveText(`Forecast 20 ${factory.suffix}`);
  await expect(page.locator(".fr-stream .fc__headline")).toHaveCount(19);
  await page.goto(`/${section.slug}?page=2`);
  await expect(headlines).toHaveCount(1);
  expect((await request.get(`/${section.slug}?page=3`)).status()).toBe(404);
  expect((await request.get(`/no-such-section-${factory.suffix}`)).status()).toBe(404);
});
