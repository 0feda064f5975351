import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, type StackOptions } from "./harness";

jest.setTimeout(120_000);

// A `runtime: bun` program (test/e2e/programs/plugin-bun) through the real CLI: the CLI starts the
// language plugin `bun` (the stand-in scripts/langhosts/bun, on PATH as pulumi-language-bun), which
// runs @pulumi/pulumi/cmd/run with the bun on PATH (Bun from the npm registry; `npm test` sets both
// up). The program resolves @pulumi/pulumi and pulumi-turso-group from the repository's node_modules.
const harness = new Harness("plugin-bun");
const emulator = suiteEmulator();
const PROGRAM = path.join(PROGRAMS, "plugin-bun");
const figure = (line: string): void => appendFileSync(path.join(harness.dir, "figures.md"), `${line}\n`);
/** A stack of the program, the emulator's URL and nothing else from the test runner's TURSO_* variables. */
const options = (stack: string, config: Record<string, string>, env: Record<string, string> = {}): StackOptions => ({
  program: PROGRAM,
  stack,
  config,
  env: { TURSO_API_TOKEN: undefined, TURSO_ORGANIZATION: undefined, TURSO_API_BASEURL: emulator.url, ...env },
});

it("a Bun program reads a group through the plugin's getGroup in preview and up, one request per invoke", async () => {
  const stack = await harness.stack({ ...options("dev", {}), secrets: { "turso-group:apiToken": ALICE } });
  const preview = await stack.cli(["preview"]);
  expect(preview.output).toMatch(/primary\s*: "fra"/);
  expect(preview.output).toMatch(/runtime\s*: "bun \d+\.\d+\.\d+"/);
  expect(emulator.gets()).toEqual(["GET /v1/groups/default 200"]);
  figure(`plugin-bun preview: ${preview.ms} ms`);

  emulator.clearRequests();
  const up = await stack.up();
  expect(emulator.gets()).toEqual(["GET /v1/groups/default 200"]);
  figure(`plugin-bun up: ${up.ms} ms`);
  expect(await stack.outputs()).toEqual({
    primary: "fra",
    locations: ["fra", "ams"],
    runtime: expect.stringMatching(/^bun \d+\.\d+\.\d+$/),
    dynamicPrimary: "not asked",
  });
  expect(preview.output + up.output).not.toContain(ALICE);
});

it("the package's getGroupOutput runs under Bun too: a dynamic-provider lookup, one request", async () => {
  // The token in the environment: the dynamic provider records the whole stack config in state.
  const stack = await harness.stack(options("dynamic", { "e2e:dynamic": "true" }, { TURSO_API_TOKEN: ALICE }));
  await stack.up();
  // One read by the plugin's invoke, one by the dynamic provider's lookup.
  expect(emulator.gets()).toEqual(["GET /v1/groups/default 200", "GET /v1/groups/default 200"]);
  expect(await stack.outputs()).toMatchObject({ primary: "fra", dynamicPrimary: "fra" });
  // The lookup is in state as under Node.js: a dynamic resource whose provider text loads this package.
  const state = JSON.parse(readFileSync(stack.stateFile(), "utf8")) as {
    checkpoint: { latest: { resources: { type: string; outputs?: { lookup?: { result?: { primary?: string } } } }[] } };
  };
  const lookups = state.checkpoint.latest.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
  expect(lookups.map((r) => r.outputs?.lookup?.result?.primary)).toEqual(["fra"]);
});

it("a pulumi.dynamic.Resource fails under Bun with Pulumi's message: it serializes its provider's functions", async () => {
  const stack = await harness.stack(
    options("plain-dynamic", { "e2e:plainDynamic": "true" }, { TURSO_API_TOKEN: ALICE }),
  );
  const failed = await stack.run(["preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain(
    `error serializing property "__provider": Function serialization is not supported when using bun as a runtime.`,
  );
});
