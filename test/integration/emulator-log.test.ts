// The request log is bounded in bytes as well as in entries: long paths cannot make a
// long-running emulator hold hundreds of megabytes (20 000 requests with long paths held 389 MB).
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { DEFAULT_LOG_BYTES, RequestLog } from "../../sdk/src/emulator/log";
import { admin, get } from "../helpers/http";
import { ALICE, TEST_SEED } from "../helpers/seed";

const size = (r: object): number => Buffer.byteLength(JSON.stringify(r));

describe("over real HTTP", () => {
  let emu: Emulator;
  afterEach(() => emu.stop());

  it("keeps the latest requests that fit in maxLoggedBytes, and counts the others as dropped", async () => {
    emu = await startEmulator({ seed: TEST_SEED, maxLoggedBytes: 4096 });
    const paths = Array.from({ length: 20 }, (_, i) => `/v1/groups/${String(i).padStart(2, "0")}${"x".repeat(1000)}`);
    for (const p of paths) expect((await get(`${emu.url}${p}`, ALICE)).status).toBe(404);
    const kept = emu.requests();
    const stats = (await admin(emu.url, "GET", "stats")) as { requests: number; dropped: number; bytes: number };
    // Each entry is a little over 1 000 bytes: three fit in 4 096, a fourth would not.
    expect(kept.map((r) => r.path)).toEqual(paths.slice(-3));
    expect(stats).toMatchObject({ requests: 3, dropped: 17, bytes: kept.reduce((n, r) => n + size(r), 0) });
    expect(stats.bytes).toBeLessThanOrEqual(4096);
  });

  it("refuses a byte bound that is not a whole number", async () => {
    await expect(startEmulator({ maxLoggedBytes: 1.5 })).rejects.toThrow(
      "maxLoggedBytes must be an integer >= 0 (got 1.5)",
    );
    emu = await startEmulator({ seed: TEST_SEED });
  });
});

describe("RequestLog", () => {
  it("holds at most 8 MiB by default: 20 000 requests with 15 000-character paths keep the latest 556", () => {
    const log = new RequestLog(10_000);
    const long = "x".repeat(15_000);
    for (let i = 0; i < 20_000; i++)
      log.add({ method: "GET", path: `/v1/groups/${long}${i}`, status: 404, durationMs: 1 });
    const kept = log.list();
    const { requests, dropped, bytes } = log.counts();
    expect([requests, dropped, kept.length]).toEqual([556, 20_000 - 556, 556]); // 8 MiB / about 15 070 bytes an entry;
    expect(bytes).toBe(kept.reduce((n, r) => n + size(r), 0));
    expect(bytes).toBeLessThanOrEqual(DEFAULT_LOG_BYTES);
    expect(kept.at(-1)?.path.endsWith("x19999")).toBe(true);
  });

  it("keeps nothing of an entry larger than the whole bound, and stays usable", () => {
    const log = new RequestLog(10, 100);
    log.add({ method: "GET", path: `/${"x".repeat(200)}`, status: 404, durationMs: 0 });
    expect(log.counts()).toEqual({ requests: 0, dropped: 1, bytes: 0 });
    log.add({ method: "GET", path: "/a", status: 200, durationMs: 0 });
    expect(log.list().map((r) => r.path)).toEqual(["/a"]);
  });

  it("bounds entries and bytes together: whichever is reached first", () => {
    const log = new RequestLog(2, 1_000_000);
    for (const p of ["/a", "/b", "/c"]) log.add({ method: "GET", path: p, status: 200, durationMs: 0 });
    expect(log.list().map((r) => r.path)).toEqual(["/b", "/c"]);
  });
});
