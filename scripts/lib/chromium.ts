import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * How every browser we drive is launched (Playwright's e2e suites, bench/transfer.ts): Debian's Chromium, since
 * Playwright cannot download browsers on the build machines; a laptop can use Playwright's own browser by having no
 * /usr/bin/chromium or by pointing PLAYWRIGHT_CHROMIUM_PATH elsewhere.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath:
    process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  // Without the networking flags Chromium tries to reach Google's servers at every start.
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
