import type { KnipConfig } from "knip";

/**
 * knip: files nobody imports, exports nobody uses, dependencies nobody needs (`npm run knip`).
 * Next's app dir, proxy.ts, next.config.js and prisma.config.ts are found by knip's Next and Prisma plugins.
 */
const config: KnipConfig = {
  entry: [
    // A trailing "!" marks what `knip --production` starts from: everything but the tests.
    "scripts/*.ts!",
    "bench/*.ts!",
    // Spawned as its own process by bench/lib/bare-http.ts.
    "bench/lib/bare-http-child.ts!",
    "{lib,app,scripts}/**/*.test.ts",
    // Listed here rather than through knip's Playwright plugin, which loads playwright.config.ts, and that refuses to
    // load without a test database.
    "playwright.config.ts",
    "e2e/global-setup.ts",
    "e2e/**/*.spec.ts",
  ],
  project: [
    "**/*.{ts,tsx,mjs,js,prisma}!",
    "!{lib,app,scripts}/**/*.test.ts!",
    "!lib/testing/**!",
    "!e2e/**!",
    "!playwright.config.ts!",
  ],
  // A separate, minimal Next app the benchmark builds to measure Next itself (bench/lib/next-floor.ts).
  ignore: ["bench/next-floor/**"],
  playwright: false,
  // An export used in its own file is live code; what matters is code that nothing runs.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Font files read by path: next/font/local in app/(site)/fonts.ts, satori's WOFF files in lib/media/cards.tsx.
    "@fontsource-variable/inter",
    "@fontsource-variable/source-serif-4",
    "@fontsource/inter",
    "@fontsource/source-serif-4",
    // Run as node_modules/.bin/lighthouse by bench/audit.ts.
    "lighthouse",
  ],
};

export default config;
