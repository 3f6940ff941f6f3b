import pg from "pg";

/**
 * Connecting to the database from the command-line scripts (npm start, migrations), so that every way it can go
 * wrong ends in one sentence a person can act on, soon: a malformed URL is named as such (pg would otherwise read
 * "not-a-url" as a host called "base"), and a server that accepts the connection but never answers fails after
 * DB_CONNECT_TIMEOUT_MS instead of hanging `npm start` silently.
 */

export const DB_CONNECT_TIMEOUT_MS = Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 5_000);

/** An error whose message is already the one line to print. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** The URL with its password replaced, safe for a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.length > 60 ? `${url.slice(0, 60)}…` : url;
  }
}

/** Throws a StartupError unless `url` is a postgres:// or postgresql:// URL with a host. */
export function assertDatabaseUrl(url: string, name = "DATABASE_URL"): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // fall through
  }
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.hostname) {
    throw new StartupError(
      `${name} is not a PostgreSQL URL ("${redactUrl(url)}"); expected postgresql://user:password@host:5432/database.`,
    );
  }
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return redactUrl(url);
  }
}

/** One line for a failed connection: which database, and what happened, in words. */
export function describeConnectError(error: unknown, url: string): string {
  const e = error as NodeJS.ErrnoException & { code?: string };
  const at = `the database at ${where(url)}`;
  const message = e instanceof Error ? e.message : String(error);
  if (/timeout/i.test(message))
    return `The database at ${where(url)} did not answer within ${DB_CONNECT_TIMEOUT_MS / 1000} s (is it a PostgreSQL server, and is it up?).`;
  switch (e.code) {
    case "ECONNREFUSED":
      return `Could not connect to ${at}: connection refused (is PostgreSQL running on that port?).`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Could not connect to ${at}: the host name does not resolve.`;
    case "28P01":
    case "28000":
      return `Could not sign in to ${at}: ${message}.`;
    case "3D000":
      return `Could not open ${at}: ${message}.`;
    default:
      return `Could not connect to ${at}: ${message.split("\n")[0]}.`;
  }
}

/** A connected pg.Client, or a StartupError with one clear line. The caller ends it. */
export async function connectClient(url: string): Promise<pg.Client> {
  assertDatabaseUrl(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
    query_timeout: 30_000,
  });
  // A connection that drops later must not crash the script with an unhandled 'error' event.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new StartupError(describeConnectError(error, url));
  }
  return client;
}
