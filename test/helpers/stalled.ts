import net from "node:net";

/** An API that accepts connections and never answers: a stalled Turso API. */
export interface StalledApi {
  readonly url: string;
  /** How many connections it accepted. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Starts a stalled API on a free loopback port. (test/e2e/cancel.test.ts has its own copy, from
 * before this helper; it can use this one.)
 */
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
