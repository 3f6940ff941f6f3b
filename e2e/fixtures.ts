import { test as base, expect, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/passwords";
import { disconnectDb } from "../lib/db";
import { Factory } from "../lib/testing/factories";
import type { Role } from "../generated/prisma/client";
import { assertTestDatabase } from "./global-setup";

/**
 * Shared Playwright fixtures. Import `test` and `expect` from here instead of "@playwright/test":
 *
 *   import { test, expect } from "../fixtures";
 *   test("a published article is public", async ({ page, factory }) => {
 *     const article = await factory.article({ headline: "Hello" });
 *     ...
 *   });
 *
 * - `factory`: a fresh `Factory` per test (the publication row exists); everything it made is deleted afterwards,
 *   whether the test passed or not.
 * - `signIn(role?)`: makes a newsroom user through the factory and signs in through the real form; returns the user.
 *
 * Importing this module checks DATABASE_URL first, so a spec can never touch the demo database.
 */

assertTestDatabase();

type NewsroomUser = { id: number; email: string; name: string; role: Role; password: string };

type Fixtures = {
  factory: Factory;
  signIn: (role?: Role) => Promise<NewsroomUser>;
};

type WorkerFixtures = {
  /** Closes this worker's database pool once its tests are done, so Playwright can exit promptly. */
  database: void;
};

export const test = base.extend<Fixtures, WorkerFixtures>({
  database: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use();
      await disconnectDb();
    },
    { scope: "worker", auto: true },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  factory: async ({}, use) => {
    const factory = new Factory();
    await factory.ensurePublication();
    try {
      await use(factory);
    } finally {
      await factory.cleanup();
    }
  },

  signIn: async ({ page, factory }, use) => {
    await use(async (role: Role = "EDITOR") => {
      const password = `e2e-password-${factory.suffix}`;
      const user = await factory.user({
        role,
        name: `E2E ${role.toLowerCase()}`,
        passwordHash: await hashPassword(password),
      });
      await signInThroughForm(page, user.email, password);
      return { id: user.id, email: user.email, name: user.name, role: user.role, password };
    });
  },
});

export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/admin\/sign-in/);
}

export { expect };

/**
 * Where a published article should live, worked out here rather than by the production `articlePath`, so a spec
 * that checks a feed, sitemap or front for the URL tests the URL rule too: `/YYYY/MM/DD/<slug>-a<id>`, the date
 * being the publication day in the paper's time zone (the en-CA locale writes dates as YYYY-MM-DD).
 */
export function expectedArticlePath(article: { id: number; slug: string; publishedAt: Date | null }, timeZone: string) {
  if (!article.publishedAt) throw new Error(`Article ${article.id} has no publication date, so no URL yet.`);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    article.publishedAt,
  );
  return `/${day.replaceAll("-", "/")}/${article.slug}-a${article.id}`;
}
