import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../scripts/lib/run";

/**
 * `npm run audit`: Lighthouse 12.2.3 (pinned; see the toolchain notes) against the home page, an article and an
 * author page of a RUNNING server, printing SEO, accessibility, best-practices and performance scores.
 *
 *   AUDIT_URL=http://localhost:3105 npm run audit
 *
 * The article is the first one linked from the home page and the author its first byline (override with AUDIT_ARTICLE and
 * AUDIT_AUTHOR paths). Chromium comes from CHROME_PATH (default /usr/bin/chromium), headless with no sandbox.
 * Failing audits of the SEO and accessibility categories are listed under the table, since the goal is 100.
 */

const base = (process.env.AUDIT_URL ?? "http://localhost:3000").replace(/\/$/, "");
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["seo", "accessibility", "best-practices", "performance"] as const;

type Report = {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
};

async function pagesToAudit(): Promise<{ name: string; url: string }[]> {
  const response = await fetch(`${base}/`);
  if (!response.ok) throw new Error(`${base}/ answered ${response.status}; is the server running? Set AUDIT_URL.`);
  const html = await response.text();
  const article = process.env.AUDIT_ARTICLE ?? /href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+-a\d+)"/.exec(html)?.[1];
  // Home cards may carry no byline links; the article's byline always does.
  const articleHtml = article ? await (await fetch(base + article)).text() : "";
  const author = process.env.AUDIT_AUTHOR ?? /href="(\/authors\/[^"?]+)"/.exec(html + articleHtml)?.[1];
  if (!article || !author)
    throw new Error(
      "The home page links to no article or author; seed the database or set AUDIT_ARTICLE/AUDIT_AUTHOR.",
    );
  return [
    { name: "home", url: `${base}/` },
    { name: "article", url: base + article },
    { name: "author", url: base + author },
  ];
}

async function lighthouse(url: string, dir: string): Promise<Report> {
  const out = path.join(dir, `${Date.now()}.json`);
  await run(
    path.resolve("node_modules/.bin/lighthouse"),
    [
      url,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      `--only-categories=${CATEGORIES.join(",")}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ],
    { env: { ...process.env, CHROME_PATH: chrome } },
  );
  return JSON.parse(readFileSync(out, "utf8")) as Report;
}

const pct = (score: number | null | undefined) =>
  score == null ? "  n/a" : String(Math.round(score * 100)).padStart(5);

async function main() {
  const pages = await pagesToAudit();
  const dir = mkdtempSync(path.join(tmpdir(), "broadsheet-audit-"));
  const failing: string[] = [];
  const rows: string[] = [];
  const metrics: string[] = [];
  try {
    for (const page of pages) {
      process.stderr.write(`auditing ${page.name}: ${page.url}\n`);
      const report = await lighthouse(page.url, dir);
      rows.push(
        `${page.name.padEnd(8)} ${CATEGORIES.map((c) => pct(report.categories[c]?.score).padStart(c.length)).join("  ")}   ${page.url}`,
      );
      // What the performance score is made of, so a low one says where to look.
      const metric = (id: string) => report.audits[id]?.displayValue ?? "n/a";
      metrics.push(
        `${page.name.padEnd(8)} FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, ` +
          `CLS ${metric("cumulative-layout-shift")}, SI ${metric("speed-index")}, weight ${metric("total-byte-weight")}`,
      );
      for (const category of ["seo", "accessibility"]) {
        for (const ref of report.categories[category]?.auditRefs ?? []) {
          const audit = report.audits[ref.id];
          if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1)
            failing.push(`  ${page.name} ${category}: ${ref.id} — ${audit.title}`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nLighthouse scores for ${base}\n`);
  console.log(`${"page".padEnd(8)} ${CATEGORIES.join("  ")}`);
  for (const row of rows) console.log(row);
  console.log("");
  for (const line of metrics) console.log(line);
  if (failing.length) console.log(`\nFailing SEO/accessibility audits:\n${failing.join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
