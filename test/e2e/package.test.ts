import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { codeBlocks } from "../helpers/markdown";
import { devVersion, npm, packInto } from "../helpers/pack";
import { runBash } from "../helpers/shell";
import { Harness, NO_TURSO_ENV, type TestStack } from "./harness";

jest.setTimeout(300_000);

// A stranger's project: a new folder outside the repository, the packed tarball installed with npm,
// set up as the package's README says (a Pulumi TypeScript project), its program the README's.
const harness = new Harness("package");
const outside = path.join(tmpdir(), `turso-package-test-${process.pid}`);
const app = path.join(outside, "app");
let tarball: string;
let emulator: { url: string; stop(): void };
let readme: string;

beforeAll(async () => {
  rmSync(outside, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  tarball = packInto(outside);
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({
      name: "stranger-app",
      private: true,
      main: "index.ts",
      dependencies: { "@pulumi/pulumi": "3.270.0", "pulumi-turso-group": `file:${tarball}` },
      // What `pulumi new typescript` adds.
      devDependencies: { typescript: devVersion("typescript"), "@types/node": devVersion("@types/node") },
    }),
  );
  writeFileSync(path.join(app, "Pulumi.yaml"), "name: stranger-app\nruntime: nodejs\n");
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  readme = readFileSync(path.join(app, "node_modules/pulumi-turso-group/README.md"), "utf8");
  const program = codeBlocks(readme).find((b) => b.lang === "ts");
  if (!program) throw new Error("the package's README has no ts program");
  writeFileSync(path.join(app, "index.ts"), program.code);
  emulator = await startInstalledEmulator(app);
});

afterAll(() => {
  emulator?.stop();
  rmSync(outside, { recursive: true, force: true });
});

it("packs compiled JavaScript, types, source maps and the emulator command, and nothing of the tests or examples", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
  for (const f of [
    "dist/index.js",
    "dist/index.d.ts",
    "dist/index.js.map",
    "dist/emulator/cli.js",
    "dist/emulator/index.d.ts",
    "dist/invoke/index.js",
    "dist/invoke/index.d.ts",
    "dist/provider/runtime.js",
    "package.json",
    "README.md",
    "LICENSE",
  ]) {
    expect(files).toContain(`package/${f}`);
  }
  expect(files.filter((f) => /test|examples|\.e2e|tsbuildinfo/.test(f))).toEqual([]);
  const manifest = JSON.parse(readFileSync(path.join(app, "node_modules/pulumi-turso-group/package.json"), "utf8"));
  expect(Object.keys(manifest.exports)).toEqual([
    ".",
    "./emulator",
    "./plugin",
    "./internal/provider",
    "./package.json",
  ]);
});

describe("installed in a new Pulumi project", () => {
  let stack: TestStack;
  const env = () => ({ TURSO_API_BASEURL: emulator.url, TURSO_API_TOKEN: "demo-token", TURSO_ORGANIZATION: undefined });

  it("previews and applies against the emulator its package ships", async () => {
    stack = await harness.stack({ program: app, env: env() });
    const preview = await stack.preview();
    expect(preview.stdout).toMatch(/primary\s*: "fra"/);
    await stack.up();
    expect(await stack.outputs()).toEqual({ primary: "fra", locations: ["fra", "ams"] });
  });

  it("the README's try-it block, as written but for a free port, previews against the emulator it starts", async () => {
    const block = codeBlocks(readme).find((b) => b.lang === "sh" && b.code.includes("turso-api-emulator"));
    expect(block?.code).toContain("--port 8787");
    // A new stack, selected as the user's would be, so that the preview shows the outputs it would create.
    await harness.stack({ program: app, stack: "readme", env: {} });
    const port = await freePort();
    // As written but for the port, then the emulator it started is stopped (the README says how).
    const script = `${(block?.code ?? "").replaceAll("8787", String(port))}\nkill %1\n`;
    const r = await bash(script, app, {
      PULUMI_BACKEND_URL: `file://${harness.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase", // the harness's, which made the stack
      ...NO_TURSO_ENV,
    });
    expect([r.code, r.output]).toEqual([0, expect.stringMatching(/primary\s*: "fra"/)]);
    // The README's comments promise these values with the emulator's data.
    expect(readme).toContain('// "fra" with the emulator\'s data');
    expect(readme).toContain('// ["fra", "ams"] with the emulator\'s data');
  });

  it("keeps working after the project folder is moved", async () => {
    const moved = path.join(outside, "moved-app");
    renameSync(app, moved);
    const after = await harness.stack({ program: moved, env: env() });
    await after.refresh();
    await after.up();
    expect(await after.outputs()).toEqual({ primary: "fra", locations: ["fra", "ams"] });
    const state = readFileSync(after.stateFile(), "utf8");
    expect(state).not.toContain(outside);
    renameSync(moved, app);
  });
});

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Runs a shell block with `bash -e`, the environment's `undefined` entries removed. */
function bash(
  code: string,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  const full: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
  return runBash(["-e", "-c", code], cwd, full as NodeJS.ProcessEnv);
}

/** Runs the installed package's own `turso-api-emulator` command and waits for its ready line. */
function startInstalledEmulator(cwd: string): Promise<{ url: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(cwd, "node_modules/.bin/turso-api-emulator"), ["--port", "0"], { cwd });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/\S+)\n/.exec(out);
      if (match?.[1]) resolve({ url: match[1], stop: () => child.kill("SIGTERM") });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the emulator exited ${code}: ${out}`)));
  });
}
