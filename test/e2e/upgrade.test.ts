/**
 * An upgrade through the real CLI: a stack whose lookup was written by an earlier version (the
 * stored state fixtures of test/fixtures/state: the released 0.1.0, the flat props before
 * provider contract 2, and this version's), refreshed and updated with the package installed
 * today. `pulumi refresh --expect-no-changes` must stay clean on an unchanged group, before the
 * first `up` of this version and after it, and must still catch a group that moved. And a state
 * moved to a checkout without the package fails its refresh in one line that says what to install.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACME_PROD, ALICE, TEST_SEED } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, REPO, lookupStacks, type TestStack } from "./harness";

jest.setTimeout(300_000);

const harness = new Harness("upgrade");
const emu = suiteEmulator();
const lookupStack = lookupStacks(harness, { api: emu, token: ALICE });
const ACME_PROD_LOOKUP = [{ organization: "acme", group: "prod" }];
const GROUP_TYPE = "pulumi-nodejs:dynamic/turso:Group";
const FIXTURES = path.join(__dirname, "..", "fixtures", "state");

interface Resource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface Fixture {
  readonly version: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

const fixtures = readdirSync(FIXTURES)
  .map((f) => [f, JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as Fixture] as const)
  .filter(([, fixture]) => fixture.type === GROUP_TYPE);

async function exported(stack: TestStack): Promise<{ deployment: { resources: Resource[] } }> {
  return JSON.parse((await stack.cli(["stack", "export"])).stdout) as { deployment: { resources: Resource[] } };
}

async function lookupInState(stack: TestStack): Promise<Resource | undefined> {
  return (await exported(stack)).deployment.resources.find((r) => r.type === GROUP_TYPE);
}

const refreshExpectingNoChanges = (stack: TestStack) =>
  stack.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);

it("covers the released 0.1.0, the flat props before contract 2, and this version", () => {
  expect(fixtures.map(([, f]) => f.version.split(" ")[0]).sort()).toEqual(["0.1.0", "0.2.0", "0.2.0-dev"]);
});

describe.each(fixtures)("a lookup written as in %s", (name, fixture) => {
  it("refreshes clean with --expect-no-changes, before this version's first up and after it", async () => {
    const stack = await lookupStack(name.replace(/\.json$/, "").replace(/[^a-zA-Z0-9-]/g, "-"), ACME_PROD_LOOKUP);
    await stack.up();

    // The state that version wrote: its lookup in place of this version's.
    const state = await exported(stack);
    const lookup = state.deployment.resources.find((r) => r.type === GROUP_TYPE);
    if (lookup === undefined) throw new Error("pulumi up recorded no lookup");
    lookup.inputs = fixture.inputs;
    lookup.outputs = fixture.outputs;
    const file = path.join(harness.dir, `${stack.name}.json`);
    writeFileSync(file, JSON.stringify(state));
    await stack.cli(["stack", "import", "--file", file]);

    const before = await refreshExpectingNoChanges(stack);
    expect(before.output).not.toContain("error");
    expect(before.code).toBe(0);
    expect((await lookupInState(stack))?.outputs).toEqual(fixture.outputs);

    // The first up of this version records the lookup in contract 2's shape.
    await stack.up();
    expect((await lookupInState(stack))?.outputs?.["lookup"]).toEqual({
      organization: "acme",
      group: "prod",
      result: ACME_PROD,
    });
    const after = await refreshExpectingNoChanges(stack);
    expect(after.code).toBe(0);

    // And a group that did move is still a change.
    const prod = TEST_SEED.organizations["acme"]?.groups[0];
    if (prod === undefined) throw new Error("TEST_SEED has no acme/prod");
    emu.setGroup("acme", { ...prod, locations: [...prod.locations], primary: "aws-us-east-1" });
    try {
      const moved = await refreshExpectingNoChanges(stack);
      expect(moved.code).not.toBe(0);
      expect(moved.output).toContain("error: no changes were expected for refresh but changes were proposed");
    } finally {
      emu.setGroup("acme", { ...prod, locations: [...prod.locations] });
    }
  });
});

describe("a state moved to a checkout where the package is not installed", () => {
  let moved: string;
  afterAll(() => rmSync(moved, { recursive: true, force: true }));

  it("fails the refresh in one line naming the version it needs and how to get it, with no stack frames", async () => {
    const written = await lookupStack("moved", ACME_PROD_LOOKUP);
    await written.up();
    // The same stack, run from a folder outside this checkout with Pulumi but not the package.
    moved = mkdtempSync(path.join(os.tmpdir(), "turso-moved-"));
    mkdirSync(path.join(moved, "node_modules"));
    symlinkSync(path.join(REPO, "node_modules", "@pulumi"), path.join(moved, "node_modules", "@pulumi"));
    writeFileSync(path.join(moved, "Pulumi.yaml"), readFileSync(path.join(PROGRAMS, "lookup", "Pulumi.yaml")));
    writeFileSync(
      path.join(moved, "Pulumi.moved.yaml"),
      readFileSync(path.join(PROGRAMS, "lookup", "Pulumi.moved.yaml")),
    );
    // Its config is the copied Pulumi.moved.yaml; nothing is set again.
    const stack = await lookupStack("moved", undefined, { program: moved, api: undefined, token: undefined });
    const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).not.toBe(0);
    const message =
      "pulumi-turso-group 0.2.0 or later is not at ../../../../sdk (from the program's directory) nor found by " +
      "name: install the program's dependencies, or add pulumi-turso-group@0.2.0";
    // One diagnostic; the progress stream shows it on the lookup's line as it fails, as for any read.
    const diagnostics = refresh.output.slice(refresh.output.lastIndexOf("Diagnostics:"));
    expect(diagnostics.split("\n").filter((line) => line.includes(message))).toEqual([`    error: ${message}`]);
    expect(refresh.output.split(message).length - 1).toBeLessThanOrEqual(3);
    expect(refresh.output).not.toMatch(/^\s+at /m);
  });
});
