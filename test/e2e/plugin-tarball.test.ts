import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { codeBlocks } from "../helpers/markdown";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { Harness, REPO } from "./harness";

jest.setTimeout(300_000);

// The plugin as `pulumi plugin install resource turso-group VERSION --file TARBALL` installs it:
// scripts/plugin-tarball.sh (npm run plugin-tarball) builds the tarball into a folder outside the
// repository, the project's CLI installs it into a PULUMI_HOME of its own, and a Pulumi YAML
// program in another folder, with no node_modules and no plugins.providers path, finds it there by
// name and version.
const harness = new Harness("plugin-tarball");
const outside = path.join(tmpdir(), `turso-plugin-tarball-test-${process.pid}`);
const home = path.join(outside, "pulumi-home");
const app = path.join(outside, "app");
const version = (JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as { version: string })
  .version;
const arch = process.arch === "x64" ? "amd64" : process.arch;
let tarball: string;
let listing: string;
let emulator: Emulator;

/** README.md's program for the installed plugin: its yaml block named turso-installed-plugin. */
function readmeProgram(): string {
  const block = codeBlocks(readFileSync(path.join(REPO, "README.md"), "utf8")).find(
    (b) => b.lang === "yaml" && /^name: turso-installed-plugin$/m.test(b.code),
  );
  if (!block) throw new Error("README.md has no yaml block with name: turso-installed-plugin");
  return block.code;
}

beforeAll(async () => {
  rmSync(outside, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  writeFileSync(path.join(app, "Pulumi.yaml"), readmeProgram());
  tarball = execFileSync("bash", [path.join(REPO, "scripts", "plugin-tarball.sh"), path.join(outside, "out")], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  listing = execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
  rmSync(outside, { recursive: true, force: true });
});

it("is named as Pulumi names plugin archives and holds the launcher at the top, the package and its production dependencies", () => {
  expect(path.basename(tarball)).toBe(`pulumi-resource-turso-group-v${version}-${process.platform}-${arch}.tar.gz`);
  expect(listing).toMatch(/^-rwxr-xr-x .* pulumi-resource-turso-group$/m);
  expect(listing).toMatch(/^-rwxr-xr-x .* node_modules\/pulumi-turso-group\/plugin\/pulumi-resource-turso-group$/m);
  expect(listing).toMatch(/ node_modules\/pulumi-turso-group\/dist\/plugin\/main\.js$/m);
  expect(listing).toMatch(/ node_modules\/@pulumi\/pulumi\/provider\/index\.js$/m);
  expect(listing).toMatch(/ node_modules\/axios\/package\.json$/m);
  // None of this repository's dev dependencies (@pulumi/pulumi itself depends on some @types), and
  // only what Pulumi's unpacker takes: files, folders and symlinks.
  expect(listing).not.toMatch(/ node_modules\/(typescript|jest|ts-jest|eslint|prettier|typedoc|fast-check)\//);
  expect(listing.split("\n").filter((l) => l !== "" && !/^[-dl]/.test(l))).toEqual([]);
  expect(statSync(tarball).size).toBeLessThan(20 * 1024 * 1024);
});

it("README's program names no plugin path and pins the package's version (README's commands name it too)", () => {
  const program = readmeProgram();
  expect(program).not.toMatch(/^plugins:/m);
  expect(program).toMatch(new RegExp(`^ +version: ${version.replace(/\./g, "\\.")} `, "m"));
  const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
  expect(readme).toContain(
    `pulumi plugin install resource turso-group ${version} --file dist/pulumi-resource-turso-group-v${version}-linux-amd64.tar.gz`,
  );
});

it("installs with pulumi plugin install into a PULUMI_HOME, and a YAML program without a plugin path reads a group in preview and up, one request per invoke", async () => {
  execFileSync("pulumi", ["plugin", "install", "resource", "turso-group", version, "--file", tarball], {
    env: { ...process.env, PULUMI_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const installed = JSON.parse(
    execFileSync("pulumi", ["plugin", "ls", "--json"], {
      env: { ...process.env, PULUMI_HOME: home },
      encoding: "utf8",
    }),
  ) as { name: string; kind: string; version: string }[];
  expect(installed.map((p) => `${p.kind} ${p.name} ${p.version}`)).toEqual([`resource turso-group ${version}`]);

  const options = pluginStackOptions(app, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, PULUMI_HOME: home } });
  expect((await previewAndUpReadDefaultOnce(stack, emulator)).outputs).toEqual({
    primary: "fra",
    locations: ["fra", "ams"],
  });
});

it("the program finds the plugin only there: with a PULUMI_HOME where it is not installed, the invoke fails naming the version", async () => {
  const empty = path.join(outside, "empty-home");
  const stack = await harness.stack({ ...pluginStackOptions(app, emulator), stack: "nohome" });
  emulator.clearRequests();
  const r = await stack.run(["preview"], { PULUMI_HOME: empty });
  expect(r.output).toContain(
    `no resource plugin 'pulumi-resource-turso-group' found in the workspace at version v${version} or on your $PATH`,
  );
  expect(emulator.requests()).toEqual([]);
});
