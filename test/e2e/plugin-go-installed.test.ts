import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, createReadStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { goModulePath, homeOf } from "../../sdk/src/plugin/home";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { Harness, PROGRAMS, REPO } from "./harness";

jest.setTimeout(300_000);

// The Go case of a user who installs things (issue 32): a Go program of the generated SDK
// (test/e2e/programs/plugin-go, copied outside the repository, its go.mod replacing the SDK's module
// by plugin-sdks/go) with NO plugins.providers entry, run through the stand-in Go host
// (scripts/langhosts/go), which answers GetRequiredPackages as Pulumi's Go host does: from the
// SDK's pulumi-plugin.json. The SDK states the schema's version and download URL there, so the
// engine asks for turso-group 0.2.0 (not v0.0.0, the version of a replaced module) from the
// project's GitHub releases.
const harness = new Harness("plugin-go-installed");
const outside = path.join(tmpdir(), `turso-plugin-go-installed-${process.pid}`);
const app = path.join(outside, "app");
const manifest = JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as {
  version: string;
  repository: { url: string };
};
const version = manifest.version;
const home = homeOf(manifest.repository.url);
const SDK_MODULE = goModulePath(home, version);
const run = promisify(execFile);
let tarball: string;
let emulator: Emulator;

/** PULUMI_HOME and the CLI's other variables for a command outside the harness. */
function cliEnv(pulumiHome: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...harness.backendEnv(), PULUMI_HOME: pulumiHome, ...more };
  delete env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"];
  return env;
}

beforeAll(async () => {
  rmSync(outside, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  for (const file of ["main.go", "go.mod", "go.sum"]) {
    copyFileSync(path.join(PROGRAMS, "plugin-go", file), path.join(app, file));
  }
  execFileSync("go", ["mod", "edit", `-replace=${SDK_MODULE}=${path.join(REPO, "plugin-sdks", "go")}`], { cwd: app });
  writeFileSync(path.join(app, "Pulumi.yaml"), "name: go-installed\nruntime: go\n");
  tarball = execFileSync("bash", [path.join(REPO, "scripts", "plugin-tarball.sh"), path.join(outside, "out")], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
  rmSync(outside, { recursive: true, force: true });
});

it("the program names no plugin path, and its go.mod gives the SDK no version (v0.0.0, replaced by a folder)", () => {
  expect(readFileSync(path.join(app, "Pulumi.yaml"), "utf8")).not.toMatch(/plugins/);
  expect(readFileSync(path.join(app, "go.mod"), "utf8")).toMatch(new RegExp(`^\\t${SDK_MODULE} v0\\.0\\.0$`, "m"));
});

it("with the plugin installed by pulumi plugin install into an empty PULUMI_HOME, GetGroup reads a group in preview and up", async () => {
  const pulumiHome = path.join(outside, "home-installed");
  execFileSync("pulumi", ["plugin", "install", "resource", "turso-group", version, "--file", tarball], {
    env: cliEnv(pulumiHome),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const options = pluginStackOptions(app, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, PULUMI_HOME: pulumiHome } });
  const { outputs, printed } = await previewAndUpReadDefaultOnce(stack, emulator);
  expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"] });
  expect(printed).not.toContain("v0.0.0");
});

it("pulumi install fetches the plugin the SDK names: turso-group at the schema's version, from its pluginDownloadURL", async () => {
  // The release's archive served on loopback, where PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES sends the
  // SDK's github://api.github.com/pulumi-turso-group/pulumi-turso-group.
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url !== `/${path.basename(tarball)}`) return void res.writeHead(404).end();
    res.writeHead(200, { "content-length": statSync(tarball).size });
    createReadStream(tarball).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const pulumiHome = path.join(outside, "home-downloaded");
  try {
    const { port } = server.address() as AddressInfo;
    const override = `^${home.pluginDownloadURL.replace(/\./g, "\\.")}=http://127.0.0.1:${port}/`;
    await run("pulumi", ["install"], {
      cwd: app,
      env: cliEnv(pulumiHome, { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: override }),
    });
  } finally {
    server.close();
  }
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  expect(requests).toEqual([`GET /pulumi-resource-turso-group-v${version}-${process.platform}-${arch}.tar.gz`]);
  const installed = JSON.parse(
    execFileSync("pulumi", ["plugin", "ls", "--json"], { env: cliEnv(pulumiHome), encoding: "utf8" }),
  ) as { name: string; kind: string; version: string }[];
  expect(installed.map((p) => `${p.kind} ${p.name} ${p.version}`)).toEqual([`resource turso-group ${version}`]);
});
