import { once } from "node:events";
import { spawn } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ALICE, BOB, TEST_SEED } from "../helpers/seed";
import { admin, get } from "../helpers/http";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

describe("routes", () => {
  it("answers the user-scoped retrieve with every field", async () => {
    const r = await get(`${emu.url}/v1/groups/default`, ALICE);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.body).toEqual({
      group: {
        name: "default",
        uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
        version: "v0.24.32",
        locations: ["fra", "ams"],
        primary: "fra",
        delete_protection: false,
        archived: false,
      },
    });
    // stable generated values
    const again = await get(`${emu.url}/v1/groups/default`, ALICE);
    expect(again.body).toEqual(r.body);
  });

  it("answers the organization-scoped retrieve and both list routes", async () => {
    expect((await get(`${emu.url}/v1/organizations/acme/groups/prod`, ALICE)).body).toEqual({
      group: {
        name: "prod",
        uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001",
        version: "v0.24.1",
        locations: ["aws-eu-west-1", "aws-us-east-1"],
        primary: "aws-eu-west-1",
        delete_protection: true,
        archived: false,
      },
    });
    const list = await get(`${emu.url}/v1/organizations/acme/groups`, ALICE);
    expect((list.body as { groups: { name: string }[] }).groups.map((g) => g.name)).toEqual(["prod"]);
    const mine = await get(`${emu.url}/v1/groups`, BOB);
    expect((mine.body as { groups: { primary: string }[] }).groups.map((g) => g.primary)).toEqual(["nrt"]);
  });

  it.each([
    ["/v1/groups/default", undefined, 401, "missing Authorization header"],
    ["/v1/groups/default", "nope", 401, "invalid token"],
    ["/v1/organizations/acme/groups/prod", BOB, 403, "user is not a member of organization acme"],
    ["/v1/organizations/nowhere/groups/prod", ALICE, 404, "organization not found"],
    ["/v1/organizations/acme/groups/nope", ALICE, 404, "group not found"],
    ["/v1/groups/nope", ALICE, 404, "group not found"],
    ["/v2/groups/default", ALICE, 404, "not found"],
    ["/", ALICE, 404, "not found"],
    ["/v1/groups/default/extra", ALICE, 404, "not found"],
  ])("GET %s (token %s) -> %i %s", async (p, token, status, message) => {
    const r = await get(`${emu.url}${p}`, token);
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ error: message });
  });

  it("answers 405 with Allow (the documented methods) for other methods", async () => {
    const res = await fetch(`${emu.url}/v1/groups/default`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${ALICE}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, DELETE");
    expect(await res.json()).toEqual({ error: "method not allowed" });
  });
});

describe("hostile paths", () => {
  it.each([
    ["/v1/groups/a%2Fb", 404],
    ["/v1/groups/..", 404],
    ["/v1/groups/%2E%2E", 404],
    ["/v1/organizations/..%2F..%2Fetc/groups/prod", 404],
    [`/v1/groups/${"x".repeat(8000)}`, 404],
    ["/v1/groups/%E2%98%83", 404],
    ["/v1/groups/%ZZ", 400],
    ["/v1/groups/default?x=1#y", 200],
  ])("%s -> %i, and the emulator keeps answering", async (p, status) => {
    const r = await get(`${emu.url}${p}`, ALICE);
    expect(r.status).toBe(status);
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
  });

  it("survives a raw request with a malformed request line and odd headers", async () => {
    const req = request(`${emu.url}/v1/groups/default`, { headers: { Authorization: "Bearer", "X-Odd": "\u00ff" } });
    req.end();
    const [res] = await once(req, "response");
    expect(res.statusCode).toBe(401);
    res.resume();
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
  });
});

describe("faults", () => {
  it("answers the next N matching requests with a status, Retry-After and body", async () => {
    await admin(emu.url, "POST", "faults", {
      kind: "status",
      status: 429,
      retryAfter: "2",
      times: 2,
      path: "/v1/groups/default",
    });
    const first = await get(`${emu.url}/v1/groups/default`, ALICE);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.body).toEqual({ error: "emulated 429" });
    expect((await get(`${emu.url}/v1/groups`, ALICE)).status).toBe(200); // other path: untouched
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(429);
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
  });

  it("sends a non-JSON error body and a malformed 200 body", async () => {
    emu.addFault({ kind: "status", status: 502, body: "<html>bad gateway</html>", contentType: "text/html", times: 1 });
    emu.addFault({ kind: "malformed", times: 1 });
    const bad = await get(`${emu.url}/v1/groups/default`, ALICE);
    expect([bad.status, bad.body, bad.headers.get("content-type")]).toEqual([
      502,
      "<html>bad gateway</html>",
      "text/html",
    ]);
    const malformed = await get(`${emu.url}/v1/groups/default`, ALICE);
    expect([malformed.status, malformed.body]).toEqual([200, '{"group": {"name": "trunc']);
  });

  it("adds latency, stalls and drops", async () => {
    emu.addFault({ kind: "delay", delayMs: 200, times: 1 });
    const t0 = Date.now();
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);

    emu.addFault({ kind: "drop", times: 1 });
    await expect(fetch(`${emu.url}/v1/groups/default`)).rejects.toThrow();

    emu.addFault({ kind: "stall", times: 1 });
    const stalled = fetch(`${emu.url}/v1/groups/default`, { signal: AbortSignal.timeout(300) }).then((r) => r.text());
    await expect(stalled).rejects.toThrow();
    // The stalled request is logged once the client has closed its connection.
    for (let i = 0; i < 50 && emu.requests().length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect(emu.requests().map((r) => r.status)).toEqual([200, 0, 0]);
  });

  it("sets latency at run time and reads faults from the seed", async () => {
    await emu.stop();
    emu = await startEmulator({ seed: { ...TEST_SEED, faults: [{ kind: "status", status: 503, times: 1 }] } });
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(503);
    expect(await admin(emu.url, "PUT", "latency", { ms: 150 })).toEqual({ latencyMs: 150 });
    const t0 = Date.now();
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("refuses a bad fault naming the field", async () => {
    expect(await admin(emu.url, "POST", "faults", { kind: "status", status: 42 })).toEqual({
      error: "fault.status must be an HTTP status (100-599)",
    });
    expect(await admin(emu.url, "POST", "faults", { kind: "boom" })).toEqual({
      error: "fault.kind must be one of status, malformed, stall, drop, delay, redirect",
    });
  });
});

describe("state and the request log", () => {
  it("moves a group at run time and resets to the seed", async () => {
    await admin(emu.url, "PUT", "organizations/alice/groups/default", { primary: "ams", locations: ["ams", "fra"] });
    expect(
      ((await get(`${emu.url}/v1/groups/default`, ALICE)).body as { group: { primary: string } }).group.primary,
    ).toBe("ams");
    await admin(emu.url, "DELETE", "organizations/alice/groups/default");
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(404);
    await admin(emu.url, "POST", "reset");
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
  });

  it("logs method, path, status and duration, never the token, and resets", async () => {
    await get(`${emu.url}/v1/groups/default`, ALICE);
    await get(`${emu.url}/v1/groups/nope`, ALICE);
    const log = (await admin(emu.url, "GET", "requests")) as Record<string, unknown>[];
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "GET", path: "/v1/groups/default", status: 200 },
      { method: "GET", path: "/v1/groups/nope", status: 404 },
    ]);
    expect(Object.keys(log[0] ?? {}).sort()).toEqual(["durationMs", "method", "path", "status"]);
    expect(JSON.stringify(log)).not.toContain(ALICE);
    await admin(emu.url, "DELETE", "requests");
    expect(await admin(emu.url, "GET", "requests")).toEqual([]);
  });

  it("answers hundreds of concurrent requests", async () => {
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => get(`${emu.url}/v1/groups/${i % 2 ? "default" : "nope"}`, ALICE)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(200);
    expect(results.filter((r) => r.status === 404)).toHaveLength(200);
    expect(emu.requests()).toHaveLength(400);
  });
});

describe("seeds", () => {
  it.each([
    [{}, "seed.users must be an array"],
    [
      { users: [], organizations: { a: { groups: [{ name: "g", primary: "x", locations: ["fra"] }] } } },
      'seed.organizations["a"].groups[0].primary must be one of its locations (fra)',
    ],
    [{ users: [{ name: "u", token: "" }], organizations: {} }, "seed.users[0].token must be a non-empty string"],
    [
      { users: [{ name: "u", token: "t", organizations: ["x"] }], organizations: {} },
      'seed.users[0].organizations: "x" is not in seed.organizations',
    ],
    [
      {
        users: [
          { name: "u", token: "t" },
          { name: "v", token: "t" },
        ],
        organizations: {},
      },
      'seed.users[1].token is already a token of user "u"',
    ],
    [
      {
        users: [],
        organizations: {
          a: {
            groups: [
              { name: "g", primary: "fra", locations: ["fra"] },
              { name: "g", primary: "fra", locations: ["fra"] },
            ],
          },
        },
      },
      'seed.organizations["a"].groups[1]: group "g" appears twice',
    ],
  ])("refuses %j: %s", async (seed, message) => {
    await expect(startEmulator({ seed: seed as never })).rejects.toThrow(message);
  });

  it("reads a seed file and names the file in errors", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seed-"));
    const file = path.join(dir, "seed.json");
    writeFileSync(file, JSON.stringify(TEST_SEED));
    const fromFile = await startEmulator({ seed: file });
    expect((await get(`${fromFile.url}/v1/groups/default`, BOB)).status).toBe(200);
    await fromFile.stop();
    writeFileSync(file, "{ nope");
    await expect(startEmulator({ seed: file })).rejects.toThrow(`${file} is not valid JSON`);
  });
});

describe("command", () => {
  /** The emulator command, from its TypeScript source. */
  const emulatorCommand = (...args: string[]) =>
    spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "sdk/src/emulator/cli.ts", ...args], {
      cwd: path.resolve(__dirname, "../.."),
    });

  it("prints exactly one ready line and stops on SIGTERM", async () => {
    const child = emulatorCommand("--port", "0");
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    while (!out.includes("\n")) await new Promise((r) => setTimeout(r, 50));
    const match = /^Turso API emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
    expect(match).not.toBeNull();
    expect((await get(`${match?.[1]}/v1/groups/default`, "demo-token")).status).toBe(200);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect(out.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("exits 1 with the seed error", async () => {
    const child = emulatorCommand("--seed", "/nonexistent.json");
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(err).toContain("turso-api-emulator: cannot read seed file /nonexistent.json");
  });
});
