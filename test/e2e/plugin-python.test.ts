import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, REPO, type StackOptions, type TestStack } from "./harness";

jest.setTimeout(600_000);

// A `runtime: python` program (test/e2e/programs/plugin-python) of the generated Python SDK through
// the real CLI and the stand-in Python language host (scripts/langhosts/python, on PATH as
// pulumi-language-python; `npm test` builds it). The SDK is installed as the wheel that
// scripts/build-python.sh builds, Pulumi's Python SDK from PyPI (pip's cache under
// $TURSO_PULUMI_CACHE/python/pip), into a virtualenv that `pulumi install` makes under .e2e/ (the
// program's `virtualenv` option names it). pyright (from the npm registry) checks examples/python
// against that virtualenv.
const harness = new Harness("plugin-python");
const emulator = suiteEmulator();
const PROGRAM = path.join(PROGRAMS, "plugin-python");
const VENV = path.join(harness.dir, "venv");
const VERSION = (JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as { version: string })
  .version;
const figure = (line: string): void => appendFileSync(path.join(harness.dir, "figures.md"), `${line}\n`);
const options = (stack: string, config: Record<string, string> = {}): StackOptions => ({
  program: PROGRAM,
  stack,
  config,
  secrets: { "turso-group:apiToken": ALICE },
  env: { TURSO_API_TOKEN: undefined, TURSO_ORGANIZATION: undefined, TURSO_API_BASEURL: emulator.url },
});

interface Ran {
  code: number;
  output: string;
  ms: number;
}

/** Runs a command (not through a shell) with the harness's backend, and its output and time. */
function run(command: string, args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...harness.backendEnv(), ...env } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (err) =>
      reject(new Error(`cannot run ${command} (${err.message}): run the tests with npm test`)),
    );
    child.on("close", (code) =>
      resolve({ code: code ?? -1, output: stripVTControlCharacters(output), ms: Date.now() - started }),
    );
  });
}

async function ok(command: string, args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const r = await run(command, args, cwd, env);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.code}:\n${r.output}`);
  return r;
}

let wheel: string;
let sdist: string;
let built: Ran;

beforeAll(async () => {
  if (!process.env["PIP_FIND_LINKS"]?.includes("python/wheels"))
    throw new Error("no wheelhouse in PIP_FIND_LINKS: run the tests with npm test, whose set-up fills it");
  built = await ok("bash", [path.join(REPO, "scripts", "build-python.sh"), path.join(harness.dir, "dist")]);
  [wheel = "", sdist = ""] = built.output.split("\n").filter((l) => l.startsWith(harness.dir));
  figure(`build-python.sh (wheel, sdist, twine check): ${built.ms} ms`);
  // The host's InstallDependencies: the virtualenv and requirements.txt (Pulumi's SDK from PyPI).
  // Pulumi's Python SDK and its dependencies come from the wheelhouse that npm test's set-up filled
  // from PyPI (scripts/lib.sh: ensure_python_wheels, PIP_FIND_LINKS), with no index asked: the same
  // wheels, without downloading them again (the PyPI proxy here lets pip's HTTP cache keep nothing).
  const install = await ok("pulumi", ["install", "--no-plugins"], PROGRAM, { PIP_NO_INDEX: "1" });
  figure(`pulumi install (virtualenv, pulumi from PyPI): ${install.ms} ms`);
  const pip = await ok(path.join(VENV, "bin", "python"), ["-m", "pip", "install", "--quiet", wheel]);
  figure(`pip install of the wheel: ${pip.ms} ms`);
});

it("the wheel and sdist have the npm package's version and pass twine check; the program pins toolchain.env's Pulumi SDK", async () => {
  expect([path.basename(wheel), path.basename(sdist)]).toEqual([
    `pulumi_turso_group-${VERSION}-py3-none-any.whl`,
    `pulumi_turso_group-${VERSION}.tar.gz`,
  ]);
  expect(built.output.match(/^Checking .*: PASSED$/gm)).toHaveLength(2);
  const pinned = /^PYTHON_PULUMI_VERSION=(\S+)$/m.exec(readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8"));
  expect(readFileSync(path.join(PROGRAM, "requirements.txt"), "utf8")).toMatch(
    new RegExp(`^pulumi==${(pinned?.[1] ?? "none").replace(/\./g, "\\.")}$`, "m"),
  );
  // Installed from the wheel, not from the source folder: pip records where it came from.
  const show = await ok(path.join(VENV, "bin", "python"), ["-m", "pip", "show", "-f", "pulumi-turso-group"]);
  expect(show.output).toContain(`Version: ${VERSION}`);
  expect(show.output).toContain("pulumi_turso_group/pulumi-plugin.json");
  expect(show.output).toContain(`Location: ${path.join(VENV, "lib")}`);
});

describe("a Python program of the generated SDK", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await harness.stack(options("dev"));
  });

  it("reads in preview and up with one request per invoke; primary goes into a component's input", async () => {
    const preview = await stack.cli(["preview"]);
    expect(preview.output).toMatch(/primary\s*: "fra"/);
    expect([...emulator.gets()].sort()).toEqual([
      "GET /v1/groups 200",
      "GET /v1/groups/default 200",
      "GET /v1/locations 200",
    ]);
    figure(`plugin-python preview: ${preview.ms} ms`);

    emulator.clearRequests();
    const up = await stack.up();
    expect([...emulator.gets()].sort()).toEqual([
      "GET /v1/groups 200",
      "GET /v1/groups/default 200",
      "GET /v1/locations 200",
    ]);
    figure(`plugin-python up: ${up.ms} ms`);
    expect(await stack.outputs()).toEqual({
      primary: "fra",
      locations: ["fra", "ams"],
      groups: ["default"],
      locationCount: 43,
    });
    const placement = (await stack.resources()).find((r) => r.type === "e2e:index:Placement") as
      { inputs?: Record<string, unknown> } | undefined;
    expect(placement?.inputs).toEqual({ primary: "fra" });
    expect(preview.output + up.output).not.toContain(ALICE);
  });

  it("pulumi about names the plugin that the wheel's pulumi-plugin.json asks for (GetRequiredPackages)", async () => {
    const about = JSON.parse((await stack.cli(["about", "--output", "json"])).stdout) as {
      plugins: { name: string; version: string }[];
    };
    expect(about.plugins).toContainEqual(expect.objectContaining({ name: "turso-group", version: VERSION }));
    expect(about.plugins).toContainEqual(expect.objectContaining({ name: "python" }));
  });

  it("refresh and destroy make no request and leave no resource", async () => {
    emulator.clearRequests();
    await stack.refresh();
    await stack.destroy();
    expect(emulator.gets()).toEqual([]);
    expect(await stack.resources()).toEqual([]);
  });
});

it("a secret argument makes the results secret: nothing of them in clear in stack export", async () => {
  const stack = await harness.stack(options("secret", { secretOrg: "acme" }));
  await stack.up();
  const outputs = await stack.outputs();
  expect([outputs["secretPrimary"], outputs["secretLocations"]]).toEqual(["[secret]", "[secret]"]);
  const shown = JSON.parse((await stack.cli(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<
    string,
    unknown
  >;
  expect([shown["secretPrimary"], shown["secretLocations"]]).toEqual([
    "aws-eu-west-1",
    ["aws-eu-west-1", "aws-us-east-1"],
  ]);
  const exported = (await stack.cli(["stack", "export"])).stdout;
  for (const clear of ["aws-eu-west-1", "aws-us-east-1", "acme"]) expect(exported).not.toContain(clear);
});

it("a wrong group fails the preview in seconds with the package's message", async () => {
  // Names shown (the plugin hides every argument's name by default: plugin-secrets.test.ts).
  const stack = await harness.stack(options("wrong", { group: "nope", "turso-group:showNames": "true" }));
  const failed = await stack.run(["preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain(
    'Group "nope" was not found in your personal account (404: group not found). List your groups with "turso group list"',
  );
  expect(emulator.gets()).toContain("GET /v1/groups/nope 404");
  // Before it, Pulumi's runner prints a traceback (the stand-in's exec.py does as Pulumi's
  // pulumi-language-python-exec does): of the SDK's frames only, none of this package's.
  expect(failed.output).toContain("Program failed with an unhandled exception:");
  expect(failed.output).not.toMatch(/File ".*pulumi_turso_group/);
  figure(`plugin-python wrong group: failed in ${failed.ms} ms`);
  expect(failed.ms).toBeLessThan(60_000);
});

// pyright's strict mode (it has no --strict flag): examples/python/pyrightconfig.json sets
// typeCheckingMode "strict", and the file of the failing case says `# pyright: strict`.
describe("pyright, strict", () => {
  const pyright = (...args: string[]): Promise<Ran> =>
    run("pyright", ["--pythonpath", path.join(VENV, "bin", "python"), ...args]);

  it("passes on examples/python with the installed wheel", async () => {
    const r = await pyright("--outputjson", "-p", path.join(REPO, "examples", "python", "pyrightconfig.json"));
    figure(`pyright (strict) examples/python: ${r.ms} ms`);
    const report = JSON.parse(r.output) as { generalDiagnostics: unknown[]; summary: { filesAnalyzed: number } };
    // What it checked: __main__.py, with no finding.
    expect({ code: r.code, diagnostics: report.generalDiagnostics, files: report.summary.filesAnalyzed }).toEqual({
      code: 0,
      diagnostics: [],
      files: 1,
    });
  });

  it("the host's exec.py and the test's program check too (pyright's default mode)", async () => {
    const r = await pyright(path.join(REPO, "scripts/langhosts/python/exec.py"), path.join(PROGRAM, "__main__.py"));
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringContaining("0 errors") });
  });

  it("fails on a program that passes a number as the group", async () => {
    // Outside .e2e/: pyright leaves out every path with a folder whose name starts with a dot.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "turso-pyright-")), "wrong_type.py");
    writeFileSync(
      file,
      "# pyright: strict\nimport pulumi_turso_group as turso_group\n\nturso_group.get_group_output(group=1)\n",
    );
    const r = await pyright(file);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/wrong_type\.py:4:\d+ - error: Argument of type "Literal\[1\]"/);
    rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
