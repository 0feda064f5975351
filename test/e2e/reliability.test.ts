import { writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type Emulator, type Fault, type Seed } from "../../sdk/src/emulator";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { Harness, lookupStacks, type TestStack } from "./harness";

jest.setTimeout(600_000);

// Faults, end to end through the real CLI: each row is one `pulumi preview` of one lookup.
const TIMEOUT_MS = 800;
const MAX_RETRIES = 3;
const MAX_DELAY_MS = 1500;
const harness = new Harness("reliability");
const lookupStack = lookupStacks(harness, { token: ALICE });
const figures: Record<string, unknown>[] = [];
let emu: Emulator;
let stack: TestStack;

const LOAD_GROUPS = 300;
const LOAD_CONCURRENCY = 4;
const loadSeed: Seed = {
  ...TEST_SEED,
  organizations: {
    ...TEST_SEED.organizations,
    acme: {
      groups: Array.from({ length: LOAD_GROUPS }, (_, i) => ({ name: `g${i}`, primary: "fra", locations: ["fra"] })),
    },
  },
};

beforeAll(async () => {
  emu = await startEmulator({ seed: loadSeed });
  stack = await lookupStack("dev", [{ group: "default" }], {
    api: emu,
    config: {
      "turso:timeoutMs": String(TIMEOUT_MS),
      "turso:maxRetries": String(MAX_RETRIES),
      "turso:maxRetryDelayMs": String(MAX_DELAY_MS),
    },
  });
});

// Each test adds the faults it needs; none outlives its test, whether it passed or not.
afterEach(() => emu.clearFaults());
afterAll(async () => {
  await emu.stop();
  writeFileSync(path.join(harness.dir, "figures.json"), JSON.stringify(figures, null, 2));
});

/** The worst case of one lookup: every attempt times out and every wait is the longest. */
const WORST_MS = (MAX_RETRIES + 1) * TIMEOUT_MS + MAX_RETRIES * MAX_DELAY_MS;
/** What a preview of this program costs besides the lookup (engine, Node start-up, ts-node). */
const OVERHEAD_MS = 20_000;

type Row = {
  name: string;
  faults: Fault[];
  ok: boolean;
  requests: number;
  message?: string;
  minMs?: number;
};

const rows: Row[] = [
  {
    name: "429 with Retry-After: 1 (seconds), twice",
    faults: [{ kind: "status", status: 429, retryAfter: "1", times: 2 }],
    ok: true,
    requests: 3,
    minMs: 2000,
  },
  {
    name: "429 with Retry-After as an HTTP date",
    faults: [{ kind: "status", status: 429, retryAfter: "DATE+2", times: 1 }],
    ok: true,
    requests: 2,
    minMs: 1000,
  },
  { name: "500 twice, then success", faults: [{ kind: "status", status: 500, times: 2 }], ok: true, requests: 3 },
  { name: "502 twice, then success", faults: [{ kind: "status", status: 502, times: 2 }], ok: true, requests: 3 },
  { name: "503 twice, then success", faults: [{ kind: "status", status: 503, times: 2 }], ok: true, requests: 3 },
  { name: "504 twice, then success", faults: [{ kind: "status", status: 504, times: 2 }], ok: true, requests: 3 },
  {
    name: "503 beyond the retry limit",
    faults: [{ kind: "status", status: 503, times: 10, body: { error: "overloaded" } }],
    ok: false,
    requests: 4,
    message: "answered 503: overloaded after 4 attempts",
  },
  {
    name: "a stalled response",
    faults: [{ kind: "stall", times: 10 }],
    ok: false,
    requests: 4,
    message: `got no complete answer within ${TIMEOUT_MS} ms (4 attempts`,
  },
  { name: "a dropped connection, once", faults: [{ kind: "drop", times: 1 }], ok: true, requests: 2 },
  {
    name: "a malformed 200 body",
    faults: [{ kind: "malformed", times: 1 }],
    ok: false,
    requests: 1,
    message: "The Turso API answered 200 but the body is not JSON",
  },
  {
    name: "a non-JSON 502 body, once",
    faults: [{ kind: "status", status: 502, body: "<html>Bad gateway</html>", contentType: "text/html", times: 1 }],
    ok: true,
    requests: 2,
  },
  {
    name: "a non-JSON 404 body",
    faults: [{ kind: "status", status: 404, body: "<html>Not here</html>", contentType: "text/html", times: 1 }],
    ok: false,
    // The 404 itself is not retried; the second request lists the account's groups for "did you mean".
    requests: 2,
    message: "(404: <html>Not here</html>)",
  },
  {
    name: "400 is not retried",
    faults: [{ kind: "status", status: 400, times: 1 }],
    ok: false,
    requests: 1,
    message: "answered 400: emulated 400. This request will not succeed as it is.",
  },
  {
    name: "a slow answer inside the timeout",
    faults: [{ kind: "delay", delayMs: TIMEOUT_MS - 300, times: 1 }],
    ok: true,
    requests: 1,
    minMs: TIMEOUT_MS - 300,
  },
];

describe("the fault matrix", () => {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
    emu.clearRequests();
    for (const fault of row.faults) {
      const f =
        fault.kind === "status" && fault.retryAfter === "DATE+2"
          ? { ...fault, retryAfter: new Date(Date.now() + 2_000).toUTCString() }
          : fault;
      emu.addFault(f);
    }
    const t0 = Date.now();
    const result = await stack.run(["preview"]);
    const ms = Date.now() - t0;
    const requests = emu.requests();
    figures.push({
      case: row.name,
      outcome: result.code === 0 ? "success" : "failure",
      requests: requests.length,
      previewMs: ms,
    });
    expect(result.code === 0).toBe(row.ok);
    expect(requests).toHaveLength(row.requests);
    if (row.message) expect(result.output).toContain(row.message);
    if (row.ok) expect(result.output).toMatch(/primary\s*: "fra"/);
    expect(ms).toBeLessThan(WORST_MS + OVERHEAD_MS);
    // The waits the server asked for (or the timeout) really happened inside the preview.
    if (row.minMs) expect(ms).toBeGreaterThanOrEqual(row.minMs);
  });
});

describe("load", () => {
  it(`looks up ${LOAD_GROUPS} distinct groups with a share answered 429, never more than ${LOAD_CONCURRENCY} requests in flight`, async () => {
    emu.clearRequests();
    // Every fifth group is throttled once (Retry-After: 1) before it is answered.
    for (let i = 0; i < LOAD_GROUPS; i += 5) {
      emu.addFault({
        kind: "status",
        status: 429,
        retryAfter: "1",
        times: 1,
        path: `/v1/organizations/acme/groups/g${i}`,
      });
    }
    // Every other answer takes 50 ms, so that concurrent requests overlap at the emulator.
    emu.addFault({ kind: "delay", delayMs: 50 });
    const loadStack = await lookupStack(
      "load",
      Array.from({ length: LOAD_GROUPS }, (_, i) => ({ organization: "acme", group: `g${i}` })),
      { api: emu, config: { "turso:maxConcurrency": String(LOAD_CONCURRENCY) } },
    );
    const t0 = Date.now();
    await loadStack.preview();
    const ms = Date.now() - t0;
    const requests = emu.requests();
    const throttled = requests.filter((r) => r.status === 429).length;
    const ok = requests.filter((r) => r.status === 200).length;
    figures.push({
      case: `load: ${LOAD_GROUPS} groups`,
      outcome: "success",
      requests: requests.length,
      throttled,
      maxInFlight: emu.maxInFlight(),
      previewMs: ms,
    });
    expect(ok).toBe(LOAD_GROUPS);
    expect(throttled).toBe(LOAD_GROUPS / 5);
    expect(requests).toHaveLength(LOAD_GROUPS + LOAD_GROUPS / 5);
    expect(emu.maxInFlight()).toBeLessThanOrEqual(LOAD_CONCURRENCY);
    expect(emu.maxInFlight()).toBeGreaterThan(1);
  });
});

describe("logs", () => {
  it("reports each request at Pulumi's debug level and each retry in one info line, never the token", async () => {
    emu.addFault({ kind: "status", status: 503, times: 1 });
    const url = `${emu.url}/v1/groups/default`;
    const debug = await stack.cli(["preview", "--debug"]);
    expect(debug.output).toMatch(new RegExp(`debug: GET ${url} -> 503 \\(attempt 1/4, \\d+ ms\\)`));
    expect(debug.output).toMatch(new RegExp(`Turso API: GET ${url} -> 503; retrying in \\d+ ms \\(attempt 2 of 4\\)`));
    expect(debug.output).toMatch(new RegExp(`debug: GET ${url} -> 200 \\(attempt 2/4, \\d+ ms\\)`));
    expect(debug.output).not.toContain(ALICE);

    const quiet = await stack.preview();
    expect(quiet.output).not.toContain(`GET ${url}`);
  });
});
