import type { ChildProcess } from "node:child_process";
import net from "node:net";

/** An API that accepts connections and never answers: a stalled Turso API. */
export interface StalledApi {
  readonly url: string;
  /** How many connections it accepted. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a stalled API on a free loopback port. */
export async function stalledApi(): Promise<StalledApi> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends SIGINT (Ctrl-C) to `child` once `api` has a connection (the request is in flight);
 * returns when it was sent (0 while not yet).
 */
export function ctrlCOnceConnected(api: StalledApi, child: ChildProcess): () => number {
  let interrupted = 0;
  const poll = setInterval(() => {
    if (api.connections() === 0 || interrupted !== 0) return;
    interrupted = Date.now();
    child.kill("SIGINT");
    clearInterval(poll);
  }, 50);
  child.on("close", () => clearInterval(poll));
  return () => interrupted;
}
