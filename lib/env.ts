import { z } from "zod";

/**
 * Environment, read and validated once. Everything else imports `env()` instead of touching process.env, so a
 * misconfiguration fails with one readable message instead of somewhere deep in a request.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set. Run the app with `npm start`, which provides a database." })
    .url("DATABASE_URL must be a postgres:// URL"),
  /** Read replicas for public renders, comma-separated postgres:// URLs (lib/db.ts); unset: the primary only. */
  DATABASE_REPLICA_URLS: z.string().optional(),
  /** Absolute public URL of the site, used for canonical links, feeds and sitemaps. */
  SITE_URL: z.string().url().default("http://localhost:3000"),
  /** Where uploaded images are stored on disk. */
  MEDIA_DIR: z.string().default(".data/media"),
  /** Upload limits, so a person gets a clear 413 instead of an exhausted server. */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 1024 * 1024),
  MEDIA_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Broadsheet is misconfigured:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
