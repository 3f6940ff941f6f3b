import autocannon, { type Options, type Result } from "autocannon";
import { say } from "./log";
import { sampleMemory, treeCpuMs, type RssSummary } from "./memory";

/**
 * autocannon, closed loop: each connection sends its next request when the previous answer is complete, so the
 * latency of a response is the time from writing its request to reading its last byte. Requests send
 * `Accept-Encoding: gzip` like a browser unless `gzip` is off.
 */
export type LoadSettings = { connections: number; duration: number; gzip: boolean };

export type LoadHooks = {
  /** Every response, in order, with its latency (ms) as autocannon measured it. */
  onResponse?: (status: number, latencyMs: number) => void;
  /** Seconds between progress lines (default 5). */
  progressEvery?: number;
  /** Milliseconds between RSS samples (default 250). */
  memoryEveryMs?: number;
  /** Appended to each progress line. */
  progressNote?: () => string;
};

/** `cpuMs`: CPU time the server's process tree used during the run (null without a pid). */
export type LoadRun = { result: Result; rss: RssSummary | null; cpuMs: number | null };

export function load(
  name: string,
  settings: LoadSettings,
  pid: number | undefined,
  options: Options,
  hooks: LoadHooks = {},
): Promise<LoadRun> {
  const every = hooks.progressEvery ?? 5;
  return new Promise((resolve, reject) => {
    const memory = sampleMemory(pid, hooks.memoryEveryMs ?? 250);
    const cpuAtStart = pid ? treeCpuMs(pid) : 0;
    let seconds = 0;
    let requests = 0;
    let requestsAtLastLine = 0;
    const instance = autocannon(
      {
        connections: settings.connections,
        timeout: 30,
        headers: settings.gzip ? { "accept-encoding": "gzip" } : {},
        ...options,
      },
      (error, result) => {
        clearTimeout(stopAt);
        const rss = memory.stop();
        const cpuMs = pid ? treeCpuMs(pid) - cpuAtStart : null;
        if (error) reject(error);
        else resolve({ result, rss, cpuMs });
      },
    );
    // `amount` runs ignore `duration`; the timer ends them on time.
    const stopAt = setTimeout(() => instance.stop(), settings.duration * 1000 + 200);
    instance.on("response", (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
      requests++;
      hooks.onResponse?.(status, latencyMs);
    });
    instance.on("tick", () => {
      seconds++;
      if (seconds % every !== 0) return;
      const rate = (requests - requestsAtLastLine) / every;
      requestsAtLastLine = requests;
      const rss = memory.current();
      const note = hooks.progressNote?.() ?? "";
      say(
        `  ${name}: ${seconds}/${settings.duration} s, ${requests} requests (${rate.toFixed(0)} req/s)` +
          `${rss === undefined ? "" : `, server RSS ${rss.toFixed(0)} MB`}${note ? `, ${note}` : ""}`,
      );
    });
  });
}

/** One load phase as the article benchmark reports it. */
export type Phase = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Socket errors and timeouts (autocannon counts a timeout as an error too). */
  errors: number;
  /** Answers that were not 2xx. */
  non2xx: number;
  seconds: number;
  rss: RssSummary | null;
  /** The server's CPU time per answered request (ms), when its pid is known. */
  cpuMsPerRequest: number | null;
  note?: string;
};

export function summarise(name: string, run: LoadRun, note?: string): Phase {
  const { result, rss, cpuMs } = run;
  const answered = result["2xx"] + result.non2xx;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: answered,
    errors: result.errors,
    non2xx: result.non2xx,
    seconds: result.duration,
    rss,
    cpuMsPerRequest: cpuMs !== null && answered ? cpuMs / answered : null,
    note,
  };
}
