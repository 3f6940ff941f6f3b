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
    "lib/**/*.test.ts",
    // Listed here rather than through knip's Playwright plugin, which loads playwright.config.ts, and that refuses to
    // load without a test database.
    "playwright.config.ts",
    "e2e/global-setup.ts",
    "e2e/**/*.spec.ts",
  ],
  project: [
    "**/*.{ts,tsx,mjs,js,prisma}!",
    "!lib/**/*.test.ts!",
    "!lib/testing/**!",
    "!e2e/**!",
    "!playwright.config.ts!",
  ],
  playwright: false,
  // An export used in its own file is live code; what matters is code that nothing runs.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Imported by the Prisma client that `prisma generate` writes into generated/ (gitignored, not scanned).
    "@prisma/client",
    // Font files read by path: next/font/local in app/(site)/fonts.ts, satori's WOFF files in lib/media/cards.tsx.
    "@fontsource-variable/inter",
    "@fontsource-variable/source-serif-4",
    "@fontsource/inter",
    "@fontsource/source-serif-4",
    // Run as node_modules/.bin/lighthouse by bench/audit.ts.
    "lighthouse",
  ],
  // TEMPORARY: dead code in files the parallel lib/ refactor (branch h2) rewrites, left for it to remove
  // (createApiTokenAs; the unused ArticleInput/ArticlePatch types). Delete this block when it has landed.
  ignoreIssues: {
    "lib/auth/tokens.ts": ["exports"],
    "lib/articles/input.ts": ["types"],
  },
};

export default config;
