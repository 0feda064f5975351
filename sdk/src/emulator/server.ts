import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { applyFault, FaultQueue, parseFault, type Fault } from "./faults";
import { body, error, json, segments, send, sleep, type Reply } from "./http";
import { api } from "./routes";
import { loadSeed, parseGroup, readSeed, type ApiGroup, type Seed } from "./seed";

/** One API request as the emulator saw it. The Authorization header is never recorded. */
export interface LoggedRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The raw request path, without the query. */
  readonly path: string;
  /** 0 when the connection was dropped or stalled without a complete answer. */
  readonly status: number;
  /** Time from arrival to the end of the answer. */
  readonly durationMs: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** The seed: an object, or the path of a JSON file. @default the built-in demo seed */
  readonly seed?: Seed | string;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default "127.0.0.1" */
  readonly host?: string;
}

/** A running emulator. */
export interface Emulator {
  /** The base URL to use as `turso:apiBaseUrl`, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The API requests received so far. */
  requests(): readonly LoggedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  /** The most API requests that were in flight at once. */
  maxInFlight(): number;
  /** Adds a fault (see {@link Fault}). */
  addFault(fault: Fault): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Creates or replaces a group. */
  setGroup(
    organization: string,
    group: Omit<ApiGroup, "uuid" | "version" | "delete_protection"> & Partial<ApiGroup>,
  ): void;
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
  const seed = readSeed(options.seed);
  let state = seed.state;
  const faults = new FaultQueue();
  seed.faults.forEach((f) => faults.add(f));
  let latencyMs = seed.latencyMs;
  let log: LoggedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();

  /** Validates a group and creates or replaces it (and its organization, when new). */
  function putGroup(organization: string, raw: unknown, where: string): ApiGroup {
    const group = parseGroup(organization, raw, where);
    const groups = state.organizations.get(organization) ?? new Map<string, ApiGroup>();
    groups.set(group.name, group);
    state.organizations.set(organization, groups);
    return group;
  }

  async function admin(method: string, parts: string[], req: IncomingMessage): Promise<Reply> {
    const [, what, org, groupsWord, name] = parts;
    if (what === "requests" && parts.length === 2) {
      if (method === "GET") return json(200, log);
      if (method === "DELETE") {
        log = [];
        maxInFlight = inFlight;
        return json(200, { cleared: true });
      }
    }
    if (what === "stats" && method === "GET") return json(200, { requests: log.length, inFlight, maxInFlight });
    if (what === "faults" && parts.length === 2) {
      if (method === "GET") return json(200, faults.list());
      if (method === "DELETE") {
        faults.clear();
        return json(200, { cleared: true });
      }
      if (method === "POST") {
        const raw = await body(req);
        const list = Array.isArray(raw) ? raw : [raw];
        list.forEach((f, i) => faults.add(parseFault(f, Array.isArray(raw) ? `faults[${i}]` : "fault")));
        return json(201, faults.list());
      }
    }
    if (what === "latency" && method === "PUT") {
      const raw = (await body(req)) as { ms?: unknown } | undefined;
      if (typeof raw?.ms !== "number" || raw.ms < 0) return error(400, 'body must be {"ms": <milliseconds>}');
      latencyMs = raw.ms;
      return json(200, { latencyMs });
    }
    if (
      what === "organizations" &&
      org !== undefined &&
      groupsWord === "groups" &&
      name !== undefined &&
      parts.length === 5
    ) {
      if (method === "PUT") {
        return json(200, { group: putGroup(org, { ...((await body(req)) as object), name }, "body") });
      }
      if (method === "DELETE") {
        const deleted = state.organizations.get(org)?.delete(name) ?? false;
        return deleted ? json(200, { deleted: true }) : error(404, "group not found");
      }
    }
    if (what === "reset" && method === "POST") {
      // The seed as it was read at start: state, faults and latency (the file is not read again).
      state = loadSeed(seed.raw);
      faults.clear();
      seed.faults.forEach((f) => faults.add(f));
      latencyMs = seed.latencyMs;
      return json(200, { reset: true });
    }
    return error(404, "no such admin route");
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    const parts = segments(rawPath);
    if (parts?.[0] === "__emulator") {
      try {
        send(res, await admin(method, parts, req));
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
      log.push({ method, path: rawPath, status, durationMs: Math.round(performance.now() - started) });
    };
    res.on("finish", record);
    res.on("close", record);
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = faults.take(rawPath);
    if (fault && (await applyFault(fault, res))) return;
    send(res, parts === undefined ? error(400, "malformed percent-encoding in path") : api(state, method, parts, req));
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

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests: () => log.map((r) => ({ ...r })),
    clearRequests: () => {
      log = [];
      maxInFlight = inFlight;
    },
    maxInFlight: () => maxInFlight,
    addFault: (fault) => faults.add(parseFault(fault)),
    clearFaults: () => faults.clear(),
    setGroup: (organization, group) => {
      putGroup(organization, group, "group");
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
}
