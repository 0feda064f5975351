import { appendFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { Harness, PROGRAMS } from "./harness";

jest.setTimeout(120_000);

// Ctrl-C during a stalled lookup, through the real CLI: the engine's Cancel reaches the lookup,
// which stops its request and its retries at once instead of running to turso:totalTimeoutMs.
const harness = new Harness("cancel");

/** An API that accepts connections and never answers; `connections` counts them. */
async function stalledApi(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
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

it("a Ctrl-C during a stalled lookup ends the preview in seconds, saying the lookup was cancelled", async () => {
  const api = await stalledApi();
  try {
    const stack = await harness.stack({
      program: path.join(PROGRAMS, "lookup"),
      stack: "stalled",
      config: { "e2e:lookups": JSON.stringify([{ group: "default" }]), "turso:apiBaseUrl": api.url },
      env: { TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: undefined, TURSO_ORGANIZATION: undefined },
    });
    let interrupted = 0;
    const result = await stack.run(["preview"], {}, undefined, false, (child) => {
      // Ctrl-C once the request is in flight (the API has its connection).
      const poll = setInterval(() => {
        if (api.connections() === 0 || interrupted !== 0) return;
        interrupted = Date.now();
        child.kill("SIGINT");
        clearInterval(poll);
      }, 100);
      child.on("close", () => clearInterval(poll));
    });
    const afterCtrlC = Date.now() - interrupted;
    expect(interrupted).toBeGreaterThan(0);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('The lookup of group "default" in your personal account was cancelled (Ctrl-C)');
    expect(result.output).not.toContain("retrying");
    // One attempt: no retry after the cancellation.
    expect(api.connections()).toBe(1);
    // The default deadline is 30 s and one attempt's 10 s; a no-hang bound well below both.
    expect(afterCtrlC).toBeLessThan(8_000);
    appendFileSync(path.join(harness.dir, "figures.md"), `Ctrl-C to the end of the preview: ${afterCtrlC} ms\n`);
  } finally {
    await api.close();
  }
});
