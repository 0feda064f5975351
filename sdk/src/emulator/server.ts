import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue, parseFault, type Fault } from "./faults";
import { DEFAULT_SEED, loadSeed, parseGroup, SeedError, type ApiGroup, type Seed, type State } from "./seed";

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

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});
const error = (status: number, message: string): Reply => json(status, { error: message });

/** The seed as given: an object, a file's parsed JSON, or the default. */
function rawSeed(seed: Seed | string | undefined): unknown {
  if (seed === undefined) return DEFAULT_SEED;
  if (typeof seed !== "string") return seed;
  let text: string;
  try {
    text = readFileSync(seed, "utf8");
  } catch (err) {
    throw new SeedError(`cannot read seed file ${seed}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SeedError(`${seed} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Validates a seed: its state, and the faults and latency it sets from the start. */
function readSeed(seed: Seed | string | undefined): { raw: unknown; state: State; faults: Fault[]; latencyMs: number } {
  const raw = rawSeed(seed);
  try {
    const r = raw as { faults?: unknown; latencyMs?: unknown };
    if (r.latencyMs !== undefined && !(typeof r.latencyMs === "number" && r.latencyMs >= 0)) {
      throw new SeedError("seed.latencyMs must be a number of milliseconds");
    }
    if (r.faults !== undefined && !Array.isArray(r.faults)) throw new SeedError("seed.faults must be an array");
    const faults = (r.faults ?? []).map((f: unknown, i: number) => {
      try {
        return parseFault(f, `seed.faults[${i}]`);
      } catch (err) {
        throw new SeedError((err as Error).message);
      }
    });
    return { raw, state: loadSeed(raw), faults, latencyMs: (r.latencyMs as number | undefined) ?? 0 };
  } catch (err) {
    if (err instanceof SeedError && typeof seed === "string") throw new SeedError(`${seed}: ${err.message}`);
    throw err;
  }
}

/** Splits a raw path into decoded segments (decoded once, like a real server); undefined if malformed. */
function segments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split("/")
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

async function body(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

  function userOf(req: IncomingMessage): string | Reply {
    const auth = req.headers.authorization;
    if (auth === undefined) return error(401, "missing Authorization header");
    const match = /^Bearer (.+)$/.exec(auth);
    if (!match) return error(401, "token contains an invalid number of segments");
    return state.tokens.get(match[1] as string) ?? error(401, "invalid token");
  }

  function api(method: string, parts: string[], req: IncomingMessage): Reply {
    let organization: string | undefined;
    let rest: string[];
    if (parts[0] === "v1" && parts[1] === "organizations" && parts.length >= 4 && parts[3] === "groups") {
      organization = parts[2];
      rest = parts.slice(4);
    } else if (parts[0] === "v1" && parts[1] === "groups") {
      rest = parts.slice(2);
    } else {
      return error(404, "not found");
    }
    if (rest.length > 1) return error(404, "not found");
    if (method !== "GET") return { ...error(405, "method not allowed"), headers: { Allow: "GET" } };
    const user = userOf(req);
    if (typeof user !== "string") return user;
    const slug = organization ?? user;
    const groups = state.organizations.get(slug);
    if (groups === undefined) return error(404, "organization not found");
    if (!state.members.get(user)?.has(slug)) return error(403, `user is not a member of organization ${slug}`);
    if (rest.length === 0) return json(200, { groups: [...groups.values()] });
    const group = groups.get(rest[0] as string);
    return group === undefined ? error(404, "group not found") : json(200, { group });
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
        const group = parseGroup(org, { ...((await body(req)) as object), name }, "body");
        if (!state.organizations.has(org)) state.organizations.set(org, new Map());
        state.organizations.get(org)?.set(name, group);
        return json(200, { group });
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

  function send(res: ServerResponse, reply: Reply): void {
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
    res.end(text);
  }

  async function applyFault(fault: Fault, res: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case "delay":
        await sleep(fault.delayMs);
        return false;
      case "status": {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
        if (fault.contentType !== undefined) headers["Content-Type"] = fault.contentType;
        send(res, { status: fault.status, body: fault.body ?? { error: `emulated ${fault.status}` }, headers });
        return true;
      }
      case "malformed":
        res.writeHead(200, { "Content-Type": fault.contentType ?? "application/json" });
        res.end(fault.body ?? '{"group": {"name": "trunc');
        return true;
      case "redirect":
        res.writeHead(fault.status ?? 302, { Location: fault.location, "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "moved" }));
        return true;
      case "stall":
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"group": ');
        // Nothing more is sent; the connection stays open until the client or stop() closes it.
        return true;
      case "drop":
        res.socket?.destroy();
        return true;
    }
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
    send(res, parts === undefined ? error(400, "malformed percent-encoding in path") : api(method, parts, req));
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
      const parsed = parseGroup(organization, group);
      if (!state.organizations.has(organization)) state.organizations.set(organization, new Map());
      state.organizations.get(organization)?.set(parsed.name, parsed);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
}
