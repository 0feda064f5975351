import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, NO_TURSO_ENV, PROGRAMS, lookupStacks } from "./harness";

jest.setTimeout(120_000);

// Issue 29: config keys checked through the real CLI. A misspelt key of the plugin's namespace fails
// the preview naming the setting (the plugin's CheckConfig); a setting under the data source's
// namespace gets a one-line hint.
const harness = new Harness("config-keys");
const emulator = suiteEmulator();
const program = path.join(PROGRAMS, "plugin-yaml");

describe("a YAML program's turso-group:* keys", () => {
  it("turso-group:apiTokn fails the preview naming turso-group:apiToken, before any request", async () => {
    const stack = await harness.stack({
      program,
      stack: "typo-token",
      config: { "turso-group:apiBaseUrl": emulator.url },
      secrets: { "turso-group:apiTokn": ALICE },
      env: NO_TURSO_ENV,
    });
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      "pulumi:providers:turso-group resource 'default' has a problem: " +
        'Config key turso-group:apiTokn is not a setting of the turso-group provider plugin: did you mean turso-group:apiToken? Rename it ("pulumi config rm turso-group:apiTokn", then "pulumi config set --secret turso-group:apiToken <value>"); if it is a tokenFrom key, give it a name further from apiToken.',
    );
    expect(result.output).not.toContain(ALICE);
    expect(emulator.gets()).toEqual([]);
  });

  it("turso-group:apiBaseURL (the case wrong) fails naming turso-group:apiBaseUrl, instead of going to the default API", async () => {
    const stack = await harness.stack({
      program,
      stack: "typo-url",
      config: { "turso-group:apiBaseURL": emulator.url },
      secrets: { "turso-group:apiToken": ALICE },
      env: NO_TURSO_ENV,
    });
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("did you mean turso-group:apiBaseUrl?");
    expect(result.output).toContain('then "pulumi config set turso-group:apiBaseUrl <value>"');
  });

  it("a key no setting is near (a tokenFrom key) is accepted", async () => {
    const stack = await harness.stack({
      program,
      stack: "acme-token",
      config: { "turso-group:apiBaseUrl": emulator.url },
      secrets: { "turso-group:apiToken": ALICE, "turso-group:acmeToken": "other" },
      env: NO_TURSO_ENV,
    });
    const result = await stack.cli(["preview"]);
    expect(result.output).toMatch(/primary\s*: "fra"/);
    expect(result.output).not.toContain("did you mean");
  });

  it("turso:apiToken set instead of turso-group:apiToken: a one-line hint naming turso-group:apiToken", async () => {
    const stack = await harness.stack({
      program,
      stack: "other-front",
      config: { "turso-group:apiBaseUrl": emulator.url },
      secrets: { "turso:apiToken": ALICE },
      env: NO_TURSO_ENV,
    });
    const result = await stack.run(["preview", "--diff"]);
    expect(result.code).not.toBe(0);
    const hint =
      "turso:apiToken is set, but the turso-group provider plugin reads turso-group:apiToken (turso:* is the namespace of the TypeScript data source).";
    expect(result.output).toContain(hint);
    expect(result.output.split(hint)).toHaveLength(2);
    expect(result.output).toContain("No Turso API token");
  });
});

describe("a TypeScript program's turso:* keys (the data source)", () => {
  const lookupStack = lookupStacks(harness, { api: emulator });

  it("turso:apiTokn fails the lookup at the call, naming turso:apiToken, before any request", async () => {
    const stack = await lookupStack("ds-typo", [{ group: "default" }], {
      token: undefined,
      secrets: { "turso:apiTokn": ALICE },
    });
    const result = await stack.run(["preview", "--diff"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'Config key turso:apiTokn is not a setting of the TypeScript data source: did you mean turso:apiToken? Rename it ("pulumi config rm turso:apiTokn", then "pulumi config set --secret turso:apiToken <value>")',
    );
    expect(result.output).not.toContain(ALICE);
    expect(emulator.gets()).toEqual([]);
  });

  it("turso-group:apiToken set and turso:apiToken not: a one-line hint naming turso:apiToken, once for two calls", async () => {
    const stack = await lookupStack("ds-other-front", [{ group: "default" }, { organization: "acme", group: "prod" }], {
      token: undefined,
      secrets: { "turso-group:apiToken": ALICE },
      env: { TURSO_API_TOKEN: ALICE },
    });
    const result = await stack.run(["preview", "--diff"]);
    expect(result.code).toBe(0);
    const hint =
      "turso-group:apiToken is set, but the TypeScript data source reads turso:apiToken (turso-group:* is the namespace of the turso-group provider plugin).";
    expect(result.output.split(hint)).toHaveLength(2);
  });
});
