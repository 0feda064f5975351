// The plugin's lookups over real HTTP: against the emulator, and against an API that never answers.
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { PluginLookups } from "../../sdk/src/plugin/lookups";
import { ALICE_DEFAULT_RESULT } from "../helpers/expected";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { stalledApi } from "../helpers/stalled";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());
beforeEach(() => emu.clearRequests());

const gets = (): string[] => emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
function lookups(url: string, more: Record<string, string> = {}): PluginLookups {
  const l = new PluginLookups({});
  const values = new Map(Object.entries({ "turso-group:apiToken": ALICE, "turso-group:apiBaseUrl": url, ...more }));
  l.configure({ values, secrets: new Set(["turso-group:apiToken"]) });
  return l;
}

it("answers getGroup as the TypeScript front does, one request per distinct lookup however often invoked", async () => {
  const l = lookups(emu.url);
  const [a, b] = await Promise.all([l.getGroup({ group: "default" }), l.getGroup({ group: "default" })]);
  expect(a).toEqual({ outputs: ALICE_DEFAULT_RESULT, secret: false });
  expect(b).toEqual(a);
  await l.getGroup({ group: "default" });
  await Promise.all([l.getGroups({ organization: "acme" }), l.getGroups({ organization: "acme" })]);
  expect(gets().sort()).toEqual(["GET /v1/groups/default 200", "GET /v1/organizations/acme/groups 200"]);
});

it("answers getLocations as the TypeScript front does: sorted codes, each with its region, one request", async () => {
  const l = lookups(emu.url);
  const [a, b] = await Promise.all([l.getLocations({}), l.getLocations({})]);
  expect(b).toEqual(a);
  expect(a.secret).toBe(false);
  expect(a.outputs.locations.find((x) => x.code === "aws-us-east-1")).toEqual({
    code: "aws-us-east-1",
    description: expect.any(String),
    region: { cloud: "aws", region: "us-east-1" },
  });
  const codes = a.outputs.locations.map((x) => x.code);
  expect(codes).toEqual([...codes].sort());
  expect(gets()).toEqual(["GET /v1/locations 200"]);
  await expect(l.getLocations({ organization: "acme" })).rejects.toThrow("organization");
});

it("asks again after a new configuration", async () => {
  const l = lookups(emu.url);
  await l.getGroup({ group: "default" });
  l.configure({
    values: new Map([
      ["turso-group:apiToken", ALICE],
      ["turso-group:apiBaseUrl", emu.url],
    ]),
    secrets: new Set(),
  });
  await l.getGroup({ group: "default" });
  expect(gets()).toEqual(["GET /v1/groups/default 200", "GET /v1/groups/default 200"]);
});

it("checks expect with the core's message", async () => {
  await expect(lookups(emu.url).getGroup({ group: "default", expect: { primaryIn: ["nrt"] } })).rejects.toThrow(
    'The placement of group "default" in your personal account is not what this program expects: primary is "fra", expected one of ["nrt"].',
  );
});

it("findGroup: a missing group is found: false and no group; a missing organization still fails", async () => {
  const l = lookups(emu.url);
  await expect(l.findGroup({ group: "nope" })).resolves.toEqual({ outputs: { found: false }, secret: false });
  await expect(l.findGroup({ group: "default" })).resolves.toEqual({
    outputs: { found: true, group: ALICE_DEFAULT_RESULT },
    secret: false,
  });
  await expect(l.findGroup({ group: "nope", organization: "nobody" })).rejects.toThrow(
    'The Turso API does not know organization "nobody"',
  );
  await expect(l.getGroup({ group: "nope", ifExists: true })).rejects.toThrow(
    'getGroup has no argument "ifExists"; it takes organization, group, expect, tokenFrom.',
  );
});

it("a secret lookup's answer is secret, and its failures name neither its organization nor its group", async () => {
  const l = lookups(emu.url, { "turso-group:organization": "acme" });
  await expect(l.getGroups({}, true)).resolves.toMatchObject({ secret: true, outputs: { organization: "acme" } });
  await expect(l.getGroup({ group: "nope" }, true)).rejects.toThrow(
    'Group "[secret]" was not found in organization "[secret]" (from stack config "turso-group:organization") (404',
  );
});

it("cancel aborts the request in flight at once, and every later one before it is made", async () => {
  const api = await stalledApi();
  try {
    const l = lookups(api.url);
    const pending = l.getGroup({ group: "default" });
    while (api.connections() === 0) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    l.cancel();
    await expect(pending).rejects.toThrow(
      /^The lookup of group "default" in your personal account was cancelled \(Ctrl-C\): GET http:\/\/127\.0\.0\.1:\d+\/v1\/groups\/default was stopped after 1 attempt/,
    );
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(l.getGroups({})).rejects.toThrow(
      "The lookup of the groups of your personal account was cancelled (Ctrl-C)",
    );
    expect(api.connections()).toBe(1);
  } finally {
    await api.close();
  }
});
