import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { Harness, REPO, type TestStack } from "./harness";

jest.setTimeout(180_000);

// The examples run as a user would run them: the default emulator seed, token demo-token. Each runs
// from a copy of its program under .e2e/, so that the tests neither write into examples/ nor meet
// the stacks a user created there.
const harness = new Harness("examples");
const example = (name: string): string => {
  const copy = path.join(harness.dir, "programs", name);
  if (!existsSync(copy)) {
    cpSync(path.join(REPO, "examples", name), copy, {
      recursive: true,
      // The program, not its docs (they quote the emulator's demo token, which the secret scan
      // looks for in everything under .e2e/), stack config files or installed packages.
      filter: (src) => !/^(node_modules|README\.md|\.github|Pulumi\..+\.yaml)$/.test(path.basename(src)),
    });
  }
  return copy;
};
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.clearRequests());

function stackOf(name: string, config: Record<string, string> = {}): Promise<TestStack> {
  return harness.stack({
    program: example(name),
    config,
    env: { TURSO_API_BASEURL: emu.url, TURSO_API_TOKEN: "demo-token", TURSO_ORGANIZATION: undefined },
  });
}

it("basic: the personal account's group", async () => {
  const stack = await stackOf("basic");
  await stack.up();
  expect(await stack.outputs()).toEqual({ name: "default", primary: "fra", locations: ["fra", "ams"] });
  expect(emu.requests().map((r) => r.path)).toEqual(["/v1/groups/default"]);
});

describe("organization and consumer", () => {
  let org: TestStack;
  beforeAll(async () => {
    org = await stackOf("organization", { "turso:organization": "acme" });
  });

  it("organization: the organization from stack config", async () => {
    await org.up();
    expect(await org.outputs()).toEqual({
      organization: "acme",
      primary: "aws-eu-west-1",
      locations: ["aws-eu-west-1", "aws-us-east-1"],
    });
    expect(emu.requests().map((r) => r.path)).toEqual(["/v1/organizations/acme/groups/prod"]);
  });

  it("organization: an unmet expect fails the preview, naming the group, the expectation and the finding", async () => {
    await org.cli(["config", "set", "--path", "expect.primaryIn[0]", "iad"]);
    const failed = await org.run(["preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain(
      'The placement of group "prod" in organization "acme" (from stack config "turso:organization") is not what this program expects: primary is "aws-eu-west-1", expected one of ["iad"].',
    );
    await org.cli(["config", "set", "--path", "expect.primaryIn[0]", "aws-eu-west-1"]);
    await org.cli(["config", "set", "--path", "expect.locationsInclude[0]", "aws-us-east-1"]);
    await org.preview();
    await org.cli(["config", "rm", "expect"]);
  });

  it("consumer: a second stack places a resource from the StackReference", async () => {
    const consumer = await stackOf("consumer", { source: "organization/turso-organization/dev" });
    await consumer.up();
    expect(await consumer.outputs()).toEqual({ appRegion: "aws-eu-west-1", appReplicas: ["aws-us-east-1"] });
    expect(emu.requests()).toEqual([]); // it reads the other stack, not the API
  });

  it("consumer: a source stack without outputs fails in seconds, saying what to run", async () => {
    // A stack of the organization example that was created but never deployed.
    const empty = await harness.stack({ program: example("organization"), stack: "never-deployed" });
    const consumer = await stackOf("consumer", { source: `organization/turso-organization/${empty.name}` });
    const up = await consumer.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(
      'the source stack has no output "primary": run "pulumi up" of examples/organization first',
    );
    // requireOutput's asynchronous error took 95 s and 3.6 GB here; a generous no-hang bound.
    expect(up.ms).toBeLessThan(40_000);
  });
});

describe("pipeline", () => {
  let stack: TestStack;
  let outputs: string;
  beforeAll(async () => {
    stack = await stackOf("pipeline", { "turso:organization": "acme" });
    await stack.preview();
    await stack.up();
    outputs = (await stack.cli(["stack", "output", "--json"])).stdout;
  });

  const check = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(example("pipeline"), "check-placement.js")], {
      input: outputs,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });

  it("passes when the placement is as expected", () => {
    const ok = check({ EXPECTED_PRIMARY: "aws-eu-west-1", EXPECTED_LOCATIONS: "aws-us-east-1" });
    expect([ok.status, ok.stdout.trim()]).toEqual([
      0,
      'placement ok: primary "aws-eu-west-1", locations ["aws-eu-west-1","aws-us-east-1"]',
    ]);
  });

  it("fails with a clear message when it is not", () => {
    const bad = check({ EXPECTED_PRIMARY: "iad,fra", EXPECTED_LOCATIONS: "lhr" });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'check-placement: the group is not placed as this pipeline expects: primary is "aws-eu-west-1", expected "iad" or "fra"; locations ["aws-eu-west-1","aws-us-east-1"] lack ["lhr"]',
    );
  });
});

describe("automation", () => {
  // Started from a folder outside the repository, where neither @pulumi/pulumi nor the package
  // resolves: the example's workDir (its own folder, with a Pulumi.yaml without main) is where the
  // CLI starts the dynamic provider, whatever the process's working directory.
  const elsewhere = mkdtempSync(path.join(tmpdir(), "turso-automation-cwd-"));
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  const start = (env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const dir = example("automation");
      const child = spawn(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(dir, "index.ts")],
        {
          cwd: elsewhere,
          env: {
            ...process.env,
            ...harness.backendEnv(),
            TS_NODE_PROJECT: path.join(REPO, "tsconfig.json"),
            TURSO_API_BASEURL: emu.url,
            TURSO_API_TOKEN: "demo-token",
            TURSO_ORGANIZATION: "acme",
            GROUP: "prod",
            ...env,
          },
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("previews, checks and deploys from another folder", async () => {
    const run = await start({ EXPECTED_PRIMARY: "aws-eu-west-1" });
    expect([run.code, run.stderr, run.stdout.trim().split("\n")]).toEqual([
      0,
      "",
      [
        expect.stringMatching(/^preview: \{"(create|same)":1\}$/),
        'up: {"locations":["aws-eu-west-1","aws-us-east-1"],"primary":"aws-eu-west-1"}',
      ],
    ]);
  });

  it("a failed check prints the lookup's error once, and nothing of the CLI's output", async () => {
    const run = await start({ EXPECTED_PRIMARY: "aws-us-east-1" });
    expect([run.code, run.stdout, run.stderr.trim().split("\n")]).toEqual([
      1,
      "",
      [
        expect.stringMatching(
          /^acme\/prod: Preview failed: The placement of group "prod" in organization "acme" .*expected one of \["aws-us-east-1"\]\./,
        ),
      ],
    ]);
    expect(emu.requests().map((r) => r.path)).toEqual(["/v1/organizations/acme/groups/prod"]); // no up
  });
});
