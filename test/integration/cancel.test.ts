import { TursoApiError } from "../../sdk/src/core/errors";
import { testClient } from "../helpers/client";
import { failure } from "../helpers/failure";
import { hostileApi, type Peer } from "../helpers/hostile";
import { ALICE } from "../helpers/seed";
import { stalledApi } from "../helpers/stalled";

// A cancelled operation (the engine's Cancel, Ctrl-C) stops a lookup at once: the attempt in
// flight and the wait before the next one.
const peers: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(peers.map((p) => p.close())));

it("stops the attempt in flight: one connection, the cancelled message, in well under the timeout", async () => {
  const stalled = await stalledApi();
  peers.push(stalled);
  const cancel = new AbortController();
  const { client } = testClient(stalled.url, ALICE, { timeoutMs: 20_000, signal: cancel.signal });
  const started = Date.now();
  const pending = failure(client.getGroup({ group: "default" }));
  while (stalled.connections() === 0) await new Promise((r) => setTimeout(r, 20));
  cancel.abort();
  const err = await pending;
  expect(err).toBeInstanceOf(TursoApiError);
  expect(err.message).toMatch(
    /^The lookup of group "default" in your personal account was cancelled \(Ctrl-C\): GET http:\/\/127\.0\.0\.1:\d+\/v1\/groups\/default was stopped after 1 attempt over \d+\.\d s, and nothing was recorded for it\. Run the command again\.$/,
  );
  expect(stalled.connections()).toBe(1);
  expect(Date.now() - started).toBeLessThan(10_000);
});

it("stops during the wait before a retry, and makes no further attempt", async () => {
  const api: Peer & { requests: unknown[] } = await hostileApi(() => ({
    status: 503,
    headers: { "Retry-After": "60" },
    body: "{}",
  }));
  peers.push(api);
  const cancel = new AbortController();
  const { client } = testClient(api.url, ALICE, {
    signal: cancel.signal,
    // The client's own wait (no test seam): a cancellation must clear its timer, or the 60 s wait
    // would keep this process alive after the test.
    sleep: undefined,
    retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 60_000 },
    totalTimeoutMs: 600_000,
  });
  const pending = failure(client.getGroup({ group: "default" }));
  while (api.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  cancel.abort();
  const err = await pending;
  expect(err.message).toContain("was stopped after 1 attempt over");
  expect(api.requests).toHaveLength(1);
});

it("a client whose operation is already cancelled makes no request", async () => {
  const api = await hostileApi(() => ({ status: 200, body: "{}" }));
  peers.push(api);
  const cancel = new AbortController();
  cancel.abort();
  const err = await failure(testClient(api.url, ALICE, { signal: cancel.signal }).client.getGroup({ group: "g" }));
  expect(err.message).toContain("was cancelled (Ctrl-C): GET");
  expect(err.message).toContain("was stopped after 0 attempts over 0.0 s");
  expect(api.requests).toHaveLength(0);
});
