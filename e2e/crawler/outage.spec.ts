import { spawn, type ChildProcess } from "node:child_process";
import { test, expect } from "../fixtures";
import { freePort, serverNodeArgs } from "../../scripts/lib/server-command";

/**
 * A database outage as readers, API clients and the operator see it (issue 8, finding 13). The server runs on a
 * port of its own with a DATABASE_URL where nothing listens, as if PostgreSQL had stopped: nothing is cached, so
 * every page needs the database.
 */

test.use({ javaScriptEnabled: false });

let server: ChildProcess;
let base = "";
let log = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const deadDbPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR ?? ".next-test";
  server = spawn(process.execPath, serverNodeArgs(distDir), {
    env: {
      ...process.env,
      PORT: String(port),
      SITE_URL: base,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${deadDbPort}/broadsheet`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [server.stdout!, server.stderr!])
    stream.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!log.includes("Serving on")) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
});

test("a never-visited article is a readable 503 page with Retry-After, without JavaScript", async ({ page }) => {
  const response = await page.goto(`${base}/2026/11/28/never-visited-story-a987654`);
  expect(response!.status()).toBe(503);
  expect(response!.headers()["retry-after"]).toBe("30");
  expect(response!.headers()["content-type"]).toBe("text/html; charset=utf-8");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Back in a moment");
  await expect(page.getByText("This page cannot be shown right now. Please try again in a minute.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the front page" })).toHaveAttribute("href", "/");
});

test("pages the proxy does not look up (the home page) are the same readable 503, not Next's blank 500", async ({
  page,
}) => {
  const response = await page.goto(`${base}/`);
  expect(response!.status()).toBe(503);
  expect(response!.headers()["retry-after"]).toBe("30");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Back in a moment");
});

test("API reads say the database is not answering (503 JSON), not that a change was not saved", async () => {
  const response = await fetch(`${base}/api/admin/v1/articles`, {
    headers: { authorization: "Bearer bst_0123456789abcdef0123456789abcdef" },
  });
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("30");
  expect(await response.json()).toEqual({ error: "The database is not answering right now. Try again in 30 seconds." });
});

test("60 author-page requests in an outage cost the log one line, not a Prisma error each", async () => {
  const before = log.split("\n").length;
  for (let i = 0; i < 60; i++) {
    const response = await fetch(`${base}/authors/someone-${i % 3}`);
    expect(response.status).toBe(503);
    await response.arrayBuffer();
  }
  const added = log
    .split("\n")
    .slice(before - 1)
    .filter((line) => line.trim());
  expect(added.length, `log during the requests:\n${added.join("\n")}`).toBeLessThanOrEqual(2);
  expect(log).toMatch(
    /The database is unavailable: Can't reach database server at 127\.0\.0\.1:\d+\. Cached pages are still served\./,
  );
  expect(log).not.toContain("prisma.");
});
