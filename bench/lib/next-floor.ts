import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { load, summarise, type LoadSettings, type Phase } from "./load";
import { say } from "./log";

/**
 * The "Next.js floor": the smallest Next app that renders a dynamic page (bench/next-floor: one layout, one
 * force-dynamic page with about an article's worth of markup, no data, none of our code), built and served by
 * `next start` with the same Next.js and React. Its CPU time per request is what Next itself costs for a render on
 * this machine — the part of an uncached article render we cannot cut while pages are rendered by Next's app router.
 */

const APP_DIR = "bench/next-floor";
const DIST_DIR = path.join(APP_DIR, ".next-floor");
const NEXT_BIN = "node_modules/next/dist/bin/next";

function runNext(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function measureNextFloor(options: {
  port: number;
  settings: LoadSettings;
  skipBuild: boolean;
}): Promise<Phase> {
  if (options.skipBuild && existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    say(`(d) Reusing the Next.js floor app's build in ${DIST_DIR}.`);
  } else {
    say(`(d) Building the Next.js floor app (${APP_DIR})…`);
    const build = runNext(["build", APP_DIR], { NODE_ENV: "production" });
    const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
    if (code !== 0) throw new Error(`next build ${APP_DIR} exited with ${code}.`);
  }
  const server = runNext(["start", APP_DIR, "-p", String(options.port)], { NODE_ENV: "production" });
  const base = `http://localhost:${options.port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}.`);
      const ok = await fetch(`${base}/`).then(
        async (res) => (await res.arrayBuffer(), res.ok),
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error("The Next.js floor app did not answer within 60 s.");
      await new Promise((r) => setTimeout(r, 300));
    }
    await load("Next.js floor warm-up", { ...options.settings, duration: 3 }, undefined, {
      url: `${base}/`,
      duration: 3,
    });
    say(`(d) Next.js floor for ${options.settings.duration} s…`);
    const run = await load("Next.js floor", options.settings, server.pid, {
      url: `${base}/`,
      duration: options.settings.duration,
    });
    return summarise(
      "Next.js floor (no data)",
      run,
      `${APP_DIR}: a force-dynamic page of 150 paragraphs, rendered by next start on every request`,
    );
  } finally {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
  }
}
