import { readdirSync, readFileSync } from "node:fs";

/** Parent → children of every process, from /proc. */
function processTree(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Resident memory (kB) of one process, 0 once it is gone. */
function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every descendant of `root` (not root itself). */
function descendants(root: number, children = processTree()): number[] {
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Resident memory (kB) of a process and all its descendants, from /proc. */
export function treeRssKb(root: number): number {
  return [root, ...descendants(root)].reduce((total, pid) => total + rssKb(pid), 0);
}

/** The server's two roles: the front (the process we started) and the renderer (its children). */
export function rendererPids(front: number): number[] {
  return descendants(front);
}

// Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
const TICK_MS = 10;

/**
 * CPU time (ms, user + system) a process and its descendants have used so far. The difference over a phase divided by
 * its requests is the server's CPU cost per request: unlike req/s, it does not depend on how much of the machine the
 * load generator (or anything else) takes.
 */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of [root, ...descendants(root)]) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}

/** MB of the server's process tree over a phase: the first and last sample, the highest and the mean. */
export type RssSummary = {
  start: number;
  peak: number;
  mean: number;
  end: number;
  /** The first sample a minute or more into the phase (heaps fill during the first minute of load); null if shorter. */
  afterOneMinute: number | null;
};

/**
 * Samples RSS every `everyMs` until stopped: the whole tree, or with `role`, only the front process or only its
 * renderer. Without a pid there is nothing to sample (null).
 */
export function sampleMemory(pid: number | undefined, everyMs: number, role?: "front" | "renderer") {
  const samples: number[] = [];
  const measure = (root: number) =>
    role === "front"
      ? rssKb(root)
      : role === "renderer"
        ? descendants(root).reduce((t, p) => t + rssKb(p), 0)
        : treeRssKb(root);
  const take = () => {
    if (pid) samples.push(measure(pid) / 1024);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    current: (): number | undefined => samples[samples.length - 1],
    stop: (): RssSummary | null => {
      clearInterval(timer);
      take();
      if (!samples.length) return null;
      return {
        start: samples[0]!,
        peak: Math.max(...samples),
        mean: samples.reduce((a, b) => a + b, 0) / samples.length,
        end: samples[samples.length - 1]!,
        afterOneMinute: samples[Math.ceil(60_000 / everyMs)] ?? null,
      };
    },
  };
}
