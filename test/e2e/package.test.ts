import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Harness, REPO, type TestStack } from "./harness";

jest.setTimeout(300_000);

// A stranger's project: a new folder outside the repository, the packed tarball installed with npm.
const harness = new Harness("package");
const outside = path.join(tmpdir(), `turso-package-test-${process.pid}`);
const app = path.join(outside, "app");
let tarball: string;
let emulator: { url: string; stop(): void };

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(async () => {
  rmSync(outside, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  npm(["pack", "--workspace", "sdk", "--pack-destination", outside, "--loglevel=error"], REPO);
  tarball = path.join(outside, readdirSync(outside).find((f) => f.endsWith(".tgz")) ?? "");
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({
      name: "stranger-app",
      private: true,
      main: "index.js",
      dependencies: { "@pulumi/pulumi": "3.270.0", "pulumi-turso-group": `file:${tarball}` },
    }),
  );
  writeFileSync(path.join(app, "Pulumi.yaml"), "name: stranger-app\nruntime: nodejs\n");
  writeFileSync(
    path.join(app, "index.js"),
    [
      'const { getGroupOutput } = require("pulumi-turso-group");',
      'const group = getGroupOutput({ group: "default" });',
      "exports.primary = group.primary;",
      "exports.locations = group.locations;",
      "",
    ].join("\n"),
  );
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
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
    "dist/provider/runtime.js",
    "package.json",
  ]) {
    expect(files).toContain(`package/${f}`);
  }
  expect(files.filter((f) => /test|examples|\.e2e|tsbuildinfo/.test(f))).toEqual([]);
  const manifest = JSON.parse(readFileSync(path.join(app, "node_modules/pulumi-turso-group/package.json"), "utf8"));
  expect(Object.keys(manifest.exports)).toEqual([".", "./emulator", "./internal/provider", "./package.json"]);
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
