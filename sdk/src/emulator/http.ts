/** Small HTTP helpers of the emulator: replies, path segments and request bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});
export const error = (status: number, message: string): Reply => json(status, { error: message });

/** Writes a reply; a string body is sent as it is, anything else as JSON. */
export function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
  res.end(text);
}

/** Splits a raw path into decoded segments (decoded once, like a real server); undefined if malformed. */
export function segments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split("/")
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Reads a JSON request body (at most `limit` bytes); undefined when empty. */
export async function body(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
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

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
