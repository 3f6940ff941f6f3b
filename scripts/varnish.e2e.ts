import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { startVarnish, type Service } from "./lib/cluster";
import { fetchText } from "./lib/cluster-harness";

/**
 * The repository's VCL (deploy/varnish/default.vcl, rendered with these ports) in a real varnishd, in front of two
 * small HTTP servers that misbehave on purpose — what the cluster test's real instances do only by chance, when a
 * kill lands mid-response. Run by `npm test` in the cluster stage, beside scripts/cluster.e2e.ts.
 */

const VARNISH_PORT = 6083;
const BODY = "<!doctype html><title>A page</title>" + "<p>Paragraph of a long article.</p>".repeat(2_000);

type Seen = { path: string; server: number; cookie: string | undefined };
const seen: Seen[] = [];
/** Paths whose first request, on whichever server gets it, is cut off mid-body. */
const cutOnce = new Set<string>();
const servers: http.Server[] = [];
let varnish: Service | undefined;
const url = (p: string) => `http://127.0.0.1:${VARNISH_PORT}${p}`;

function instance(index: number): http.Server {
  return http.createServer((request, response) => {
    const pathname = request.url ?? "/";
    if (pathname === "/robots.txt") return void response.end("User-agent: *\n");
    seen.push({ path: pathname, server: index, cookie: request.headers.cookie });
    const headers: http.OutgoingHttpHeaders = {
      "content-type": pathname.endsWith(".css") ? "text/css" : "text/html; charset=utf-8",
      "content-length": Buffer.byteLength(BODY),
    };
    if (pathname.startsWith("/_next/static/")) headers["cache-control"] = "public, max-age=31536000, immutable";
    else {
      headers.xkey = "page";
      headers["surrogate-control"] = "max-age=300, stale-if-error=86400";
      headers["cache-control"] = "public, max-age=0, must-revalidate";
    }
    response.writeHead(200, headers);
    if (cutOnce.delete(pathname)) {
      // The status line and a third of the page are out, then the process "dies".
      response.write(BODY.slice(0, BODY.length / 3), () => request.socket.destroy());
      return;
    }
    response.end(BODY);
  });
}

before(async () => {
  const ports: number[] = [];
  for (const index of [0, 1]) {
    const server = instance(index);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }
  varnish = await startVarnish({
    port: VARNISH_PORT,
    instancePorts: ports,
    workDir: path.join(os.tmpdir(), `broadsheet-varnish-test-${process.pid}`),
  });
});

after(async () => {
  await varnish?.stop();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("the Varnish configuration when an instance fails mid-response", () => {
  for (const reader of [
    { who: "a reader (cached page)", headers: {} as Record<string, string>, path: "/2026/11/30/cut-a1" },
    { who: "a signed-in editor (passed through)", headers: { cookie: "bs_session=x" }, path: "/2026/11/30/cut-a2" },
  ])
    test(`${reader.who}: a page cut off mid-body by its instance is fetched whole from the other one`, async () => {
      cutOnce.add(reader.path);
      const answer = await fetchText(url(reader.path), { headers: reader.headers });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.length, BODY.length, "the reader got the whole page, not the cut-off one");
      const servedBy = seen.filter((s) => s.path === reader.path).map((s) => s.server);
      assert.equal(servedBy.length, 2, "one cut-off try and one retry");
      assert.notEqual(servedBy[0], servedBy[1], "the retry went to the other instance");
    });

  test("Next's build files are cached for a signed-in editor too, and the cookie never reaches the instance", async () => {
    const file = "/_next/static/chunks/app-0123abcd.css";
    const first = await fetchText(url(file), { headers: { cookie: "bs_session=x; theme=dark" } });
    const second = await fetchText(url(file), { headers: { cookie: "bs_session=y" } });
    assert.equal(first.status, 200);
    assert.equal(second.headers["x-varnish-cache"], "HIT");
    const fetched = seen.filter((s) => s.path === file);
    assert.equal(fetched.length, 1);
    assert.equal(fetched[0]?.cookie, undefined);
  });
});
