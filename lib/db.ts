import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";
import { mayReadReplica } from "./read-routing";

/**
 * The only place a PrismaClient is created. Secrets are omitted from every query by default so that no page or
 * API response can leak them by accident; lib/auth asks for them explicitly with `omit: { passwordHash: false }`.
 *
 * Created lazily: `next build` imports this module without a database.
 *
 * Read replicas (DATABASE_REPLICA_URLS, comma-separated): public renders for the page cache read a replica
 * (lib/read-routing.ts); the newsroom, the API, scripts and renders that follow a purge
 * read the primary, so a lagging replica can never put an old version back into a cache. Routing is
 * @prisma/extension-read-replicas with replica *clients*: with a driver adapter its `url:` form silently sends
 * everything to the primary. Writes, transactions and raw queries always go to the primary.
 */
function createClient(connectionString = env().DATABASE_URL) {
  // A database that accepts connections but never answers must fail requests in seconds, not hold them forever.
  // pg drops a broken connection from the pool and opens a new one on the next query, so the app reconnects by
  // itself once the database is back (no restart). jit=off: JIT compiles a plan whose estimated cost is high (a search
  // over a million articles) for 50–200 ms, longer than such a query runs; every query here is short, so the compile
  // never pays (bench/search.ts).
  const adapter = new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5_000, options: "-c jit=off" });
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true }, apiToken: { tokenHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { broadsheetDb?: Db; broadsheetReplicated?: Db | null };

function replicated(): Db | null {
  if (globalForDb.broadsheetReplicated !== undefined) return globalForDb.broadsheetReplicated;
  const urls = (env().DATABASE_REPLICA_URLS ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  // The extended client has the models and methods of Db; only its TypeScript type is spelled differently.
  globalForDb.broadsheetReplicated =
    urls.length === 0
      ? null
      : (globalForDb.broadsheetDb!.$extends(
          readReplicas({ replicas: urls.map((url) => createClient(url)) }),
        ) as unknown as Db);
  return globalForDb.broadsheetReplicated;
}

export function db(): Db {
  globalForDb.broadsheetDb ??= createClient();
  if (mayReadReplica()) return replicated() ?? globalForDb.broadsheetDb;
  return globalForDb.broadsheetDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.broadsheetReplicated?.$disconnect();
  await globalForDb.broadsheetDb?.$disconnect();
  globalForDb.broadsheetDb = undefined;
  globalForDb.broadsheetReplicated = undefined;
}

/**
 * Whether `error` is PostgreSQL refusing a duplicate on a unique index (Prisma's P2002), optionally only on
 * `model`.`field`. With the driver adapter, Prisma reports the columns under `meta.driverAdapterError` rather than
 * `meta.target`; both are read so the check survives either shape.
 */
export function isUniqueViolation(error: unknown, on?: { model?: string; field?: string }): boolean {
  const e = error as {
    code?: unknown;
    meta?: {
      modelName?: unknown;
      target?: unknown;
      driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
    };
  };
  if (e?.code !== "P2002") return false;
  if (on?.model !== undefined && e.meta?.modelName !== undefined && e.meta.modelName !== on.model) return false;
  if (on?.field === undefined) return true;
  const target = e.meta?.target ?? e.meta?.driverAdapterError?.cause?.constraint?.fields;
  return Array.isArray(target) ? target.includes(on.field) : typeof target === "string" && target.includes(on.field);
}

/**
 * Whether `error` is PostgreSQL refusing a row whose foreign key points at nothing: Prisma's P2003 from the query
 * builder, or a raw query's P2010 carrying PostgreSQL's own code 23503 in its message.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code === "P2003") return true;
  return typeof e?.message === "string" && /\b23503\b|violates foreign key constraint/.test(e.message);
}
