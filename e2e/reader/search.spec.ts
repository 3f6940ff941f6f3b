import { test, expect } from "../fixtures";
import { expectNoAxeViolations } from "../axe";
import type { ArticleDocument } from "../../lib/documents/schema";

/**
 * Reader search (issue 10), with JavaScript off: every form is a plain GET form. Words are new every run (the
 * factory's suffix spelled as letters), so no other article and no earlier run can match.
 */
test.use({ javaScriptEnabled: false });

const body = (text: string): ArticleDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
const lettersOf = (suffix: string) => suffix.replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)]!);

test("search from the header with JavaScript off: highlighted results, noindex", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  const article = await factory.article({
    headline: `Lighthouse ${t}keeper retires <b>after</b> forty years`,
    body: body(`The ${t}keeper climbed the stairs every night.`),
  });
  await page.goto("/");
  await page.getByRole("search").getByLabel("Search articles").fill(`${t}keeper`);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${t}keeper$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Search results for “${t}keeper”`);
  await expect(page.getByText("1 article, most relevant and recent first.")).toBeVisible();
  const result = page.locator(".search-result");
  await expect(result).toHaveCount(1);
  const link = result.getByRole("link", { name: /Lighthouse/ });
  await expect(link).toHaveText(`Lighthouse ${t}keeper retires <b>after</b> forty years`);
  await expect(link.locator("mark")).toHaveText(`${t}keeper`);
  await expect(result.locator(".search-result__snippet mark")).toHaveText(`${t}keeper`);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(article.headline);
});

test("phrases, exclusions and OR", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  await factory.article({ headline: `Tidal ${t}barrage approved`, body: body(`The ${t}tidal ${t}barrage will open.`) });
  await factory.article({
    headline: `Second ${t}barrage story`,
    body: body(`A ${t}barrage, not ${t}tidal, and ${t}wind.`),
  });
  const headlines = async (q: string) => {
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    return page.locator(".search-result h2").allTextContents();
  };
  expect(await headlines(`"${t}tidal ${t}barrage"`)).toEqual([`Tidal ${t}barrage approved`]);
  expect(await headlines(`${t}barrage -${t}wind`)).toEqual([`Tidal ${t}barrage approved`]);
  expect((await headlines(`${t}wind OR ${t}tidal`)).sort()).toEqual([
    `Second ${t}barrage story`,
    `Tidal ${t}barrage approved`,
  ]);
});

test("filters narrow results and keep the query", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  const section = await factory.section({ name: `Science ${t}` });
  await factory.article({ headline: `${t}comet seen`, sectionId: section.id });
  await factory.article({ headline: `${t}comet opinion`, type: "OPINION" });
  await factory.article({ headline: `${t}comet of 2019`, publishedAt: new Date("2019-06-01T12:00:00Z") });
  await page.goto(`/search?q=${t}comet`);
  await expect(page.locator(".search-result")).toHaveCount(3);
  const form = page.locator("form.search-form");
  // The section list comes from the navigation memo, which a factory-made section does not refresh: use the URL.
  await page.goto(`/search?q=${t}comet&section=${section.slug}`);
  await expect(page.locator(".search-result h2")).toHaveText([`${t}comet seen`]);
  await page.goto(`/search?q=${t}comet`);
  await form.getByLabel("Type").selectOption("opinion");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.locator(".search-result h2")).toHaveText([`${t}comet opinion`]);
  await page.goto(`/search?q=${t}comet`);
  await form.getByLabel("From").fill("2019-01-01");
  await form.getByLabel("To").fill("2019-12-31");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.locator(".search-result h2")).toHaveText([`${t}comet of 2019`]);
  await expect(form.getByLabel("Search for")).toHaveValue(`${t}comet`);
  await page.goto(`/search?q=${t}comet&from=2019-02-31`);
  await expect(page.getByRole("alert")).toContainText("must be a real date");
});

test("a draft with a unique word is never found", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  await factory.article({ status: "DRAFT", headline: `${t}embargoed merger`, body: body(`${t}embargoed`) });
  await page.goto(`/search?q=${t}embargoed`);
  await expect(page.getByText("No articles match your search.")).toBeVisible();
  await expect(page.locator(".search-result")).toHaveCount(0);
  expect(await page.content()).not.toContain("merger");
});

test("a typo gets a suggestion that finds the article", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  await factory.article({ headline: `${t}parliament votes on budget` });
  await page.goto(`/search?q=${t}parliment`);
  await expect(page.getByText("No articles match your search.")).toBeVisible();
  const suggestion = page.getByRole("link", { name: `${t}parliament` });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page.locator(".search-result h2")).toHaveText([`${t}parliament votes on budget`]);
});

test("the 404 pages search", async ({ page, factory }) => {
  const t = lettersOf(factory.suffix);
  await factory.article({ headline: `${t}ferry timetable changes` });
  // A missing section and a missing article. (URLs that match no route at all, such as /a/b/c, get Next's
  // global-not-found, whose body stays empty without JavaScript in this build: noticed, not fixed here.)
  for (const missing of [`/no-such-section-${t}`, `/2020/01/01/missing-a999999999`]) {
    const response = await page.goto(missing);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    const box = page.locator(".not-found").getByRole("search");
    await box.getByLabel("Search articles").fill(`${t}ferry`);
    await box.getByRole("button", { name: "Search" }).click();
    await expect(page.locator(".search-result h2")).toHaveText([`${t}ferry timetable changes`]);
  }
});

test("browsers and crawlers find the search: OpenSearch and SearchAction", async ({ page, request }) => {
  await page.goto("/");
  const link = page.locator('head link[rel="search"]');
  await expect(link).toHaveAttribute("type", "application/opensearchdescription+xml");
  await expect(link).toHaveAttribute("href", "/opensearch.xml");
  const xml = await request.get("/opensearch.xml");
  expect(xml.headers()["content-type"]).toContain("application/opensearchdescription+xml");
  expect(await xml.text()).toMatch(
    /<Url type="text\/html" method="get" template="http[^"]+\/search\?q=\{searchTerms\}"/,
  );
  const ld = (await page.locator('script[type="application/ld+json"]').allTextContents()).join("\n");
  expect(ld).toContain('"@type":"SearchAction"');
  expect(ld).toContain("/search?q={search_term_string}");
});

test.describe("accessibility", () => {
  // axe runs inside the page, so this one check needs JavaScript; the page itself does not.
  test.use({ javaScriptEnabled: true });
  test("a results page with filters, a suggestion and highlights has no axe violations", async ({ page, factory }) => {
    const t = lettersOf(factory.suffix);
    await factory.article({ headline: `${t}harbour reopens`, body: body(`The ${t}harbour is open.`) });
    await page.goto(`/search?q=${t}harbour`);
    await expect(page.locator(".search-result mark").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/search?q=${t}harbur&from=2026-02-31`);
    await expectNoAxeViolations(page);
  });
});
