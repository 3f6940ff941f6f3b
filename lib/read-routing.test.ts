import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";

/**
 * Read replicas (DATABASE_REPLICA_URLS, lib/db.ts): a copy of the test database stands in for the replica (made
 * with CREATE DATABASE … TEMPLATE, before this process connects to the primary), and a row that exists only there
 * tells which database answered. Replication itself is PostgreSQL's; what is tested is who reads where.
 */

const primaryUrl = process.env.DATABASE_URL!;
const replicaName = `${decodeURIComponent(new URL(primaryUrl).pathname.slice(1))}_replica_${process.pid}`;
const replicaUrl = (() => {
  const url = new URL(primaryUrl);
  url.pathname = `/${replicaName}`;
  return url.toString();
})();
const admin = () => {
  const url = new URL(primaryUrl);
  url.pathname = "/postgres";
  return new pg.Client({ connectionString: url.toString() });
};
const slug = `only-on-replica-${process.pid}`;

before(async () => {
  const client = admin();
  await client.connect();
  const primary = decodeURIComponent(new URL(primaryUrl).pathname.slice(1));
  // A copy needs the template to have no sessions: the previous test file's pool may still be closing.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE "${replicaName}" TEMPLATE "${primary}"`);
      break;
    } catch (error) {
      if (attempt === 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await client.end();
  const replica = new pg.Client({ connectionString: replicaUrl });
  replica.on("error", () => {});
  await replica.connect();
  await replica.query(
    `INSERT INTO "Section" (slug, name, position, description, "updatedAt") VALUES ($1, 'Replica only', 999, '', now())`,
    [slug],
  );
  await replica.end();
  process.env.DATABASE_REPLICA_URLS = replicaUrl;
});

after(async () => {
  const { disconnectDb } = await import("./db");
  await disconnectDb();
  const client = admin();
  client.on("error", () => {});
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
  await client.end();
});

describe("read replicas", () => {
  test("a render for the page cache reads the replica; the newsroom, the API and renders after a purge read the primary", async () => {
    const { db } = await import("./db");
    const { readingReplica } = await import("./read-routing");
    const find = () => db().section.findUnique({ where: { slug }, select: { name: true } });
    assert.deepEqual(await readingReplica(true, find), { name: "Replica only" });
    assert.equal(await readingReplica(false, find), null, "a render after a purge reads the primary");
    assert.equal(await find(), null, "outside a public render (newsroom, API, scripts): the primary");
  });

  test("writes and transactions inside a public render still go to the primary", async () => {
    const { db } = await import("./db");
    const { readingReplica } = await import("./read-routing");
    const found = await readingReplica(true, () =>
      db().$transaction((tx) => tx.section.findUnique({ where: { slug }, select: { id: true } })),
    );
    assert.equal(found, null);
  });
});
