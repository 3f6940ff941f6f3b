import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./lib/server-command";

/**
 * `npm start` as an operator meets it: every start-up failure is one line and exit code 1, soon; and a front that
 * stops on its own makes npm start exit non-zero, so a service manager restarts it (docs/deploy.md). Each test
 * runs scripts/start.ts in a process of its own, as `npm start` does.
 */

const testDatabase = process.env.DATABASE_URL!;

type Outcome = { code: number | null; signal: NodeJS.Signals | null; lines: string[]; ms: number };

function startWith(env: Record<string, string>, args: string[] = [], timeoutMs = 60_000): Promise<Outcome> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], {
    // No .env or inherited settings may decide the outcome: only what each test gives.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DOTENV_CONFIG_QUIET: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines: output.split("\n").filter((line) => line.trim()), ms: Date.now() - t0 });
    }),
  );
}

describe("start-up failures are one line and exit 1", () => {
  test("the port is already in use", async () => {
    const port = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "0.0.0.0", resolve));
    try {
      const outcome = await startWith({ PORT: String(port), DATABASE_URL: testDatabase });
      assert.equal(outcome.code, 1);
      assert.deepEqual(outcome.lines, [
        `[broadsheet] Could not start: Port ${port} is already in use: stop the other server or set PORT.`,
      ]);
    } finally {
      holder.close();
    }
  });

  test("a malformed DATABASE_URL is named as such", async () => {
    const outcome = await startWith({ PORT: String(await freePort()), DATABASE_URL: "not-a-url" });
    assert.equal(outcome.code, 1);
    assert.deepEqual(outcome.lines, [
      `[broadsheet] Could not start: DATABASE_URL is not a PostgreSQL URL ("not-a-url"); expected postgresql://user:password@host:5432/database.`,
    ]);
  });

  test("a database that accepts connections but never answers times out in a few seconds", async () => {
    const silent = net.createServer(() => {
      // Accept and say nothing, like a firewall that swallows packets or a wedged server.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const dbPort = (silent.address() as net.AddressInfo).port;
    try {
      const outcome = await startWith({
        PORT: String(await freePort()),
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${dbPort}/broadsheet`,
        DB_CONNECT_TIMEOUT_MS: "2000",
      });
      assert.equal(outcome.code, 1);
      assert.deepEqual(outcome.lines, [
        `[broadsheet] Could not start: The database at 127.0.0.1:${dbPort}/broadsheet did not answer within 2 s (is it a PostgreSQL server, and is it up?).`,
      ]);
      assert.ok(outcome.ms < 20_000, `gave up after ${outcome.ms} ms`);
    } finally {
      silent.close();
    }
  });

  test("nothing listens where the database should be", async () => {
    const dbPort = await freePort();
    const outcome = await startWith({
      PORT: String(await freePort()),
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${dbPort}/broadsheet`,
    });
    assert.equal(outcome.code, 1);
    assert.deepEqual(outcome.lines, [
      `[broadsheet] Could not start: Could not connect to the database at 127.0.0.1:${dbPort}/broadsheet: connection refused (is PostgreSQL running on that port?).`,
    ]);
  });
});

describe("supervision: a front that stops on its own makes npm start exit non-zero", () => {
  // A stand-in for the built front (NEXT_DIST_DIR/broadsheet-server/serve.mjs): what npm start does when its child
  // ends is the contract under test, not how the real front comes to end.
  let distDir = "";
  before(() => {
    distDir = mkdtempSync(path.join(tmpdir(), "broadsheet-start-test-"));
    mkdirSync(path.join(distDir, "broadsheet-server"));
    writeFileSync(
      path.join(distDir, "broadsheet-server", "serve.mjs"),
      `console.log("stand-in front up");\nsetTimeout(() => process.exit(Number(process.env.STAND_IN_EXIT)), 300);\n`,
    );
  });
  after(() => rmSync(distDir, { recursive: true, force: true }));

  for (const [frontCode, expected] of [
    [0, 1],
    [3, 3],
  ] as const) {
    test(`the front exits with ${frontCode}: npm start exits with ${expected} and says why`, async () => {
      const outcome = await startWith(
        {
          PORT: String(await freePort()),
          DATABASE_URL: testDatabase,
          NEXT_DIST_DIR: distDir,
          STAND_IN_EXIT: String(frontCode),
        },
        ["--no-build"],
      );
      assert.equal(outcome.code, expected);
      assert.equal(
        outcome.lines.at(-1),
        `[broadsheet] The web server stopped unexpectedly (exit code ${frontCode}); exiting with ${expected} so that the service manager restarts it.`,
      );
    });
  }

  test("--no-build without a build is one line", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "broadsheet-start-test-"));
    try {
      const outcome = await startWith(
        { PORT: String(await freePort()), DATABASE_URL: testDatabase, NEXT_DIST_DIR: empty },
        ["--no-build"],
      );
      assert.equal(outcome.code, 1);
      assert.deepEqual(outcome.lines, [
        `[broadsheet] Could not start: There is no build in ${empty} to serve (--no-build): run npm run build first.`,
      ]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
