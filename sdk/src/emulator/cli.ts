#!/usr/bin/env node
/**
 * `turso-api-emulator [--seed FILE] [--port N] [--host ADDRESS]`: runs the emulator until SIGINT
 * or SIGTERM. Prints exactly one line when ready:
 * `Turso API emulator listening on http://127.0.0.1:PORT`.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number from 0 to 65535 (got ${JSON.stringify(values.port)})`);
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  });
  process.stdout.write(`Turso API emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`turso-api-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
