/**
 * The provider contract: every lookup's state stores the serialized provider, and `pulumi refresh`
 * of a stack written by any earlier version evaluates that stored text against the package
 * installed today. Each fixture in test/fixtures/state is a lookup's state entry as a version of
 * this package wrote it; its provider text must load and read (as a refresh does, from the
 * recorded outputs, and as a program's read does, from the inputs) with the current package.
 * A change that breaks one of them breaks every stack of that version.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hostileApi, suitePeers } from "../helpers/hostile";
import { ACME_PROD, ALICE, TEST_SEED } from "../helpers/seed";
import { suiteEmulator } from "../e2e/emulated";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- what Pulumi's dynamic-provider host loads providers with
const requireFromString = require("require-from-string") as (code: string) => { handler(): Provider };

interface Provider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  read(id: string, props: Record<string, unknown>): Promise<{ id: string; props: Record<string, unknown> }>;
}
interface Entry {
  readonly version: string;
  readonly id: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

const FIXTURES = path.join(__dirname, "..", "fixtures", "state");
const entries = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as Entry] as const);

const emu = suiteEmulator();
const keep = suitePeers();

/** A group as the API sends it, from what a fixture recorded (absent or null fields left out). */
function apiGroup(fields: Record<string, unknown>): Record<string, unknown> {
  const { name, primary, locations, uuid, version, deleteProtection, archived } = fields;
  const sent = { name, primary, locations, uuid, version, delete_protection: deleteProtection, archived };
  return Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined && v !== null));
}

/** The API's answer to `url` for the group (or groups) a fixture recorded. */
function recordedAnswer(entry: Entry, url: string): string {
  const lookup = entry.outputs["lookup"] as { result?: unknown } | undefined;
  const recordedGroups = lookup
    ? ([] as Record<string, unknown>[]).concat(lookup.result as Record<string, unknown>)
    : ((entry.outputs["groups"] as Record<string, unknown>[] | undefined) ?? [entry.outputs]);
  return url.endsWith("/groups")
    ? JSON.stringify({ groups: recordedGroups.map(apiGroup) })
    : JSON.stringify({ group: apiGroup(recordedGroups[0] ?? {}) });
}

/** Contract 2's fixtures were written by the programs of test/e2e/programs, whose folder their text names. */
const PROGRAM_DIR = path.join(__dirname, "..", "e2e", "programs", "lookup");
const home = process.cwd();
afterEach(() => process.chdir(home));

it("has a fixture of the released 0.1.0 shape, of the flat props before contract 2, and of both lookup types now", () => {
  expect(entries.map(([, e]) => `${e.version.split(" ")[0]} ${e.type.split("/")[1]}`).sort()).toEqual([
    "0.1.0 turso:Group",
    "0.2.0 turso:Group",
    "0.2.0 turso:Groups",
    "0.2.0-dev turso:Group",
  ]);
});

/** What a fixture's lookup recorded besides `__provider`. */
const recorded = (props: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(props).filter(([key]) => key !== "__provider"));

describe.each(entries)("%s", (_file, entry) => {
  const contract2 = "lookup" in entry.inputs;

  async function provider(baseUrl: string = emu.url): Promise<Provider> {
    // The host deserializes the text in the program's directory, calls handler(), then configure with the stack config.
    process.chdir(PROGRAM_DIR);
    const p = requireFromString(String(entry.outputs["__provider"])).handler();
    const config: Record<string, string> = { "turso:apiToken": ALICE, "turso:apiBaseUrl": baseUrl };
    await p.configure({ config: { get: (key) => config[key] } });
    return p;
  }

  it("refreshes an unchanged group to exactly what it recorded, whatever version wrote it: no drift after an upgrade", async () => {
    // Unchanged: the API answers exactly what the fixture recorded (the emulator of its day sent no
    // archived; the emulator now always does, as the API's examples do).
    const api = await hostileApi((req) => ({ status: 200, body: recordedAnswer(entry, String(req.url)) }));
    keep(api);
    const result = await (await provider(api.url)).read(entry.id, entry.outputs);
    expect(result.id).toBe(entry.id);
    expect(result.props).toEqual(recorded(entry.outputs));
  });

  it("records a moved group on refresh, in the shape it was recorded in", async () => {
    const prod = TEST_SEED.organizations["acme"]?.groups[0];
    if (prod) emu.setGroup("acme", { ...prod, locations: [...prod.locations], primary: "aws-us-east-1" });
    try {
      const { props } = await (await provider()).read(entry.id, entry.outputs);
      if (!contract2) expect(props).toMatchObject({ primary: "aws-us-east-1" });
      else if (entry.type.endsWith("Groups"))
        expect(props).toMatchObject({ lookup: { result: [{ primary: "aws-us-east-1" }] } });
      else expect(props).toMatchObject({ lookup: { result: { primary: "aws-us-east-1" } } });
      expect(Object.keys(props).sort()).toEqual(Object.keys(recorded(entry.outputs)).sort());
    } finally {
      if (prod) emu.setGroup("acme", { ...prod, locations: [...prod.locations] });
    }
  });

  it("reads from its inputs, as the program's read does", async () => {
    const result = await (await provider()).read(entry.id, entry.inputs);
    if (!contract2) expect(result.props).toMatchObject({ primary: "aws-eu-west-1", found: true });
    else if (entry.type.endsWith("Groups"))
      expect(result.props).toEqual({ lookup: { ...(entry.inputs["lookup"] as object), result: [ACME_PROD] } });
    else expect(result.props).toEqual({ lookup: { ...(entry.inputs["lookup"] as object), result: ACME_PROD } });
  });

  it("drops a group (or an organization) deleted since, on refresh, instead of failing", async () => {
    if (entry.type.endsWith("Groups")) {
      emu.addFault({ kind: "status", status: 404, times: 1, body: { error: "organization not found" } });
      expect((await (await provider()).read(entry.id, entry.outputs)).id).toBe("");
      return;
    }
    const url = `${emu.url}/__emulator/organizations/acme/groups/prod`;
    await fetch(url, { method: "DELETE", headers: { "Content-Type": "application/json" } });
    try {
      expect((await (await provider()).read(entry.id, entry.outputs)).id).toBe("");
    } finally {
      const prod = TEST_SEED.organizations["acme"]?.groups[0];
      if (prod) emu.setGroup("acme", { ...prod, locations: [...prod.locations] });
    }
  });

  it("names only the stable subpath pulumi-turso-group/internal/provider, and from contract 2 first the recording copy's folder", () => {
    const text = String(entry.outputs["__provider"]);
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(["pulumi-turso-group/internal/provider"]));
    expect(/const p="([^"]+)"/.exec(text)?.[1]).toBe(contract2 ? "../../../../sdk" : undefined);
  });
});
