import pg from "pg";

/**
 * Refuses to run end-to-end tests against anything but a local, non-demo database. Tests create and delete rows
 * freely; pointed at the demo site ("broadsheet") or a remote server they would damage real content. Called when
 * the Playwright config loads (before the web server starts) and again by the fixtures in every worker.
 */
export function assertTestDatabase(url = process.env.DATABASE_URL): URL {
  if (!url) {
    throw new Error(
      "End-to-end tests need DATABASE_URL pointing at a test database. Run them with `npm test`, which provides one.",
    );
  }
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (name === "broadsheet") {
    throw new Error(
      `Refusing to run tests against "${name}": that is the demo site's database. Use \`npm test\` or set TEST_DATABASE_URL.`,
    );
  }
  const local = ["localhost", "127.0.0.1", "[::1]", "::1"].includes(parsed.hostname);
  if (!local && process.env.E2E_ALLOW_REMOTE_DATABASE !== "1") {
    throw new Error(
      `Refusing to run tests against a database on ${parsed.hostname}; set E2E_ALLOW_REMOTE_DATABASE=1 if that is really a throwaway test server.`,
    );
  }
  return parsed;
}

/** Fails fast, with a message, when the database is unreachable or not migrated, instead of 60 confusing timeouts. */
export default async function globalSetup(): Promise<void> {
  const url = assertTestDatabase();
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('public."Article"')::text AS t`);
    if (!rows[0]?.t)
      throw new Error(`The database ${url.pathname.slice(1)} has no tables: run migrations first (npm test does).`);
  } finally {
    await client.end().catch(() => {});
  }
}
