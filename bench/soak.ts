/**
 * `npm run bench:soak`: ten minutes of the news day (bench/newsday.ts: Zipf reads over the archive while the
 * newsroom publishes and edits through the API), judged on what only a long run shows: 0 errors, the front's and
 * the renderer's RSS flat (start/max/end printed for each), and the server still up, on its first renderer, at the
 * end. BENCH_DURATION shortens it; every other BENCH_* variable of newsday applies. Not part of `npm test`.
 */
export {};

process.env.BENCH_SOAK = "1";
await import("./newsday");
