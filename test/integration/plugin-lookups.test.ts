// The plugin's lookups over real HTTP: against the emulator, and against an API that never answers.
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { HIDDEN_NAMES_HINT } from "../../sdk/src/plugin/args";
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
/** The plugin's lookups against `url`; names shown (turso-group:showNames) unless `more` says otherwise. */
function lookups(url: string, more: Record<string, string> = {}, lines: string[] = []): PluginLookups {
  const l = new PluginLookups(
    {},
    { debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m) },
  );
  const values = new Map(
    Object.entries({
      "turso-group:apiToken": ALICE,
      "turso-group:apiBaseUrl": url,
      "turso-group:showNames": "true",
      ...more,
    }),
  );
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
    // The organization came from plain config, not from the (secret) arguments: it is shown.
    'Group "[secret]" was not found in organization "acme" (from stack config "turso-group:organization") (404',
  );
});

it("by default shows no name given as an argument, in messages or request lines, suggests nothing, and says why", async () => {
  const lines: string[] = [];
  const l = lookups(emu.url, { "turso-group:showNames": "false" }, lines);
  const err = (await l.getGroup({ organization: "acme", group: "prud" }).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(err.message).toBe(
    `Group "[secret]" was not found in organization "[secret]" (404: group not found). List its groups with ` +
      `"turso group list" (after "turso org switch [secret]"), and check the organization's name with "turso org list". ` +
      HIDDEN_NAMES_HINT,
  );
  expect(lines.join("\n")).toContain("/v1/organizations/[secret]/groups/[secret] -> 404");
  expect(lines.join("\n")).not.toMatch(/acme|prud/);
  // No list was read for a suggestion.
  expect(gets()).toEqual(["GET /v1/organizations/acme/groups/prud 404"]);
});

it("a later invoke's rejected-token line names no earlier lookup whose names are hidden", async () => {
  const l = lookups(emu.url, { "turso-group:apiToken": "not-a-token", "turso-group:showNames": "false" });
  await expect(l.getGroup({ organization: "topsecretorg", group: "hiddengrp" })).rejects.toThrow(/401/);
  const later = (await l.getLocations({}).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(later.message).toContain('the error of the lookup of group "[secret]" in organization "[secret]" says how');
  expect(later.message).not.toMatch(/topsecretorg|hiddengrp/);
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
