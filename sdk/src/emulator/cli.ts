#!/usr/bin/env node
/**
 * `turso-api-emulator`: runs the emulator until SIGINT or SIGTERM (see `--help`). Prints exactly
 * one line when ready: `Turso API emulator listening on http://127.0.0.1:PORT`; with
 * `--ready-file`, also writes its state there for `turso-api-emulator wait`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCommand, USAGE, UsageError, type Command } from "./args";
import { waitReady, writeReady } from "./ready";
import { startEmulator } from "./server";

const say = (line: string): boolean => process.stderr.write(`turso-api-emulator: ${line}\n`);

async function serve(c: Extract<Command, { command: "serve" }>): Promise<void> {
  const ready = (state: Parameters<typeof writeReady>[1]): void => {
    if (c.readyFile !== undefined) writeReady(c.readyFile, state);
  };
  ready({ state: "starting", pid: process.pid });
  let emulator;
  try {
    emulator = await startEmulator({
      port: c.port,
      host: c.host,
      allowRemote: c.allowRemote,
      maxLoggedRequests: c.logLimit,
      maxLoggedBytes: c.logBytes,
      ...(c.seed === undefined ? {} : { seed: c.seed }),
    });
  } catch (err) {
    ready({ state: "failed", pid: process.pid, error: (err as Error).message });
    throw err;
  }
  if (c.allowRemote) {
    say(
      `warning: listening on ${c.host}, beyond loopback: whoever reaches this port can read with the seeded ` +
        "tokens and use the admin routes /__emulator/*, which take no token (faults, groups, reset)",
    );
  }
  ready({ state: "ready", pid: process.pid, url: emulator.url });
  process.stdout.write(`Turso API emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    ready({ state: "stopped", pid: process.pid });
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main(): Promise<void> {
  const c = parseCommand(process.argv.slice(2));
  if (c.command === "help") process.stdout.write(`${USAGE}\n`);
  if (c.command === "version") {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    process.stdout.write(`${pkg.version}\n`);
  }
  if (c.command === "wait") process.stdout.write(`${await waitReady(c.readyFile, c.pid, c.timeoutMs)}\n`);
  if (c.command === "serve") await serve(c);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    say(err.message);
    process.stderr.write(`${USAGE.split("\n\n")[0]}\n(turso-api-emulator --help for more)\n`);
    process.exit(2);
  }
  say(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
