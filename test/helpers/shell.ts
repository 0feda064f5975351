import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Runs `bash ARGS` in its own process group and resolves with its exit code and its stdout and
 * stderr together. Whatever the script left running in the background (an emulator) would hold the
 * output pipes open, so the whole group is stopped when bash exits.
 */
export function runBash(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    let status = -1;
    child.on("exit", (c) => {
      status = c ?? -1;
      try {
        process.kill(-(child.pid ?? 0), "SIGTERM");
      } catch {
        // the group has ended already
      }
    });
    child.on("close", () => resolve({ code: status, output }));
  });
}

/**
 * Writes an executable shell script `dir/rel` (a stand-in for a tool such as go or pulumi) whose
 * body is `body`, and returns its path.
 */
export function writeTool(dir: string, rel: string, body: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
