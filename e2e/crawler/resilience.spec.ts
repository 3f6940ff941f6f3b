import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { test, expect } from "../fixtures";
import { db } from "../../lib/db";
import { articlePath } from "../../lib/articles/urls";
import { freePort, serverNodeArgs } from "../../scripts/lib/server-command";

/**
 * The renderer (Next.js) can die — out of memory, a crash — without taking the site down: the front keeps serving
 * what it has cached, answers what it cannot serve with a readable 503 or waits briefly, and starts a new renderer.
 * This spec runs a server of its own, so killing its renderer cannot disturb the other specs.
 */

test.use({ javaScriptEnabled: false });

/** Child processes of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

test("when the renderer dies, cached pages are still served and a new renderer takes over", async ({ factory }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, serverNodeArgs(process.env.NEXT_DIST_DIR ?? ".next-test"), {
    env: {
      ...process.env,
      PORT: String(port),
      SITE_URL: base,
      NODE_ENV: "production",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  for (const stream of [server.stdout!, server.stderr!])
    stream.on("data", (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitFor(`${base}/robots.txt`, 60_000);
    const tz = (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
    const cached = await factory.article({ headline: `Survives a crash ${factory.suffix}` });
    const later = await factory.article({ headline: `Rendered after the restart ${factory.suffix}` });
    const cachedUrl = base + articlePath(cached, tz);
    await fetch(cachedUrl);
    expect((await fetch(cachedUrl)).headers.get("x-cache")).toBe("HIT");

    const renderers = childrenOf(server.pid!);
    expect(renderers.length, "the front runs one renderer").toBe(1);
    process.kill(renderers[0]!, "SIGKILL");

    const during = await fetch(cachedUrl);
    expect(during.status).toBe(200);
    expect(await during.text()).toContain(`Survives a crash ${factory.suffix}`);

    // A page nobody has cached needs the renderer: a reader waits for the new one briefly, or gets a 503 that says
    // when to come back — never a hang or a bare error.
    const fresh = await fetch(base + articlePath(later, tz));
    if (fresh.status === 503) {
      expect(fresh.headers.get("retry-after")).toBeTruthy();
      expect(await fresh.text()).toContain("Back in a moment");
    } else {
      expect(fresh.status).toBe(200);
    }
    await expect.poll(async () => (await fetch(base + articlePath(later, tz))).status, { timeout: 60_000 }).toBe(200);
    const replaced = childrenOf(server.pid!);
    expect(replaced.length).toBe(1);
    expect(replaced[0]).not.toBe(renderers[0]);
    expect(log).toContain("The renderer stopped");
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
});
