/** Loopback addresses and names: where the emulator binds by default and the only Host its admin routes answer. */
import { isIP } from "node:net";

/** Whether a bind address stays on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** Whether a `Host` header names a loopback host (with or without a port). */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(header);
  return match !== null && isLoopback(match[1] as string);
}
