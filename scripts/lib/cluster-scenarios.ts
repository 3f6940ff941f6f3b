import { randomBytes } from "node:crypto";
import { fetchText, type Answer, type TestCluster } from "./cluster-harness";

/**
 * The measurements of issue 11 on a cluster of our own (cluster-harness.ts). Each scenario returns numbers and
 * the answers that went wrong; the cluster test asserts on them, `npm run bench:cluster` prints them.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Publishes one article through instance A's API. */
export async function publishThroughApi(cluster: TestCluster, headline: string): Promise<Answer> {
  return fetchText(`${cluster.instanceUrls[0]}/api/admin/v1/articles`, {
    method: "POST",
    headers: { authorization: `Bearer ${cluster.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      headline,
      section: cluster.sectionSlug,
      authors: [cluster.authorSlug],
      body: { html: `<p>${headline}: the body.</p>` },
      status: "published",
    }),
  });
}

export type Visibility = {
  /** From the API's 201 (the change committed, this instance's pages re-rendered) until all four show it. */
  afterAnswer: number;
  /** From sending the publish request: includes the API's own work. */
  afterRequest: number;
};

/**
 * Publish → visible: the home page read through Varnish and from each instance directly (all three cached before
 * the publish, so the purges are what makes it appear), and the article's own page through Varnish. Milliseconds,
 * per publish.
 */
export async function publishVisibility(cluster: TestCluster, publishes: number): Promise<Visibility[]> {
  const homes = [cluster.varnishUrl, ...cluster.instanceUrls].map((base) => `${base}/`);
  const timings: Visibility[] = [];
  for (let i = 0; i < publishes; i++) {
    await Promise.all(homes.map((url) => fetchText(url)));
    const headline = `Cluster story ${i} ${randomBytes(3).toString("hex")}`;
    const started = performance.now();
    const created = await publishThroughApi(cluster, headline);
    const answered = performance.now();
    if (created.status !== 201) throw new Error(`publishing answered ${created.status}: ${created.body.slice(0, 300)}`);
    const { url } = JSON.parse(created.body) as { url: string };
    const articleUrl = `${cluster.varnishUrl}${new URL(url).pathname}`;
    const pending = new Set([...homes, articleUrl]);
    while (pending.size > 0) {
      if (performance.now() - started > 30_000)
        throw new Error(`${headline} was not visible on ${[...pending].join(", ")}`);
      await Promise.all(
        [...pending].map(async (target) => {
          const answer = await fetchText(target);
          if (answer.status === 200 && answer.body.includes(headline)) pending.delete(target);
        }),
      );
      if (pending.size > 0) await sleep(10);
    }
    const now = performance.now();
    timings.push({ afterAnswer: now - answered, afterRequest: now - started });
  }
  return timings;
}

export type LoadOutcome = { total: number; failed: number; statuses: Record<string, number>; examples: string[] };

/**
 * Closed-loop readers: `concurrency` workers reading `urls` in turn while `during` runs. `headers` lets some
 * workers read differently (e.g. with a session cookie, which Varnish passes to an instance).
 */
export async function readUnderLoad(
  urls: readonly string[],
  concurrency: number,
  during: () => Promise<void>,
  headers: (worker: number) => Record<string, string> = () => ({}),
): Promise<LoadOutcome> {
  const ok = (answer: Answer) => answer.status === 200;
  const outcome: LoadOutcome = { total: 0, failed: 0, statuses: {}, examples: [] };
  let running = true;
  const worker = async (offset: number) => {
    for (let i = offset; running; i++) {
      const url = urls[i % urls.length]!;
      const answer = await fetchText(url, { headers: { "accept-encoding": "gzip", ...headers(offset) } });
      outcome.total++;
      outcome.statuses[answer.status] = (outcome.statuses[answer.status] ?? 0) + 1;
      if (!ok(answer)) {
        outcome.failed++;
        if (outcome.examples.length < 5) outcome.examples.push(`${answer.status} ${url} ${answer.body.slice(0, 120)}`);
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i));
  try {
    await during();
  } finally {
    running = false;
    await Promise.all(workers);
  }
  return outcome;
}

/** What readers load through Varnish: the article pages, the home page, and the stylesheet (never cached there). */
export async function readerUrls(cluster: TestCluster): Promise<string[]> {
  const pages = ["/", ...cluster.articlePaths].map((p) => `${cluster.varnishUrl}${p}`);
  const home = await fetchText(pages[0]!);
  const assets = [...home.body.matchAll(/href="(\/_next\/static\/[^"]+\.css)"/g)].map(
    (m) => `${cluster.varnishUrl}${m[1]}`,
  );
  return [...pages, ...assets];
}

/**
 * One of two instances stopped a third of the way into `seconds` of reading through Varnish: SIGKILL (a crash:
 * requests it was answering are cut) or SIGTERM (a restart: it drains). Half the readers carry a session cookie,
 * so Varnish passes their requests to an instance (served from its page cache) instead of answering from its own.
 */
export async function killUnderLoad(
  cluster: TestCluster,
  seconds: number,
  concurrency = 16,
  signal: NodeJS.Signals = "SIGKILL",
): Promise<LoadOutcome> {
  const urls = await readerUrls(cluster);
  await Promise.all(urls.map((u) => fetchText(u)));
  const signedIn = { cookie: "bs_session=a-reader-who-is-also-an-editor" };
  return readUnderLoad(
    urls,
    concurrency,
    async () => {
      await sleep((seconds * 1000) / 3);
      await cluster.stopInstance(1, signal);
      await sleep((seconds * 2000) / 3);
    },
    (worker) => (worker % 2 === 1 ? signedIn : {}),
  );
}

export type OutageOutcome = {
  reads: LoadOutcome;
  /** Writes during the outage, e.g. "503 Retry-After: 30". */
  writes: string[];
  /** An uncached page from an instance during the outage. */
  uncached: string;
  /** Seconds from the database answering again until a write succeeded. */
  recoverySeconds: number;
};

/**
 * PostgreSQL stopped for `seconds` while readers read pages cached before the stop (through Varnish and from
 * both instances directly); writes and an uncached page are tried meanwhile; then it is started again and writes
 * are retried until one succeeds, with no restart of anything else.
 */
export async function databaseOutage(cluster: TestCluster, seconds: number, concurrency = 8): Promise<OutageOutcome> {
  const paths = ["/", ...cluster.articlePaths];
  const urls = [cluster.varnishUrl, ...cluster.instanceUrls].flatMap((base) => paths.map((p) => `${base}${p}`));
  for (const url of urls) await fetchText(url);
  const writes: string[] = [];
  let uncached = "";
  const reads = await readUnderLoad(urls, concurrency, async () => {
    await cluster.stopDatabase();
    const until = Date.now() + seconds * 1000;
    await sleep(1000);
    for (const base of cluster.instanceUrls) {
      const answer = await publishThroughApi(cluster, `Written during the outage ${base}`);
      writes.push(`${answer.status} Retry-After: ${String(answer.headers["retry-after"] ?? "none")}`);
    }
    const page = await fetchText(`${cluster.instanceUrls[0]}/authors/nobody-${randomBytes(3).toString("hex")}`);
    uncached = `${page.status} Retry-After: ${String(page.headers["retry-after"] ?? "none")}`;
    await sleep(Math.max(0, until - Date.now()));
  });
  await cluster.startDatabase();
  const back = performance.now();
  let recoverySeconds = Infinity;
  while (performance.now() - back < 60_000) {
    const answer = await publishThroughApi(cluster, `Written after the outage ${randomBytes(3).toString("hex")}`);
    if (answer.status === 201) {
      recoverySeconds = (performance.now() - back) / 1000;
      break;
    }
    await sleep(250);
  }
  return { reads, writes, uncached, recoverySeconds };
}
