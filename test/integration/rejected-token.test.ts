// A bad token shared by several lookups is explained once: the first lookup that meets the 401
// reports it in full, every other one with that token in one line pointing to it, and once the
// token is known to be rejected no further request is made with it. In both fronts (the core's).
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { PluginLookups } from "../../sdk/src/plugin/lookups";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "../e2e/emulated";

const emu = suiteEmulator();

const FULL =
  'The Turso API rejected the API token from stack config "turso:apiToken" (401: invalid token). Create a token with';
/** The one line of the other lookups: it names the lookup whose error is the full one. */
const short = (first: string): string =>
  `The Turso API rejected the API token from stack config "turso:apiToken" (401: invalid token): the error of the lookup of ${first} says how to replace it.`;

async function messages(reads: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(reads);
  return settled.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "resolved"));
}

it("the dynamic front reports a rejected token in full once, then in one line, and stops asking", async () => {
  const runtime = new ProviderRuntime({});
  const values: Record<string, string> = { "turso:apiToken": "revoked-token-77", "turso:apiBaseUrl": emu.url };
  await runtime.configure({ config: { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" } });
  const atOnce = await messages([
    runtime.read("default", { group: "default" }),
    runtime.read("acme/prod", { organization: "acme", group: "prod" }),
    runtime.read("acme", { kind: "list", organization: "acme" }),
  ]);
  expect(atOnce.filter((m) => m.startsWith(FULL))).toHaveLength(1);
  const first = [
    'group "default" in your personal account',
    'group "prod" in organization "acme"',
    'the groups of organization "acme"',
  ][atOnce.findIndex((m) => m.startsWith(FULL))]!;
  expect(atOnce.filter((m) => m === short(first))).toHaveLength(2);
  const made = emu.requests().length;
  expect(made).toBeGreaterThanOrEqual(1);
  expect(made).toBeLessThanOrEqual(3);
  // Later lookups with that token fail at once, without a request.
  await expect(runtime.read("other", { group: "other" })).rejects.toThrow(short(first));
  expect(emu.requests()).toHaveLength(made);
});

it("the plugin does the same, and a token that works is not held back by one that does not", async () => {
  const l = new PluginLookups({});
  l.configure({
    values: new Map([
      ["turso-group:apiToken", "revoked-token-77"],
      ["turso-group:apiBaseUrl", emu.url],
      ["turso-group:goodToken", ALICE],
      ["turso-group:showNames", "true"],
    ]),
    secrets: new Set(["turso-group:apiToken", "turso-group:goodToken"]),
  });
  const first = await messages([l.getGroup({ group: "default" })]);
  expect(first[0]).toContain(
    'The Turso API rejected the API token from stack config "turso-group:apiToken" (401: invalid token). Create a token with',
  );
  await expect(l.getGroups({ organization: "acme" })).rejects.toThrow(
    'The Turso API rejected the API token from stack config "turso-group:apiToken" (401: invalid token): the error of the lookup of group "default" in your personal account says how to replace it.',
  );
  expect(emu.requests()).toHaveLength(1);
  await expect(l.getGroup({ group: "default", tokenFrom: { config: "turso-group:goodToken" } })).resolves.toMatchObject(
    {
      outputs: { name: "default" },
    },
  );
});
