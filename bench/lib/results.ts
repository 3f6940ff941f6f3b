import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes a run's numbers to bench/results/<benchmark>-<timestamp>.json (gitignored) and returns the file. */
export function saveResults(benchmark: string, data: unknown): string {
  mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `${benchmark}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
