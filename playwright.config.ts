import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { assertTestDatabase } from "./e2e/global-setup";
import { chromiumLaunchOptions } from "./scripts/lib/chromium";
import { serverNodeArgs } from "./scripts/lib/server-command";

/**
 * End-to-end tests. Normally run by `npm test` (scripts/test.ts), which prepares a test database, builds Next into
 * .next-test and sets E2E_PORT; this config then starts scripts/serve.ts (Next.js behind the page cache) on that build. Run alone with
 * `DATABASE_URL=<test db> npx playwright test` after a `NEXT_DIST_DIR=.next-test next build`, or point it at a
 * running server with E2E_BASE_URL.
 */

const isCI = !!process.env.CI;
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;
const databaseUrl = assertTestDatabase().toString();

const launchOptions = chromiumLaunchOptions;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // One worker by default: specs share the home page and section fronts, and the machines have two cores.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  reporter: "list",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "on-first-retry",
    // A click or fill on something that never appears fails after this, rather than at the end of a long test.
    actionTimeout: 30_000,
    launchOptions,
  },
  projects: ["reader", "editor", "crawler", "security"].map((name) => ({
    name,
    testDir: path.join("e2e", name),
    use: { ...devices["Desktop Chrome"], launchOptions },
  })),
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        // The production server readers get: the bundled front and renderer (scripts/serve.ts, scripts/render.ts),
        // started exactly as `npm start` starts them.
        command: `node ${serverNodeArgs(process.env.NEXT_DIST_DIR ?? ".next-test").join(" ")}`,
        port,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          NODE_ENV: "production",
          PORT: String(port),
          NEXT_TELEMETRY_DISABLED: "1",
          NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
          DATABASE_URL: databaseUrl,
          MEDIA_DIR: process.env.MEDIA_DIR ?? path.resolve(".data/test-media"),
          SITE_URL: process.env.SITE_URL ?? baseURL,
          // Page views reach "most read" within a second (e2e/reader/front.spec.ts), not the default minute.
          MOST_READ_FLUSH_SECONDS: "1",
        },
      },
});
