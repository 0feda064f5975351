/** The emulator command's arguments: parsed strictly, every problem a UsageError naming the option. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isLoopback } from "./loopback";

/** The usage text `--help` prints; its first line is repeated after every usage error. */
export const USAGE = `usage: turso-api-emulator [--seed FILE] [--port N] [--host ADDRESS [--allow-remote]] [--ready-file FILE] [--log-limit N] [--log-bytes N]
       turso-api-emulator wait --ready-file FILE [--pid N] [--timeout SECONDS]
       turso-api-emulator --help | --version

Serves the group and location routes of the Turso Platform API on http://127.0.0.1:PORT until SIGINT or SIGTERM.

  --seed FILE        the seed (JSON; schema: schema/seed.schema.json in the package); default: the demo seed
  --port N           the port, 0 to 65535; default 0 (any free port)
  --host ADDRESS     the address to bind; default 127.0.0.1. An address beyond loopback needs
                     --allow-remote: the admin routes /__emulator/* take no token
  --allow-remote     allow --host beyond loopback (prints a warning)
  --ready-file FILE  write {"state": "starting" | "ready" | "failed" | "stopped", "pid", "url" | "error"} to FILE
  --log-limit N      keep the last N requests in the request log; default 10000
  --log-bytes N      and at most N bytes of them (as JSON); default 8388608 (8 MiB)

  wait               wait for a --ready-file: print the URL and exit 0 when the emulator is ready;
                     exit 1 with the reason when it failed, died (--pid, or the pid in the file)
                     or did not get ready within --timeout SECONDS (default 60)

Exit status: 0 stopped by a signal or ready; 1 the emulator failed; 2 a usage error.`;

/** A command line that cannot be run; the command prints it with the usage line and exits 2. */
export class UsageError extends Error {
  /** Always `"UsageError"`. */
  override name = "UsageError";
}

/** What the command line asks for. */
export type Command =
  | { readonly command: "help" | "version" }
  | {
      readonly command: "serve";
      readonly seed?: string;
      readonly port: number;
      readonly host: string;
      readonly allowRemote: boolean;
      readonly readyFile?: string;
      readonly logLimit: number;
      readonly logBytes: number;
    }
  | { readonly command: "wait"; readonly readyFile: string; readonly pid?: number; readonly timeoutMs: number };

/** A decimal integer from `min` to `max`; an empty value, a sign, hex, exponents or decimals are refused. */
export function integer(option: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses `process.argv.slice(2)`. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === "wait") {
    const { values } = parse(rest, {
      "ready-file": { type: "string" },
      pid: { type: "string" },
      timeout: { type: "string" },
    });
    const file = values["ready-file"] as string | undefined;
    if (file === undefined || file === "") throw new UsageError("wait needs --ready-file FILE");
    const pid = values.pid as string | undefined;
    return {
      command: "wait",
      readyFile: file,
      ...optional("pid", pid === undefined ? undefined : integer("--pid", pid, 1, 2 ** 31 - 1)),
      timeoutMs: 1000 * integer("--timeout", (values.timeout as string | undefined) ?? "60", 1, 86_400),
    };
  }
  const { values } = parse([...argv], {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean" },
    seed: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    "allow-remote": { type: "boolean" },
    "ready-file": { type: "string" },
    "log-limit": { type: "string" },
    "log-bytes": { type: "string" },
  });
  if (values.help === true) return { command: "help" };
  if (values.version === true) return { command: "version" };
  const host = (values.host as string | undefined) ?? "127.0.0.1";
  const allowRemote = values["allow-remote"] === true;
  if (host === "") throw new UsageError('--host must be an address (got "")');
  if (!isLoopback(host) && !allowRemote) {
    throw new UsageError(
      `--host ${host} is beyond loopback, where others could reach the admin routes /__emulator/*, which take no token: add --allow-remote to bind it anyway`,
    );
  }
  for (const option of ["seed", "ready-file"] as const) {
    if (values[option] === "") throw new UsageError(`--${option} must be a file path (got "")`);
  }
  return {
    command: "serve",
    ...optional("seed", values.seed as string | undefined),
    port: integer("--port", (values.port as string | undefined) ?? "0", 0, 65535),
    host,
    allowRemote,
    ...optional("readyFile", values["ready-file"] as string | undefined),
    logLimit: integer("--log-limit", (values["log-limit"] as string | undefined) ?? "10000", 0, 10_000_000),
    logBytes: integer("--log-bytes", (values["log-bytes"] as string | undefined) ?? "8388608", 0, 2 ** 32),
  };
}
