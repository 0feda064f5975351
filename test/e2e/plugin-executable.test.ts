import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { archiveName, COREUTILS, pathWithout, pluginArchives, unpack, VERSION } from "../helpers/pluginArchives";
import { previewCtrlCOnceConnected, stalledApi } from "../helpers/stalled";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { PYTHON_PROGRAM_REQUESTS, pythonProgramCopy, pythonVenv } from "../helpers/pythonProgram";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { Harness, NO_TURSO_ENV, PROGRAMS, REPO } from "./harness";

jest.setTimeout(600_000);

// The standalone plugin executable (npm run plugin-archives: Node.js's single executable
// applications, docs/plugin-executable.md), run by the real CLI with NO Node.js on PATH: the PATH
// of every command here is a folder of symlinks to the CLI, the language hosts and coreutils.
// linux-amd64 runs end to end (YAML, Go and Python programs); linux-arm64 answers GetSchema under qemu-aarch64-static.
const harness = new Harness("plugin-executable");
let emulator: Emulator;
const programs = path.join(harness.dir, "programs");
let archives: string;
let plugin: string;
let bin: string;

/**
 * A copy of a program folder, at the depth of test/e2e/programs/* (its relative paths still hold),
 * whose Pulumi.yaml runs the executable in `plugin` instead of the Node-launched sdk/plugin.
 */
function programCopy(source: string, name: string): string {
  const dir = path.join(programs, name);
  // The program's own files only: not its README (which shows a demo token), state or packages.
  const own = (f: string): boolean => !/node_modules|README\.md$|Pulumi\.[^/]+\.yaml$/.test(f);
  cpSync(source, dir, { recursive: true, filter: own });
  const yaml = readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  const rewritten = yaml.replace(/^(\s+path:) .*$/m, `$1 ${plugin}`);
  if (rewritten === yaml) throw new Error(`${source}/Pulumi.yaml names no plugin path`);
  writeFileSync(path.join(dir, "Pulumi.yaml"), rewritten);
  return dir;
}

beforeAll(async () => {
  emulator = await startEmulator();
  archives = pluginArchives(["linux-amd64", "linux-arm64"]);
  plugin = unpack(path.join(archives, archiveName("linux-amd64")), path.join(harness.dir, "linux-amd64"));
  unpack(path.join(archives, archiveName("linux-arm64")), path.join(harness.dir, "linux-arm64"));
  bin = pathWithout(path.join(harness.dir, "bin"), [
    "pulumi",
    "pulumi-language-yaml",
    "pulumi-language-go",
    "go",
    "pulumi-language-python",
    ...COREUTILS,
  ]);
});

afterAll(() => emulator?.stop());

it("the linux-amd64 archive holds the executable at its top level, beside the licenses (its and Node.js's)", () => {
  const listing = execFileSync("tar", ["-tvzf", path.join(archives, archiveName("linux-amd64"))], { encoding: "utf8" });
  const entries = listing.trim().split("\n");
  expect(entries.map((l) => l.split(/\s+/).pop())).toEqual(["LICENSE", "LICENSE.node", "pulumi-resource-turso-group"]);
  expect(entries[2]).toMatch(/^-rwxr-xr-x /);
  const sums = readFileSync(path.join(archives, "SHA256SUMS"), "utf8");
  const sha = execFileSync("sha256sum", [archiveName("linux-amd64")], { cwd: archives, encoding: "utf8" });
  expect(sums).toContain(sha);
});

it("a YAML program (examples/yaml) reads a group in preview and up, one request per invoke, with no node on PATH", async () => {
  const program = programCopy(path.join(REPO, "examples", "yaml"), "yaml");
  const options = pluginStackOptions(program, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, PATH: bin } });
  const { outputs } = await previewAndUpReadDefaultOnce(stack, emulator);
  expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"], primaryCloud: "fly" });
});

it("the Go program of the generated SDK (test/e2e/programs/plugin-go) reads a group in preview and up, with no node on PATH", async () => {
  const program = programCopy(path.join(PROGRAMS, "plugin-go"), "plugin-go");
  const options = pluginStackOptions(program, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, PATH: bin } });
  const { outputs, printed } = await previewAndUpReadDefaultOnce(stack, emulator);
  expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"] });
  expect(printed).not.toContain("demo-token");
});

it("the Python program of the generated SDK (its wheel installed) reads a group in preview and up, with no node on PATH", async () => {
  const venv = pythonVenv(path.join(harness.dir, "venv"));
  const program = pythonProgramCopy(path.join(programs, "plugin-python"), venv, plugin);
  const options = pluginStackOptions(program, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, PATH: bin } });
  const { outputs } = await previewAndUpReadDefaultOnce(stack, emulator, PYTHON_PROGRAM_REQUESTS);
  expect(outputs).toEqual(expect.objectContaining({ primary: "fra", locations: ["fra", "ams"] }));
  const placement = (await stack.resources()).find((r) => r.type === "e2e:index:Placement") as
    { inputs?: Record<string, unknown> } | undefined;
  expect(placement?.inputs).toEqual({ primary: "fra" });
});

it("a Ctrl-C during a stalled invoke ends the preview within 5 s, saying the lookup was cancelled", async () => {
  const api = await stalledApi();
  try {
    const stack = await harness.stack({
      program: programCopy(path.join(PROGRAMS, "plugin-yaml"), "plugin-yaml"),
      stack: "stalled",
      config: { "turso-group:apiBaseUrl": api.url },
      secrets: { "turso-group:apiToken": ALICE },
      env: { ...NO_TURSO_ENV, PATH: bin },
    });
    const { result, interruptedAt, afterCtrlC } = await previewCtrlCOnceConnected(stack, api);
    expect(interruptedAt).toBeGreaterThan(0);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/was cancelled \(Ctrl-C\)/);
    expect(afterCtrlC).toBeLessThan(5_000);
    appendFileSync(path.join(harness.dir, "figures.md"), `Ctrl-C to the end of the preview: ${afterCtrlC} ms\n`);
  } finally {
    await api.close();
  }
});

it("the linux-arm64 executable answers GetSchema under qemu-aarch64-static", () => {
  const arm64 = path.join(harness.dir, "linux-arm64");
  const wrapper = path.join(harness.dir, "arm64-under-qemu");
  mkdirSync(wrapper, { recursive: true });
  // qemu runs the aarch64 executable; -L: the aarch64 glibc and libstdc++ (Debian's *-arm64-cross).
  writeFileSync(
    path.join(wrapper, "pulumi-resource-turso-group"),
    `#!/bin/sh\nexec qemu-aarch64-static -L /usr/aarch64-linux-gnu "${arm64}/pulumi-resource-turso-group" "$@"\n`,
    { mode: 0o755 },
  );
  const qemuBin = pathWithout(path.join(harness.dir, "qemu-bin"), ["pulumi", "qemu-aarch64-static", ...COREUTILS]);
  const schema = JSON.parse(
    execFileSync("pulumi", ["package", "get-schema", path.join(wrapper, "pulumi-resource-turso-group")], {
      cwd: harness.dir,
      env: { ...process.env, PATH: qemuBin },
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    }),
  ) as { name: string; version: string; functions: Record<string, unknown> };
  expect(schema.name).toBe("turso-group");
  expect(schema.version).toBe(VERSION);
  expect(Object.keys(schema.functions)).toContain("turso-group:index:getGroup");
});
