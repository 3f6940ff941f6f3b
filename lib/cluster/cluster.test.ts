import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

/**
 * Shared state across instances, against a real Redis (TEST_REDIS_URL, else the local one, database 9, under a
 * key prefix of this run) and a real HTTP server standing in for Varnish. Two instances are two processes; here
 * the second one is played by resetting this process's memory (sign-in counters) or by a message from another
 * origin (purges), which is what another process looks like from Redis.
 */

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/9";
const prefix = `bs-test-${randomBytes(4).toString("hex")}:`;
let reachable = false;

before(async () => {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  probe.on("error", () => {});
  reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  process.env.REDIS_URL = url;
  process.env.REDIS_PREFIX = prefix;
});

after(async () => {
  const { closeRedis, redis } = await import("./redis");
  const client = redis();
  if (reachable && client) {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
  }
  await closeRedis();
  delete process.env.REDIS_URL;
});

describe("sign-in throttling shared through Redis", () => {
  test("an attacker alternating between two instances gets no extra tries", async (t) => {
    if (!reachable) return t.skip(`no Redis at ${url}`);
    const limits = await import("../auth/rate-limit");
    const email = `victim-${randomBytes(3).toString("hex")}@example.test`;
    const ip = "203.0.113.9";
    // Instance A takes two failures, instance B (a process with fresh memory) two more, A the fifth.
    for (let i = 0; i < 4; i++) {
      await limits.resetSignInLimits();
      await limits.recordSignInFailure(email, ip);
    }
    assert.equal(await limits.signInRetryAfter(email, ip), 0, "four failures are free wherever they were made");
    await limits.resetSignInLimits();
    await limits.recordSignInFailure(email, ip);
    await limits.resetSignInLimits();
    const wait = await limits.signInRetryAfter(email, ip);
    assert.ok(wait > 590 && wait <= 600, `the fifth failure locks the pair for ten minutes everywhere, got ${wait}`);
    // Another address is not locked out: the pair is the key.
    assert.equal(await limits.signInRetryAfter(email, "203.0.113.10"), 0);
    // A success forgives the pair's earlier typos on every instance.
    await limits.recordSignInSuccess(email, ip);
    await limits.resetSignInLimits();
    assert.equal(await limits.signInRetryAfter(email, ip), 0);
  });
});

describe("purges between instances", () => {
  test("a purge published by another instance is applied here; this instance's own are not applied twice", async (t) => {
    if (!reachable) return t.skip(`no Redis at ${url}`);
    const { listenForPeerPurges, publishPurge } = await import("./bus");
    const received: unknown[] = [];
    listenForPeerPurges(async (message) => {
      received.push(message);
    });
    const { redisSubscriber } = await import("./redis");
    // Subscribed once the subscriber connection says so.
    const subscriber = redisSubscriber()!;
    if (subscriber.status !== "ready") await new Promise((r) => subscriber.once("ready", r));
    await new Promise((r) => setTimeout(r, 100));

    await publishPurge({ soft: ["article:1"] }, [1]);
    const other = new Redis(url);
    await other.publish(
      `${prefix}purge`,
      JSON.stringify({
        origin: "another-instance",
        plan: { hard: ["article:7"], soft: ["list:latest"] },
        articleIds: [7],
      }),
    );
    other.disconnect();
    const deadline = Date.now() + 3_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(received, [
      { origin: "another-instance", plan: { hard: ["article:7"], soft: ["list:latest"] }, articleIds: [7] },
    ]);
  });
});

describe("tag purges of shared caches (Varnish)", () => {
  test("hard and soft tags go as xkey-purge and xkey-softpurge, retried until the cache answers", async () => {
    const seen: { method: string; headers: http.IncomingHttpHeaders }[] = [];
    let refusals = 1;
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method ?? "", headers: req.headers });
      if (refusals-- > 0) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200).end("Purged");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    process.env.VARNISH_PURGE_URLS = `http://127.0.0.1:${port}/`;
    try {
      const { purgeSharedCaches } = await import("./varnish");
      await purgeSharedCaches({ hard: ["article:3", "list:latest"], soft: [] });
      const deadline = Date.now() + 3_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(seen.length, 2, "the refused purge is tried again");
      assert.ok(seen.every((s) => s.method === "PURGE"));
      assert.equal(seen[1]!.headers["xkey-purge"], "article:3 list:latest");
      assert.equal(seen[1]!.headers["xkey-softpurge"], undefined);
    } finally {
      delete process.env.VARNISH_PURGE_URLS;
      server.close();
    }
  });

  test("tags that do not fit in a few KB are not offered to shared caches at all", async () => {
    const { surrogateHeaders, MAX_TAG_HEADER_BYTES } = await import("./varnish");
    assert.deepEqual(surrogateHeaders(["article:1", "list:latest"]), {
      xkey: "article:1 list:latest",
      "surrogate-key": "article:1 list:latest",
      "cache-tag": "article:1,list:latest",
    });
    const many = Array.from({ length: 1000 }, (_, i) => `article:${i}`);
    assert.ok(many.join(" ").length > MAX_TAG_HEADER_BYTES);
    assert.equal(surrogateHeaders(many), null);
  });
});
