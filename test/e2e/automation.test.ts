/**
 * The Automation API: inline programs run in the pipeline's own Node.js process, one run after
 * another. Each run must register its own lookups and make its own requests.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ALICE, BOB } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, REPO } from "./harness";

jest.setTimeout(600_000);

const harness = new Harness("automation");
const emu = suiteEmulator();

interface Run {
  readonly code: number;
  readonly output: string;
  readonly steps: Record<string, unknown>;
}

/** Runs a Node.js script (TypeScript, transpiled) with the file backend of this suite. */
function node(script: string, args: string[], env: Record<string, string>, cwd = REPO): Promise<Run> {
  const work = path.join(harness.dir, "work");
  mkdirSync(work, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", script, ...args], {
      cwd,
      env: {
        ...process.env,
        PULUMI_BACKEND_URL: `file://${harness.backend}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        EMU_URL: emu.url,
        WORK_DIR: work,
        TURSO_API_TOKEN: "",
        TURSO_API_BASEURL: "",
        TURSO_ORGANIZATION: "",
        ...env,
      },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("close", (code) => {
      const steps: Record<string, unknown> = {};
      for (const line of output.split("\n")) {
        if (!line.startsWith('{"step"')) continue;
        const { step, value } = JSON.parse(line) as { step: string; value: unknown };
        steps[step] = value;
      }
      resolve({ code: code ?? -1, output, steps });
    });
  });
}

const driver = path.join(__dirname, "automation", "driver.ts");

it("an up after a preview in the same process reads again and registers its lookup", async () => {
  try {
    const run = await node(driver, ["preview-then-up"], { TOKEN: ALICE });
    expect(run.code).toBe(0);
    expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /v1/groups/default 200",
      "GET /v1/groups/default 200",
    ]);
    expect(run.steps["up"]).toEqual({ primary: "ams", lookups: ["default"] });
  } finally {
    emu.setGroup("alice", { name: "default", primary: "fra", locations: ["fra", "ams"] });
  }
});

it("two stacks in one process each get their own lookup", async () => {
  const run = await node(driver, ["two-stacks"], { TOKEN: ALICE, OTHER_TOKEN: BOB });
  expect(run.code).toBe(0);
  expect(run.steps["mine"]).toEqual({ primary: "fra", lookups: ["default"] });
  expect(run.steps["theirs"]).toEqual({ primary: "nrt", lookups: ["default"] });
});

it("the Automation API example previews, checks the placement and deploys", async () => {
  // A copy, so that the stack files LocalWorkspace writes beside Pulumi.yaml stay out of examples/.
  const example = path.join(harness.dir, "example");
  cpSync(path.join(REPO, "examples", "automation"), example, { recursive: true });
  const run = await node(
    path.join(example, "index.ts"),
    [],
    {
      TURSO_API_BASEURL: emu.url,
      TURSO_API_TOKEN: ALICE,
      TURSO_ORGANIZATION: "acme",
      GROUP: "prod",
      EXPECTED_PRIMARY: "aws-eu-west-1",
      STACK: "example",
    },
    example,
  );
  expect(run.output).toContain('up: {"locations":["aws-eu-west-1","aws-us-east-1"],"primary":"aws-eu-west-1"}');
  expect(run.code).toBe(0);
  // The preview and the up each read the group, and the up registered its lookup in state.
  expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    "GET /v1/organizations/acme/groups/prod 200",
    "GET /v1/organizations/acme/groups/prod 200",
  ]);
  const exported = await node(
    path.join(__dirname, "automation", "export.ts"),
    ["turso-automation", "example"],
    {},
    example,
  );
  expect(exported.steps["lookups"]).toEqual(["acme/prod"]);
  const misplaced = await node(
    path.join(example, "index.ts"),
    [],
    {
      TURSO_API_BASEURL: emu.url,
      TURSO_API_TOKEN: ALICE,
      TURSO_ORGANIZATION: "acme",
      GROUP: "prod",
      EXPECTED_PRIMARY: "aws-us-east-1",
      STACK: "example",
    },
    example,
  );
  expect(misplaced.code).toBe(1);
  expect(misplaced.output).toContain('primary is "aws-eu-west-1", expected one of ["aws-us-east-1"]');
});
