import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../scripts/lib/chromium";

/**
 * `npx tsx bench/transfer.ts [path ...]`: what a phone downloads, measured in Chromium (390×844, DPR 3 like an
 * iPhone 14, and DPR 1.75 like Lighthouse's mobile profile) against a RUNNING server (BENCH_URL, default
 * http://localhost:3000). Bytes are Chromium's encodedDataLength: headers plus body as sent over the wire,
 * after compression. Two numbers per page: at load (what the first screen pulls in, lazy images left out), and
 * after scrolling to the bottom (every lazy image too).
 */

const base = (process.env.BENCH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/"];

type Tally = {
  total: number;
  byType: Map<string, { bytes: number; count: number }>;
  images: { url: string; bytes: number }[];
};

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function measure(path: string, deviceScaleFactor: number): Promise<{ load: Tally; scrolled: Tally }> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const types = new Map<string, { type: string; url: string }>();
    const tally: Tally = { total: 0, byType: new Map(), images: [] };
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
    cdp.on("Network.loadingFinished", (e) => {
      const { type, url } = types.get(e.requestId) ?? { type: "Other", url: "" };
      tally.total += e.encodedDataLength;
      const entry = tally.byType.get(type) ?? { bytes: 0, count: 0 };
      entry.bytes += e.encodedDataLength;
      entry.count += 1;
      tally.byType.set(type, entry);
      if (type === "Image") tally.images.push({ url: url.replace(base, ""), bytes: e.encodedDataLength });
    });
    const snapshot = (): Tally => ({
      total: tally.total,
      byType: new Map([...tally.byType].map(([k, v]) => [k, { ...v }])),
      images: [...tally.images],
    });

    await page.goto(base + path, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    const load = snapshot();
    // Scroll a screen at a time so every lazy image enters the viewport, then wait for the network to settle.
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 700) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(60);
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    return { load, scrolled: snapshot() };
  } finally {
    await browser.close();
  }
}

function print(label: string, t: Tally) {
  const parts = [...t.byType]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([type, v]) => `${type} ${kib(v.bytes)} (${v.count})`);
  console.log(`  ${label.padEnd(9)} ${kib(t.total).padStart(10)}   ${parts.join(", ")}`);
}

for (const path of paths) {
  for (const dpr of [1.75, 3]) {
    const { load, scrolled } = await measure(path, dpr);
    console.log(`${path} at 390×844, DPR ${dpr}:`);
    print("load", load);
    print("scrolled", scrolled);
    if (process.env.BENCH_VERBOSE)
      for (const img of scrolled.images) console.log(`    ${kib(img.bytes).padStart(10)}  ${img.url}`);
  }
}
