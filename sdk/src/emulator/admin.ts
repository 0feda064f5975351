/**
 * The admin routes under `/__emulator/`. They take no token, so they answer only requests a
 * browser page cannot forge: addressed to a loopback name (no DNS rebinding), without an
 * `Origin` header (no cross-origin page), with a JSON body or none (no "simple" form post).
 */
import type { IncomingMessage } from "node:http";
import { parseFault, type FaultQueue } from "./faults";
import { body, error, json, type Reply } from "./http";
import type { RequestLog } from "./log";
import { isLoopbackHostHeader } from "./loopback";
import type { ApiGroup } from "./seed";

/** What the admin routes act on: the running emulator's mutable parts. */
export interface AdminTarget {
  readonly log: RequestLog;
  readonly faults: FaultQueue;
  inFlight(): number;
  maxInFlight(): number;
  clearRequests(): void;
  setLatency(ms: number): void;
  putGroup(organization: string, raw: unknown, where: string): ApiGroup;
  deleteGroup(organization: string, name: string): boolean;
  reset(): void;
}

/** The refusal of an admin request a web page could have sent, or undefined when it may proceed. */
export function refuseForged(req: IncomingMessage): Reply | undefined {
  if (!isLoopbackHostHeader(req.headers.host)) {
    return error(
      403,
      `admin routes answer only a loopback Host (127.0.0.1, localhost, [::1]), not ${JSON.stringify(req.headers.host ?? "")}`,
    );
  }
  if (req.headers.origin !== undefined)
    return error(403, "admin routes refuse requests with an Origin header (web pages)");
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  if ((type !== undefined || hasBody) && type !== "application/json") {
    return error(
      415,
      `admin routes take only application/json bodies (got Content-Type ${JSON.stringify(type ?? "")})`,
    );
  }
  return undefined;
}

/** Answers an admin request. */
export async function admin(t: AdminTarget, method: string, parts: string[], req: IncomingMessage): Promise<Reply> {
  const [, what, org, groupsWord, name] = parts;
  if (what === "requests" && parts.length === 2) {
    if (method === "GET") return json(200, t.log.list());
    if (method === "DELETE") {
      t.clearRequests();
      return json(200, { cleared: true });
    }
  }
  if (what === "stats" && method === "GET") {
    return json(200, { ...t.log.counts(), inFlight: t.inFlight(), maxInFlight: t.maxInFlight() });
  }
  if (what === "faults" && parts.length === 2) {
    if (method === "GET") return json(200, t.faults.list());
    if (method === "DELETE") {
      t.faults.clear();
      return json(200, { cleared: true });
    }
    if (method === "POST") {
      const raw = await body(req);
      const list = Array.isArray(raw) ? raw : [raw];
      const parsed = list.map((f, i) => parseFault(f, Array.isArray(raw) ? `faults[${i}]` : "fault"));
      parsed.forEach((f) => t.faults.add(f));
      return json(201, t.faults.list());
    }
  }
  if (what === "latency" && method === "PUT") {
    const raw = (await body(req)) as { ms?: unknown } | undefined;
    if (typeof raw?.ms !== "number" || raw.ms < 0) return error(400, 'body must be {"ms": <milliseconds>}');
    t.setLatency(raw.ms);
    return json(200, { latencyMs: raw.ms });
  }
  if (
    what === "organizations" &&
    org !== undefined &&
    groupsWord === "groups" &&
    name !== undefined &&
    parts.length === 5
  ) {
    if (method === "PUT")
      return json(200, { group: t.putGroup(org, { ...((await body(req)) as object), name }, "body") });
    if (method === "DELETE")
      return t.deleteGroup(org, name) ? json(200, { deleted: true }) : error(404, "group not found");
  }
  if (what === "reset" && method === "POST") {
    t.reset();
    return json(200, { reset: true });
  }
  return error(404, "no such admin route");
}
