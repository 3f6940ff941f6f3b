import { run } from "./run";
import { readdirSync } from "node:fs";
import path from "node:path";
import { connectClient } from "./database";

/**
 * Applies committed migrations with `prisma migrate deploy`. The CLI idles ~10 s before exiting (timers in its
 * WASM engine), so we first ask the database which migrations it has and skip the CLI when none is pending.
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  const committed = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const client = await connectClient(url);
  try {
    const table = await client.query<{ t: string | null }>("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return committed;
    const applied = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((r: { migration_name: string }) => r.migration_name));
    return committed.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

export async function migrate(url: string, log: (line: string) => void = console.log): Promise<void> {
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return;
  log(`Applying ${pending.length} database migration(s): ${pending.join(", ")}…`);
  await run("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
}
