import type { ServerResponse } from "node:http";
import { send, sleep } from "./http";
import { validate } from "./schema";

/**
 * Faults the emulator can inject, set in the seed or at run time (`POST /__emulator/faults`).
 * Each applies to the next `times` API requests (all of them when `times` is absent) whose path
 * equals `path`, or starts with it when `path` ends in `*` (any path when absent).
 */
export type Fault =
  /** Answer with this status, optional `Retry-After`, and body (an object is sent as JSON). */
  | (FaultMatch & {
      /** Answer with a status. */
      kind: "status";
      /** The HTTP status to answer with. */
      status: number;
      /** A `Retry-After` header: seconds or an HTTP date. */
      retryAfter?: string;
      /** The body; an object is sent as JSON. @default {"error": "emulated STATUS"} */
      body?: unknown;
      /** @default "application/json" */
      contentType?: string;
    })
  /** Answer 200 with a body that is not valid JSON (or the given text and content type). */
  | (FaultMatch & {
      /** Answer 200 with a body that is not a group. */
      kind: "malformed";
      /** @default a truncated JSON text */
      body?: string;
      /** @default "application/json" */
      contentType?: string;
    })
  /** Send the status line and part of a body, then nothing more until the client gives up. */
  | (FaultMatch & {
      /** Send the status line and part of a body, then stall. */
      kind: "stall";
    })
  /** Close the connection without answering. */
  | (FaultMatch & {
      /** Close the connection without answering. */
      kind: "drop";
    })
  /** Wait `delayMs`, then answer normally. */
  | (FaultMatch & {
      /** Wait, then answer normally. */
      kind: "delay";
      /** How long to wait. */
      delayMs: number;
    })
  /** Answer with a redirect to `location`. */
  | (FaultMatch & {
      /** Answer with a redirect. */
      kind: "redirect";
      /** @default 302 */
      status?: number;
      /** Where the redirect points. */
      location: string;
    });

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** How many requests it applies to. @default every one */
  times?: number;
  /** The request path it applies to; a trailing `*` matches a prefix. @default every path */
  path?: string;
}

/**
 * Checks a fault given as JSON against the seed schema's `fault` definition; returns it or throws
 * an Error naming the bad field (an unknown field included, with a close-match hint).
 */
export function parseFault(raw: unknown, where = "fault"): Fault {
  validate(raw, where, (m) => new Error(m), "fault");
  return { ...(raw as Fault) };
}

function matches(fault: Fault, path: string): boolean {
  if (fault.path === undefined) return true;
  return fault.path.endsWith("*") ? path.startsWith(fault.path.slice(0, -1)) : path === fault.path;
}

/** The active faults, consumed in order: the first match applies and loses one of its `times`. */
export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes the fault for this request, if any. */
  take(path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => matches(f, path));
    if (index < 0) return undefined;
    const fault = this.faults[index] as Fault;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }
}

/** Answers a request as `fault` says; false when the request should still be answered normally. */
export async function applyFault(fault: Fault, res: ServerResponse): Promise<boolean> {
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
