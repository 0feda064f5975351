import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Harness, PROGRAMS, type TestStack } from "./harness";

jest.setTimeout(120_000);

const harness = new Harness("smoke");
const marker = path.join(harness.dir, "reads.txt");
let stack: TestStack;

beforeAll(async () => {
  stack = await harness.stack({ program: path.join(PROGRAMS, "smoke"), env: { SMOKE_MARKER: marker } });
});

const reads = (): string[] => (existsSync(marker) ? readFileSync(marker, "utf8").trim().split("\n") : []);

it("is the pinned CLI", async () => {
  const version = await stack.cli(["version"]);
  expect(version.stdout.trim()).toBe(`v${process.env["PULUMI_CLI_VERSION"] ?? ""}`);
});

it("runs a dynamic read during preview and shows its value", async () => {
  rmSync(marker, { force: true });
  const preview = await stack.preview();
  expect(reads()).toEqual(["read world"]);
  expect(preview.stdout).toContain("> pulumi-nodejs:dynamic/smoke:Greeting: (read)");
  expect(preview.stdout).toContain("[urn=urn:pulumi:dev::e2e-smoke::pulumi-nodejs:dynamic/smoke:Greeting::world]");
  expect(preview.stdout).toMatch(/--outputs:--\n\s+greeting: "hello from world"/);
});

it("exports the read's output on up, readable with stack output --json", async () => {
  await stack.up();
  expect(await stack.outputs()).toEqual({ greeting: "hello from world" });
});

it("re-reads on refresh, and destroy leaves an empty stack", async () => {
  rmSync(marker, { force: true });
  await stack.refresh();
  expect(reads()).toHaveLength(1);
  await stack.destroy();
  expect(await stack.resources()).toEqual([]);
});
