import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { admin, refuseForged, type AdminTarget } from "./admin";
import { applyFault, FaultQueue, parseFault, type Fault } from "./faults";
import { error, segments, send, sleep } from "./http";
import { DEFAULT_LOG_BYTES, DEFAULT_LOG_LIMIT, RequestLog, type LoggedRequest } from "./log";
import { isLoopback } from "./loopback";
import { api } from "./routes";
import type { Seed, SeedGroup } from "./seed";
import { loadSeed, readSeed } from "./state";
import { deleteGroup, putGroup } from "./store";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** The seed: an object, or the path of a JSON file. @default the built-in demo seed */
  readonly seed?: Seed | string;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** A loopback address unless `allowRemote` is set. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Allow a `host` beyond loopback (e.g. `0.0.0.0`): whoever reaches the port can then use the
   * seeded tokens and the admin routes, which take no token. @default false
   */
  readonly allowRemote?: boolean;
  /** How many of the latest requests the log keeps; older ones are dropped. @default 10000 */
  readonly maxLoggedRequests?: number;
  /** How many bytes of entries (as JSON) the log keeps at most; older ones are dropped. @default 8388608 (8 MiB) */
  readonly maxLoggedBytes?: number;
}

/** A running emulator. */
export interface Emulator {
  /** The base URL to use as `turso:apiBaseUrl`, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The latest API requests (at most `maxLoggedRequests`, and `maxLoggedBytes` bytes). */
  requests(): readonly LoggedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  /** The most API requests that were in flight at once. */
  maxInFlight(): number;
  /** Adds a fault (see {@link Fault}). */
  addFault(fault: Fault): void;
  /** Removes every fault. */
  clearFaults(): void;
  /**
   * Creates or replaces a group, checked as a seed's (its locations among the emulator's). A
   * replaced group keeps its UUID unless `uuid` is given; a deleted one's UUID is not given again.
   */
  setGroup(organization: string, group: SeedGroup): void;
  /** Stops listening and closes every open connection. */
  stop(): Promise<void>;
}

/**
 * Starts the Turso Platform API emulator: the group endpoints, faults and an admin route under
 * `/__emulator/`, on 127.0.0.1 by default. Throws a `SeedError` naming the bad entry of a seed.
 *
 * @example
 * ```ts
 * import { startEmulator } from "pulumi-turso-group/emulator";
 *
 * const emulator = await startEmulator({ port: 0 });
 * process.env.TURSO_API_BASEURL = emulator.url;
 * process.env.TURSO_API_TOKEN = "demo-token";
 * // ... run pulumi preview ...
 * await emulator.stop();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && options.allowRemote !== true) {
    throw new Error(`host ${host} is not a loopback address: set allowRemote (--allow-remote) to bind it anyway`);
  }
  const limit = options.maxLoggedRequests ?? DEFAULT_LOG_LIMIT;
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`maxLoggedRequests must be an integer >= 0 (got ${limit})`);
  const maxBytes = options.maxLoggedBytes ?? DEFAULT_LOG_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 0)
    throw new Error(`maxLoggedBytes must be an integer >= 0 (got ${maxBytes})`);
  const seed = readSeed(options.seed);
  let state = seed.state;
  const faults = new FaultQueue();
  seed.faults.forEach((f) => faults.add(f));
  let latencyMs = seed.latencyMs;
  const log = new RequestLog(limit, maxBytes);
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();

  const target: AdminTarget = {
    log,
    faults,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    clearRequests: () => {
      log.clear();
      maxInFlight = inFlight;
    },
    setLatency: (ms) => (latencyMs = ms),
    putGroup: (organization, raw, where) => putGroup(state, organization, raw, where),
    deleteGroup: (organization, name) => deleteGroup(state, organization, name) !== undefined,
    // The seed as it was read at start: state, faults and latency (the file is not read again).
    reset: () => {
      state = loadSeed(seed.raw as Seed);
      faults.clear();
      seed.faults.forEach((f) => faults.add(f));
      latencyMs = seed.latencyMs;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    const parts = segments(rawPath);
    if (parts?.[0] === "__emulator") {
      try {
        send(res, refuseForged(req) ?? (await admin(target, method, parts, req)));
      } catch (err) {
        send(res, error(400, (err as Error).message));
      }
      return;
    }
    const started = performance.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let logged = false;
    const record = (): void => {
      if (logged) return;
      logged = true;
      inFlight--;
      const status = res.writableFinished ? res.statusCode : 0;
      log.add({ method, path: rawPath, status, durationMs: Math.round(performance.now() - started) });
    };
    res.on("finish", record);
    res.on("close", record);
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = faults.take(rawPath);
    if (fault && (await applyFault(fault, res))) return;
    send(
      res,
      parts === undefined ? error(400, "malformed percent-encoding in path") : await api(state, method, parts, req),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, error(500, `emulator error: ${(err as Error).message}`));
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{"error":"bad request"}');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      const where = `${host} port ${options.port ?? 0}`;
      if (err.code === "EADDRINUSE") reject(new Error(`cannot listen on ${where}: the port is already in use`));
      else reject(new Error(`cannot listen on ${where}: ${err.message}`));
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests: () => log.list(),
    clearRequests: target.clearRequests,
    maxInFlight: () => maxInFlight,
    addFault: (fault) => faults.add(parseFault(fault)),
    clearFaults: () => faults.clear(),
    setGroup: (organization, group) => {
      target.putGroup(organization, group, "group");
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
}
