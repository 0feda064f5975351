/**
 * The ready file: how a pipeline learns, without parsing logs, that the emulator is ready, that it
 * failed (and why), or that it died; and `turso-api-emulator wait`, which cannot hang.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { sleep } from "./http";

/** What the ready file holds, one JSON object written atomically. */
export type ReadyState =
  | { readonly state: "starting" | "stopped"; readonly pid: number }
  | { readonly state: "ready"; readonly pid: number; readonly url: string }
  | { readonly state: "failed"; readonly pid: number; readonly error: string };

/** Replaces the ready file in one step (write, then rename), so a reader never sees half of it. */
export function writeReady(file: string, state: ReadyState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}

function readReady(file: string): ReadyState | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ReadyState;
  } catch {
    return undefined; // not there yet (or, briefly, from another writer): look again
  }
}

/** Whether a process is running (a zombie, dead but not yet reaped, counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) has answered
  }
}

/**
 * Waits for the emulator writing `file` (and, when given, for process `pid`, e.g. the `$!` of the
 * shell that started it): resolves with its URL when it is ready; rejects with the reason at once
 * when it failed, stopped or died, and after `timeoutMs` when nothing happened.
 */
export async function waitReady(file: string, pid: number | undefined, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = readReady(file);
    if (s?.state === "ready" && alive(s.pid)) return s.url;
    if (s?.state === "failed") throw new Error(`the emulator failed to start: ${s.error}`);
    if (s?.state === "stopped") throw new Error(`the emulator (pid ${s.pid}) has stopped`);
    if (s !== undefined && !alive(s.pid)) throw new Error(`the emulator (pid ${s.pid}) exited without a word`);
    if (pid !== undefined && !alive(pid)) {
      throw new Error(
        `process ${pid} exited before the emulator was ready (${file} ${s ? `says ${s.state}` : "was never written"})`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the emulator was not ready after ${timeoutMs / 1000} s (${file} ${s ? `says ${s.state}` : "does not exist"})`,
      );
    }
    await sleep(50);
  }
}
