import { execFile } from "node:child_process";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ACME_PROD_RESULT, ALICE_DEFAULT_RESULT } from "../helpers/expected";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, NO_TURSO_ENV, PROGRAMS, REPO } from "./harness";

jest.setTimeout(120_000);

// The provider plugin through the real CLI and the Pulumi YAML language host: examples/yaml as a
// user runs it (its Pulumi.yaml names the package's plugin folder), then a program of the tests.
const harness = new Harness("plugin");
const emulator = suiteEmulator();
const EXAMPLE = path.join(REPO, "examples", "yaml");
const EXECUTABLE = path.join(REPO, "sdk", "plugin", "pulumi-resource-turso-group");
/** No token, organization or base URL from the test runner's environment. */
const figure = (line: string): void => appendFileSync(path.join(harness.dir, "figures.md"), `${line}\n`);

afterAll(() => rmSync(path.join(EXAMPLE, "Pulumi.e2e-plugin.yaml"), { force: true }));

describe("examples/yaml", () => {
  it("names the plugin folder of the npm package", () => {
    expect(readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")).toContain(
      "path: ../../node_modules/pulumi-turso-group/plugin",
    );
  });

  it("reads the group in preview and up, one request per invoke, the token only in secret config", async () => {
    const stack = await harness.stack({
      program: EXAMPLE,
      stack: "e2e-plugin",
      config: { "turso-group:apiBaseUrl": emulator.url },
      secrets: { "turso-group:apiToken": ALICE },
      env: NO_TURSO_ENV,
    });
    emulator.clearRequests();
    const preview = await stack.cli(["preview"]);
    expect(preview.output).toMatch(/primary\s*: "fra"/);
    expect(emulator.gets()).toEqual(["GET /v1/groups/default 200"]);
    figure(`examples/yaml preview: ${preview.ms} ms`);

    emulator.clearRequests();
    const up = await stack.up();
    expect(emulator.gets()).toEqual(["GET /v1/groups/default 200"]);
    figure(`examples/yaml up: ${up.ms} ms`);
    expect(await stack.outputs()).toEqual({ primary: "fra", locations: ["fra", "ams"], primaryCloud: "fly" });

    // The token is in the stack's config encrypted, and nowhere in plain text.
    const config = readFileSync(path.join(EXAMPLE, "Pulumi.e2e-plugin.yaml"), "utf8");
    expect(config).toMatch(/turso-group:apiToken:\n\s+secure: /);
    expect(config).not.toContain(ALICE);
    const state = readFileSync(stack.stateFile(), "utf8");
    expect(state).not.toContain(ALICE);
    // No state per lookup: the stack and the plugin's default provider, whose apiToken input (the
    // stack's turso-group config, as Pulumi records for every default provider) is encrypted.
    const exported = JSON.parse((await stack.cli(["stack", "export"])).stdout) as {
      deployment: { resources: { type: string; inputs?: Record<string, unknown> }[] };
    };
    const resources = exported.deployment.resources;
    expect(resources.map((r) => r.type).sort()).toEqual(["pulumi:providers:turso-group", "pulumi:pulumi:Stack"]);
    const provider = resources.find((r) => r.type === "pulumi:providers:turso-group");
    expect(provider?.inputs?.["apiToken"]).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
  });
});

describe("the plugin's functions from YAML", () => {
  const program = path.join(PROGRAMS, "plugin-yaml");

  it("answers as getGroup and getGroups do, one request per distinct lookup", async () => {
    const stack = await harness.stack({
      program,
      stack: "functions",
      secrets: { "turso-group:apiToken": ALICE },
      env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
    });
    emulator.clearRequests();
    await stack.up();
    expect([...emulator.gets()].sort()).toEqual([
      "GET /v1/groups/default 200",
      "GET /v1/organizations/acme/groups 200",
    ]);
    const outputs = await stack.outputs();
    // The TypeScript front's result (the same expectation as its tests).
    expect(outputs["first"]).toEqual(ALICE_DEFAULT_RESULT);
    expect(outputs["again"]).toEqual(outputs["first"]);
    expect(outputs["acme"]).toEqual({ organization: "acme", groups: [ACME_PROD_RESULT] });
  });

  it("findGroup: a missing group is found: false, an existing one found with its fields; getGroup of a missing one fails the preview with the API's words", async () => {
    const options = {
      config: { group: "nope", "turso-group:showNames": "true" },
      secrets: { "turso-group:apiToken": ALICE },
      env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
    };
    const find = await harness.stack({ ...options, program: path.join(PROGRAMS, "plugin-find"), stack: "find" });
    await find.up();
    expect((await find.outputs())["maybe"]).toEqual({ found: false });
    await find.cli(["config", "set", "group", "default"]);
    await find.up();
    expect((await find.outputs())["maybe"]).toEqual({ found: true, group: ALICE_DEFAULT_RESULT });

    const stack = await harness.stack({ ...options, program, stack: "missing" });
    const failed = await stack.run(["preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('Group "nope" was not found in your personal account (404');
    expect(failed.output).not.toContain("turso-group:showNames");
    // The plugin's stderr line names the kind of failure, not the package's stack frames.
    expect(failed.output).not.toMatch(/at .*plugin[\\/]lookups/);
  });

  it("a secret argument makes the result secret, and the failures name nothing of it", async () => {
    const stack = await harness.stack({
      program,
      stack: "secret-org",
      secrets: { "turso-group:apiToken": ALICE, org: "acme" },
      env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
    });
    await stack.up();
    const outputs = await stack.outputs();
    expect(outputs["acme"]).toBe("[secret]");
    expect(outputs["first"]).toMatchObject({ name: "default", primary: "fra" });
    const shown = JSON.parse((await stack.cli(["stack", "output", "--json", "--show-secrets"])).stdout) as {
      acme: { organization: string };
    };
    expect(shown.acme.organization).toBe("acme");

    // Each request goes to the engine's debug log, as the data source's do; a secret lookup's
    // organization is hidden there too, and the token never appears.
    const debug = await stack.cli(["preview", "--debug"]);
    expect(debug.output).toMatch(
      // An argument's name is hidden: the plugin cannot tell a secret one from a plain one.
      new RegExp(`debug: GET ${emulator.url}/v1/groups/\\[secret\\] -> 200 \\(attempt 1/\\d+, \\d+ ms\\)`),
    );
    expect(debug.output).toContain(`debug: GET ${emulator.url}/v1/organizations/[secret]/groups -> 200`);
    expect(debug.output).not.toMatch(/organizations\/acme\//);
    expect(debug.output).not.toContain(ALICE);
    expect((await stack.cli(["preview"])).output).not.toContain(`GET ${emulator.url}`);

    await stack.cli(["config", "set", "--secret", "org"], {}, "nobody");
    const failed = await stack.run(["preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('The Turso API does not know organization "[secret]"');
    expect(failed.output).not.toContain("nobody");
  });

  it("without a token, the invoke fails naming the plugin's config key and variable", async () => {
    const stack = await harness.stack({
      program,
      stack: "no-token",
      env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
    });
    const failed = await stack.run(["preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain(
      'No Turso API token: looked in stack config "turso-group:apiToken" and environment variable TURSO_API_TOKEN, both unset.',
    );
    expect(failed.output).toContain('"pulumi config set --secret turso-group:apiToken <token>"');
  });
});

it("pulumi package get-schema prints every function, every argument and result described", async () => {
  const { stdout } = await promisify(execFile)("pulumi", ["package", "get-schema", EXECUTABLE], {
    env: { ...process.env, ...harness.backendEnv() },
  });
  type Props = Record<string, { description?: string }>;
  const schema = JSON.parse(stdout) as {
    name: string;
    functions: Record<string, { inputs: { properties: Props }; outputs: { properties: Props } }>;
    types: Record<string, { properties: Props }>;
    config: { variables: Record<string, { description?: string; secret?: boolean }> };
  };
  expect(schema.name).toBe("turso-group");
  expect(Object.keys(schema.functions).sort()).toEqual([
    "turso-group:index:findGroup",
    "turso-group:index:getGroup",
    "turso-group:index:getGroups",
    "turso-group:index:getLocations",
  ]);
  const undocumented = [
    ...Object.entries(schema.functions).flatMap(([fn, { inputs, outputs }]) => [
      ...Object.entries(inputs.properties).map(([k, p]) => [`${fn} ${k}`, p] as const),
      ...Object.entries(outputs.properties).map(([k, p]) => [`${fn} -> ${k}`, p] as const),
    ]),
    ...Object.entries(schema.types).flatMap(([t, { properties }]) =>
      Object.entries(properties).map(([k, p]) => [`${t} ${k}`, p] as const),
    ),
    ...Object.entries(schema.config.variables).map(([k, p]) => [`config ${k}`, p] as const),
  ]
    .filter(([, p]) => (p.description ?? "").trim() === "")
    .map(([name]) => name);
  expect(undocumented).toEqual([]);
  // The TypeScript front's arguments (GetGroupArgs) but ifExists (findGroup's case), and its results.
  expect(Object.keys(schema.functions["turso-group:index:getGroup"]?.inputs.properties ?? {}).sort()).toEqual([
    "expect",
    "group",
    "organization",
    "tokenFrom",
  ]);
  expect(Object.keys(schema.functions["turso-group:index:getGroup"]?.outputs.properties ?? {}).sort()).toEqual(
    [...Object.keys(ALICE_DEFAULT_RESULT), "organization"].sort(),
  );
  expect(schema.config.variables["apiToken"]?.secret).toBe(true);
});

it("getLocations from YAML: every location the API offers, with its region, one request per operation", async () => {
  const stack = await harness.stack({
    program: path.join(PROGRAMS, "plugin-locations"),
    stack: "locations",
    secrets: { "turso-group:apiToken": ALICE },
    env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
  });
  emulator.clearRequests();
  await stack.up();
  expect(emulator.gets()).toEqual(["GET /v1/locations 200"]);
  const locations = (await stack.outputs())["locations"] as { code: string; region: unknown }[];
  expect(locations.length).toBeGreaterThanOrEqual(35);
  expect(locations.find((l) => l.code === "fra")).toEqual({
    code: "fra",
    description: expect.stringContaining("Frankfurt"),
    region: { cloud: "fly", region: "fra" },
  });
});

it("plugins.providers serves a Node.js program too: the same function by its token", async () => {
  const stack = await harness.stack({
    program: path.join(PROGRAMS, "plugin-nodejs"),
    secrets: { "turso-group:apiToken": ALICE },
    env: { ...NO_TURSO_ENV, TURSO_API_BASEURL: emulator.url },
  });
  emulator.clearRequests();
  await stack.up();
  expect(emulator.gets()).toEqual(["GET /v1/groups/default 200"]);
  expect(await stack.outputs()).toEqual({ primary: "fra", locations: ["fra", "ams"] });
});
