import type { ChildProcess } from "node:child_process";
import net from "node:net";
import type { RunResult, TestStack } from "../e2e/harness";

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

/** What a command interrupted by {@link previewCtrlCOnceConnected} gave. */
export interface Interrupted {
  readonly result: RunResult;
  /** When Ctrl-C was sent (epoch ms; 0 if the API never had a connection). */
  readonly interruptedAt: number;
  /** From Ctrl-C to the command's end, in ms. */
  readonly afterCtrlC: number;
}

/**
 * Runs `pulumi preview` of `stack` and sends it Ctrl-C once `api` has a connection: the result, when
 * Ctrl-C went, and how long the command took to end after it.
 */
export async function previewCtrlCOnceConnected(stack: Pick<TestStack, "run">, api: StalledApi): Promise<Interrupted> {
  let interruptedAt = (): number => 0;
  const result = await stack.run(["preview"], {}, undefined, false, (child) => {
    interruptedAt = ctrlCOnceConnected(api, child);
  });
  return { result, interruptedAt: interruptedAt(), afterCtrlC: Date.now() - interruptedAt() };
}
