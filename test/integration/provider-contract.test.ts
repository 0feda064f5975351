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
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ALICE, TEST_SEED } from "../helpers/seed";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- what Pulumi's dynamic-provider host loads providers with
const requireFromString = require("require-from-string") as (code: string) => { handler(): Provider };

interface Provider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  read(id: string, props: Record<string, unknown>): Promise<{ id: string; props: Record<string, unknown> }>;
}
interface Entry {
  readonly version: string;
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

const FIXTURES = path.join(__dirname, "..", "fixtures", "state");
const entries = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as Entry] as const);

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());

it("has a fixture of the released 0.1.0 shape and of this version's", () => {
  expect(entries.map(([, e]) => e.version.split(" ")[0])).toEqual(expect.arrayContaining(["0.1.0", "0.2.0"]));
});

describe.each(entries)("%s", (_file, entry) => {
  async function provider(): Promise<Provider> {
    // The host deserializes the text, calls handler(), then configure with the stack config.
    const p = requireFromString(String(entry.outputs["__provider"])).handler();
    const config: Record<string, string> = { "turso:apiToken": ALICE, "turso:apiBaseUrl": emu.url };
    await p.configure({ config: { get: (key) => config[key] } });
    return p;
  }

  it("refreshes from its recorded outputs with the current package", async () => {
    const result = await (await provider()).read(entry.id, entry.outputs);
    expect(result.id).toBe(entry.id);
    expect(result.props).toMatchObject({
      group: "prod",
      organization: "acme",
      primary: "aws-eu-west-1",
      locations: ["aws-eu-west-1", "aws-us-east-1"],
      found: true,
    });
  });

  it("reads from its inputs, as the program's read does", async () => {
    const result = await (await provider()).read(entry.id, entry.inputs);
    expect(result.props).toMatchObject({ primary: "aws-eu-west-1", found: true });
  });

  it("drops a group deleted since, on refresh, instead of failing", async () => {
    const url = `${emu.url}/__emulator/organizations/acme/groups/prod`;
    await fetch(url, { method: "DELETE", headers: { "Content-Type": "application/json" } });
    try {
      expect((await (await provider()).read(entry.id, entry.outputs)).id).toBe("");
    } finally {
      const prod = TEST_SEED.organizations["acme"]?.groups[0];
      if (prod) emu.setGroup("acme", { ...prod, locations: [...prod.locations] });
    }
  });

  it("names only the stable subpath pulumi-turso-group/internal/provider", () => {
    const required = [...String(entry.outputs["__provider"]).matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(["pulumi-turso-group/internal/provider"]));
  });
});
