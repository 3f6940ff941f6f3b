/** Printing helpers shared by the benchmarks' reports. */

export const mark = (ok: boolean) => (ok ? "✔" : "✘");

/** A fixed-width table: first column left-aligned, the others right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log("─".repeat(widths.reduce((a, b) => a + b + 2, -2)));
  for (const r of rows) console.log(line(r));
}

/** Nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
