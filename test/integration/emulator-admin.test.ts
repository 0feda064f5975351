// The admin routes refuse what a web page could forge; the API routes answer HEAD, trailing
// slashes and the official client's base URL one way each; the request log is capped.
import { createClient } from "@tursodatabase/api";
import { once } from "node:events";
import { request } from "node:http";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { DEFAULT_LOG_LIMIT, RequestLog } from "../../sdk/src/emulator/log";
import { admin, get } from "../helpers/http";
import { ALICE, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

/** A raw request, so the Host header can be anything (fetch would not let a test set it). */
async function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  const req = request(`${emu.url}${path}`, { method, headers });
  req.end(body);
  const [res] = (await once(req, "response")) as [import("node:http").IncomingMessage];
  let text = "";
  for await (const chunk of res) text += String(chunk);
  return { status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text), headers: res.headers };
}

describe("admin routes refuse what a web page could send", () => {
  const fault = JSON.stringify({ kind: "status", status: 500 });

  it.each([
    [
      "a cross-origin text/plain fault",
      { Origin: "http://evil.example", "Content-Type": "text/plain" },
      403,
      "admin routes refuse requests with an Origin header (web pages)",
    ],
    [
      "a text/plain body",
      { "Content-Type": "text/plain" },
      415,
      'admin routes take only application/json bodies (got Content-Type "text/plain")',
    ],
    [
      "a form body",
      { "Content-Type": "application/x-www-form-urlencoded" },
      415,
      'admin routes take only application/json bodies (got Content-Type "application/x-www-form-urlencoded")',
    ],
    [
      "a rebound Host",
      { Host: "rebound.evil.example", "Content-Type": "application/json" },
      403,
      'admin routes answer only a loopback Host (127.0.0.1, localhost, [::1]), not "rebound.evil.example"',
    ],
  ])("%s is refused, and no fault is added", async (_what, headers, status, message) => {
    expect(await raw("POST", "/__emulator/faults", headers, fault)).toMatchObject({ status, body: { error: message } });
    expect(await admin(emu.url, "GET", "faults")).toEqual([]);
  });

  it("a reset with a rebound Host or an Origin is refused; a plain one is answered", async () => {
    emu.addFault({ kind: "status", status: 500 });
    expect((await raw("POST", "/__emulator/reset", { Host: "rebound.evil.example" })).status).toBe(403);
    expect((await raw("POST", "/__emulator/reset", { Origin: "http://evil.example" })).status).toBe(403);
    expect(await admin(emu.url, "GET", "faults")).toHaveLength(1);
    for (const host of ["localhost", `127.0.0.1:${emu.port}`, `[::1]:${emu.port}`]) {
      expect(await raw("POST", "/__emulator/reset", { Host: host })).toMatchObject({
        status: 200,
        body: { reset: true },
      });
    }
    expect(await admin(emu.url, "GET", "faults")).toEqual([]);
  });

  it("JSON bodies (charset included) are taken", async () => {
    const r = await raw("POST", "/__emulator/faults", { "Content-Type": "application/json; charset=utf-8" }, fault);
    expect(r.status).toBe(201);
  });
});

describe("closer to the API", () => {
  it("answers HEAD as GET without a body, and lists HEAD in Allow", async () => {
    const head = await fetch(`${emu.url}/v1/groups/default`, {
      method: "HEAD",
      headers: { Authorization: `Bearer ${ALICE}` },
    });
    expect([head.status, head.headers.get("content-type"), await head.text()]).toEqual([200, "application/json", ""]);
    const missing = await fetch(`${emu.url}/v1/groups/nope`, {
      method: "HEAD",
      headers: { Authorization: `Bearer ${ALICE}` },
    });
    expect(missing.status).toBe(404);
    const post = await fetch(`${emu.url}/v1/groups/default`, { method: "POST" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD, DELETE"]);
  });

  it.each([
    "/v1/groups/",
    "/v1/groups/default/",
    "/v1/organizations/acme/groups/",
    "/v1/organizations//groups/prod",
    "/v1//groups",
  ])("answers %s (an empty segment) 404 not found, like any unknown path", async (p) => {
    expect(await get(`${emu.url}${p}`, ALICE)).toMatchObject({ status: 404, body: { error: "not found" } });
  });

  it("the official client needs a base URL ending in /v1/", async () => {
    for (const baseUrl of [emu.url, `${emu.url}/v1`]) {
      const wrong = createClient({ org: "acme", token: ALICE, baseUrl });
      await expect(wrong.groups.get("prod")).rejects.toMatchObject({ status: 404 });
    }
    const right = createClient({ org: "acme", token: ALICE, baseUrl: `${emu.url}/v1/` });
    expect((await right.groups.get("prod")).primary).toBe("aws-eu-west-1");
    expect(emu.requests().map((r) => r.path)).toEqual([
      "/organizations/acme/groups/prod",
      "/organizations/acme/groups/prod",
      "/v1/organizations/acme/groups/prod",
    ]);
  });
});

describe("the request log", () => {
  it("keeps the latest maxLoggedRequests and counts the dropped ones", async () => {
    await emu.stop();
    emu = await startEmulator({ seed: TEST_SEED, maxLoggedRequests: 3 });
    for (let i = 0; i < 8; i++) await get(`${emu.url}/v1/groups/g${i}`, ALICE);
    expect(emu.requests().map((r) => r.path)).toEqual(["/v1/groups/g5", "/v1/groups/g6", "/v1/groups/g7"]);
    const bytes = emu.requests().reduce((n, r) => n + JSON.stringify(r).length, 0);
    expect(await admin(emu.url, "GET", "stats")).toEqual({
      requests: 3,
      dropped: 5,
      bytes,
      inFlight: 0,
      maxInFlight: 1,
    });
    await admin(emu.url, "DELETE", "requests");
    expect(await admin(emu.url, "GET", "stats")).toEqual({
      requests: 0,
      dropped: 0,
      bytes: 0,
      inFlight: 0,
      maxInFlight: 0,
    });
  });

  it("keeps 10 000 by default", () => {
    const log = new RequestLog(DEFAULT_LOG_LIMIT);
    for (let i = 0; i < 30_050; i++) log.add({ method: "GET", path: `/g${i}`, status: 200, durationMs: 0 });
    const kept = log.list();
    expect([DEFAULT_LOG_LIMIT, kept.length, kept[0]?.path, kept.at(-1)?.path]).toEqual([
      10_000,
      10_000,
      "/g20050",
      "/g30049",
    ]);
    expect(log.counts()).toMatchObject({ requests: 10_000, dropped: 20_050 });
  });

  it("refuses a limit that is not a whole number", async () => {
    await expect(startEmulator({ maxLoggedRequests: -1 })).rejects.toThrow(
      "maxLoggedRequests must be an integer >= 0 (got -1)",
    );
  });
});
