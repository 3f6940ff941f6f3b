import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";

/**
 * The only place a PrismaClient is created. Secrets are omitted from every query by default so that no page or
 * API response can leak them by accident; lib/auth asks for them explicitly with `omit: { passwordHash: false }`.
 *
 * Created lazily: `next build` imports this module without a database.
 */
function createClient() {
  // A database that accepts connections but never answers must fail requests in seconds, not hold them forever.
  // jit=off: JIT compiles a plan whose estimated cost is high (a search over a million articles) for 50–200 ms, longer
  // than such a query runs; every query here is short, so the compile never pays (bench/search.ts).
  const adapter = new PrismaPg({
    connectionString: env().DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: 5_000,
    options: "-c jit=off",
  });
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true }, apiToken: { tokenHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { broadsheetDb?: Db };

export function db(): Db {
  globalForDb.broadsheetDb ??= createClient();
  return globalForDb.broadsheetDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.broadsheetDb?.$disconnect();
  globalForDb.broadsheetDb = undefined;
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
