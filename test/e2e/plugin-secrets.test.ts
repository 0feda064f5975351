import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, NO_TURSO_ENV, PROGRAMS } from "./harness";

jest.setTimeout(120_000);

// The plugin and secrets through the real CLI and the YAML host: an organization given as
// `fn::secret` reaches the plugin plain (no Pulumi SDK passes an invoke argument's secret marker),
// so the plugin hides every name given as an argument; the YAML host makes the results secret.
const harness = new Harness("plugin-secrets");
const emulator = suiteEmulator();
const program = path.join(PROGRAMS, "plugin-secret");
/** Every form of the names of the secret lookup, and the group the typo is closest to. */
const NAMES = /acme|prud|prod/;
/** What the CLI printed, less the YAML host's quote of the program's own lines (`18:  fn::secret: acme`). */
const printed = (output: string): string =>
  output
    .split("\n")
    .filter((line) => !/^\s*\d+:\s/.test(line))
    .join("\n");

async function secretStack(stack: string, config: Record<string, string> = {}, token = ALICE) {
  return harness.stack({
    program,
    stack,
    config,
    secrets: { "turso-group:apiToken": token },
    env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
  });
}

it("a fn::secret organization: results secret, one request per invoke, no name in --debug", async () => {
  const stack = await secretStack("read");
  emulator.clearRequests();
  const up = await stack.up();
  expect(emulator.gets().sort()).toEqual(["GET /v1/locations 200", "GET /v1/organizations/acme/groups/prod 200"]);
  expect(up.output).not.toMatch(NAMES);
  expect(await stack.outputs()).toEqual({ primary: "[secret]", locations: "[secret]", offered: expect.any(String) });
  const exported = (await stack.cli(["stack", "export"])).stdout;
  expect(exported).not.toContain("aws-eu-west-1");

  const debug = await stack.cli(["preview", "--debug"]);
  expect(debug.output).toContain(`debug: GET ${emulator.url}/v1/organizations/[secret]/groups/[secret] -> 200`);
  expect(debug.output).not.toMatch(NAMES);
});

it("a misspelt group: the message names neither the organization nor any group, suggests nothing, says why", async () => {
  const stack = await secretStack("typo", { group: "prud" });
  emulator.clearRequests();
  const failed = await stack.run(["preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain('Group "[secret]" was not found in organization "[secret]" (404: group not found).');
  expect(failed.output).toContain("set turso-group:showNames to true");
  expect(printed(failed.output)).not.toMatch(NAMES);
  // No list read for a suggestion.
  expect(emulator.gets()).toContain("GET /v1/organizations/acme/groups/prud 404");
  expect(emulator.gets().filter((g) => g.startsWith("GET /v1/organizations/acme/groups "))).toEqual([]);
  const debug = await stack.run(["preview", "--debug"]);
  expect(printed(debug.output)).not.toMatch(NAMES);
});

it("a rejected token: no invoke's message names the secret lookup", async () => {
  const stack = await secretStack("bad-token", {}, "not-a-valid-token");
  const failed = await stack.run(["preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain("401");
  expect(printed(failed.output)).not.toMatch(NAMES);
});
