import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** A command that exited with a failure; its own output already went to the terminal, so the message is short. */
export class CommandFailed extends Error {}

/**
 * Runs a command with its output on this process's terminal and resolves when it exits with 0. `scan` also gets
 * every output line (npm test quotes the test counts); `onSpawn` gets the child so a signal handler can stop it.
 */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; scan?: (line: string) => void; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<void> {
  const { env = process.env, scan, onSpawn } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      stdio: ["ignore", scan ? "pipe" : "inherit", scan ? "pipe" : "inherit"],
    });
    onSpawn?.(child);
    if (scan) {
      for (const [stream, out] of [
        [child.stdout!, process.stdout],
        [child.stderr!, process.stderr],
      ] as const) {
        let pending = "";
        stream.on("data", (chunk: Buffer) => {
          out.write(chunk);
          pending += chunk.toString("utf8");
          const lines = pending.split("\n");
          pending = lines.pop() ?? "";
          lines.forEach(scan);
        });
      }
    }
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(new CommandFailed(`${path.basename(command)} ${args[0] ?? ""} exited with ${signal ?? `code ${code}`}`));
    });
  });
}
