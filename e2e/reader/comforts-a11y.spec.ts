import { mkdirSync } from "node:fs";
import { test } from "../fixtures";
import { expectNoAxeViolations } from "../axe";
import { makeStory } from "./story";

/**
 * Accessibility of the reader pages this work touched, at a phone's and a laptop's width, in light and dark:
 * axe-core (WCAG 2.1 A/AA, e2e/axe.ts) must find nothing. The light runs also save full-page screenshots to
 * READER_SHOTS_DIR (default test-results/reader-shots) for a person to look at.
 */

const SHOTS = process.env.READER_SHOTS_DIR ?? "test-results/reader-shots";
const WIDTHS = [390, 1366] as const;

test("home, section, article, author, tag, /authors and search pass axe at 390 and 1366 px, light and dark", async ({
  page,
  factory,
}) => {
  // 28 axe runs (axe needs JavaScript in the page; reader pages ship none of their own, so it changes nothing).
  test.setTimeout(360_000);
  const story = await makeStory(factory);
  const pages: Record<string, string> = {
    home: `/?a11y=${factory.suffix}`,
    section: `/${story.section.slug}`,
    article: story.articleUrl,
    author: `/authors/${story.authors[0]!.slug}`,
    tag: `/tags/${story.tag.slug}`,
    authors: "/authors",
    search: `/search?q=${encodeURIComponent(`harbour plan ${factory.suffix}`)}`,
  };
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(path);
        await expectNoAxeViolations(page);
        if (["home", "section", "article", "author", "search"].includes(name))
          await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
      }
    }
  }
});
