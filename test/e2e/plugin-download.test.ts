import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import {
  archiveName,
  COREUTILS,
  pathWithout,
  PLUGIN_DOWNLOAD_URL,
  pluginArchives,
  VERSION,
} from "../helpers/pluginArchives";
import { PYTHON_PROGRAM_REQUESTS, pythonProgramCopy, pythonVenv } from "../helpers/pythonProgram";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { codeBlocks } from "../helpers/markdown";
import { Harness, REPO } from "./harness";

jest.setTimeout(600_000);

// Pulumi installs the plugin by itself, with its own download code: the release archives
// (npm run plugin-archives) are served by a loopback HTTP server standing in for the repository's
// releases, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES maps the shipped pluginDownloadURL to it, the
// PULUMI_HOME is empty, automatic plugin acquisition is on and no Node.js is on PATH.
const harness = new Harness("plugin-download");
const platform = `linux-${process.arch === "x64" ? "amd64" : process.arch}`;
let archives: string;
let emulator: Emulator;
let server: http.Server;
let base: string;
const downloads: string[] = [];
let bin: string;

/** Pulumi's override of the shipped URL: `regexp=URL`, ${VERSION} filled in by the CLI. */
const overrides = (to: string): string => `^${PLUGIN_DOWNLOAD_URL.replace(/\./g, "\\.")}$=${base}/${to}`;

/** README.md's program naming the plugin by version and download URL (yaml block turso-downloaded-plugin). */
function program(dir: string): string {
  const block = codeBlocks(readFileSync(path.join(REPO, "README.md"), "utf8")).find(
    (b) => b.lang === "yaml" && /^name: turso-downloaded-plugin$/m.test(b.code),
  );
  if (!block) throw new Error("README.md has no yaml block with name: turso-downloaded-plugin");
  expect(block.code).toContain(`version: ${VERSION}\n`);
  expect(block.code).toContain(`pluginDownloadURL: ${PLUGIN_DOWNLOAD_URL}\n`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "Pulumi.yaml"), block.code);
  return dir;
}

/** The environment of a command that may download: an empty PULUMI_HOME of `name`, no node on PATH. */
function downloadEnv(name: string, to = "v${VERSION}"): Record<string, string | undefined> {
  const home = path.join(harness.dir, "homes", name);
  rmSync(home, { recursive: true, force: true });
  return {
    PATH: bin,
    PULUMI_HOME: home,
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
    PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: overrides(to),
  };
}

beforeAll(async () => {
  archives = pluginArchives(["linux-amd64", "linux-arm64"]);
  bin = pathWithout(path.join(harness.dir, "bin"), [
    "pulumi",
    "pulumi-language-yaml",
    "pulumi-language-python",
    ...COREUTILS,
  ]);
  emulator = await startEmulator();
  // The releases: /v<version>/<archive>, as GitHub lays out release assets.
  server = http.createServer((req, res) => {
    const match = /^\/v([^/]+)\/([^/]+)$/.exec(req.url ?? "");
    const file = match && match[1] === VERSION ? path.join(archives, decodeURIComponent(match[2]!)) : undefined;
    const found = file !== undefined && existsSync(file);
    downloads.push(`${req.method} ${req.url} ${found ? 200 : 404}`);
    if (!found) return void res.writeHead(404).end("not found");
    // With its length: Pulumi's download refuses a body of unannounced size ("expected -1 bytes").
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": "application/gzip", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emulator?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => (downloads.length = 0));

it("a YAML program's preview makes the CLI download and install the plugin once; preview and up read the group; a second up downloads nothing", async () => {
  const env = downloadEnv("program");
  const options = pluginStackOptions(program(path.join(harness.dir, "app")), emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, ...env } });
  const { outputs } = await previewAndUpReadDefaultOnce(stack, emulator);
  expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"] });
  const asset = `/v${VERSION}/${archiveName(platform)}`;
  expect(downloads).toEqual([`GET ${asset} 200`]);
  const installed = path.join(env["PULUMI_HOME"]!, "plugins", `resource-turso-group-v${VERSION}`);
  expect(existsSync(path.join(installed, "pulumi-resource-turso-group"))).toBe(true);
  await stack.up();
  expect(downloads).toEqual([`GET ${asset} 200`]);
});

it("a Python program (the SDK's wheel installed, no plugin path) makes the CLI download the plugin its pulumi-plugin.json names, once; preview and up read the group", async () => {
  const env = downloadEnv("python");
  const venv = pythonVenv(path.join(harness.dir, "venv"));
  const program = pythonProgramCopy(path.join(harness.dir, "app-python"), venv, undefined);
  const options = pluginStackOptions(program, emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, ...env } });
  const { outputs } = await previewAndUpReadDefaultOnce(stack, emulator, PYTHON_PROGRAM_REQUESTS);
  expect(outputs).toEqual(expect.objectContaining({ primary: "fra", locations: ["fra", "ams"] }));
  const asset = `/v${VERSION}/${archiveName(platform)}`;
  expect(downloads).toEqual([`GET ${asset} 200`]);
  await stack.up();
  expect(downloads).toEqual([`GET ${asset} 200`]);
});

it("a missing platform archive fails with Pulumi's message naming the URL it tried", async () => {
  const env = downloadEnv("missing", "nowhere");
  const options = pluginStackOptions(program(path.join(harness.dir, "app-missing")), emulator);
  const stack = await harness.stack({ ...options, env: { ...options.env, ...env } });
  emulator.clearRequests();
  const r = await stack.run(["preview"]);
  expect(r.code).not.toBe(0);
  expect(r.output).toContain(`404 HTTP error fetching plugin from ${base}/nowhere/${archiveName(platform)}`);
  // (The CLI tries more than once.)
  expect(new Set(downloads)).toEqual(new Set([`GET /nowhere/${archiveName(platform)} 404`]));
  expect(emulator.requests()).toEqual([]);
});

it("pulumi plugin install --checksum checks the archive against SHA256SUMS: the right sum installs, a wrong one fails with Pulumi's message", async () => {
  const sums = readFileSync(path.join(archives, "SHA256SUMS"), "utf8");
  const sum = new RegExp(`^([0-9a-f]{64})  ${archiveName(platform).replace(/\./g, "\\.")}$`, "m").exec(sums)?.[1];
  expect(sum).toBeDefined();
  // Asynchronous: the server answering the CLI runs in this process.
  const install = (checksum: string, home: string): Promise<{ code: number | null; output: string }> => {
    const env = { ...process.env, ...downloadEnv(home) };
    delete env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"];
    const args = ["plugin", "install", "resource", "turso-group", VERSION, "--server", PLUGIN_DOWNLOAD_URL];
    return new Promise((resolve) => {
      const child = spawn("pulumi", [...args, "--checksum", checksum], { env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d));
      child.stderr.on("data", (d: Buffer) => (output += d));
      child.on("close", (code) => resolve({ code, output }));
    });
  };
  const wrong = "0".repeat(64);
  const bad = await install(wrong, "bad-sum");
  expect(bad.code).not.toBe(0);
  expect(bad.output).toContain(`invalid checksum, expected ${wrong}, actual ${sum}`);
  const good = await install(sum!, "good-sum");
  expect(good.code).toBe(0);
  const ls = execFileSync("pulumi", ["plugin", "ls", "--json"], {
    env: { ...process.env, PULUMI_HOME: path.join(harness.dir, "homes", "good-sum") },
    encoding: "utf8",
  });
  expect((JSON.parse(ls) as { name: string; version: string }[]).map((p) => `${p.name} ${p.version}`)).toEqual([
    `turso-group ${VERSION}`,
  ]);
});
