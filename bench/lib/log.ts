let benchmark = "bench";

/** Names the benchmark in every progress line (`[newsday] …`); called once by the entry script. */
export function nameBenchmark(name: string): void {
  benchmark = name;
}

export function say(line: string): void {
  console.log(`[${benchmark}] ${line}`);
}
