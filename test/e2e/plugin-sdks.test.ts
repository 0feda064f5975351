import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { Harness, PROGRAMS, REPO } from "./harness";

jest.setTimeout(300_000);

// The SDKs checked in under plugin-sdks/ are what scripts/gen-sdk (built by `npm test` into the
// cache, on PATH as turso-group-gen-sdk) generates from the schema the plugin serves; the Go SDK
// compiles and vets against the Pulumi Go SDK from the Go module proxy; the Python SDK byte-compiles;
// the Java SDK parses with javac's parser (test/helpers/ParseJava.java: the Pulumi Java SDK it would
// compile against comes from Maven, which these machines cannot reach); a Go program of the Go SDK runs through the real Pulumi CLI and the stand-in Go language host
// (scripts/langhosts/go, on PATH as pulumi-language-go) against the emulator.
const SDKS = path.join(REPO, "plugin-sdks");
const LANGUAGES = ["python", "go", "dotnet", "java"] as const;
const scratch = mkdtempSync(path.join(tmpdir(), "turso-plugin-sdks-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.error) throw new Error(`cannot run ${command} (${r.error.message}): run the tests with npm test`);
  return r;
}

/** The schema as the plugin serves it, through the Pulumi CLI. */
function servedSchema(): string {
  return execFileSync("pulumi", ["package", "get-schema", "./sdk/plugin/pulumi-resource-turso-group"], {
    cwd: REPO,
    encoding: "utf8",
  });
}

/** Generates the SDKs of a schema into a new folder of the scratch folder. */
function generate(name: string, schema: string): string {
  const file = path.join(scratch, `${name}.json`);
  const out = path.join(scratch, name);
  writeFileSync(file, schema);
  const r = run("turso-group-gen-sdk", [file, out], REPO);
  if (r.status !== 0) throw new Error(`turso-group-gen-sdk failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return out;
}

/** Every file under a folder, by relative path, with its content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file, "latin1"));
  }
  return files;
}

/** The files of `actual` that differ from, are missing from or are extra to `expected`, per language. */
function drift(expected: string, actual: string): string[] {
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    const want = tree(path.join(actual, lang));
    const have = tree(path.join(expected, lang));
    for (const [name, content] of want) {
      if (!have.has(name)) problems.push(`${lang}/${name} is missing`);
      else if (have.get(name) !== content) problems.push(`${lang}/${name} differs`);
    }
    for (const name of have.keys()) if (!want.has(name)) problems.push(`${lang}/${name} is not generated any more`);
  }
  return problems;
}

describe("generated SDKs (plugin-sdks/)", () => {
  let generated: string;
  beforeAll(() => {
    generated = generate("current", servedSchema());
  });

  it("are exactly what the plugin's schema generates (else: npm run gen-sdk, and commit plugin-sdks/)", () => {
    const problems = drift(SDKS, generated);
    if (problems.length > 0)
      throw new Error(
        `plugin-sdks/ is not what scripts/gen-sdk generates from the plugin's schema: run \`npm run gen-sdk\` ` +
          `and commit plugin-sdks/.\n  ${problems.join("\n  ")}`,
      );
    expect(tree(path.join(SDKS, "go")).has("tursogroup/getGroup.go")).toBe(true);
  });

  it("the drift check is live: a changed description changes the generated getGroup of every language", () => {
    const schema = JSON.parse(servedSchema()) as {
      functions: Record<string, { inputs: { properties: Record<string, { description: string }> } }>;
    };
    const group = schema.functions["turso-group:index:getGroup"]?.inputs.properties["group"];
    if (!group) throw new Error("the schema has no getGroup argument `group`");
    group.description += " Drift-check marker.";
    expect(drift(SDKS, generate("changed", JSON.stringify(schema))).sort()).toEqual([
      "dotnet/GetGroup.cs differs",
      "go/tursogroup/getGroup.go differs",
      "java/src/main/java/com/pulumi/tursogroup/inputs/GetGroupArgs.java differs",
      "java/src/main/java/com/pulumi/tursogroup/inputs/GetGroupPlainArgs.java differs",
      "python/pulumi_turso_group/get_group.py differs",
    ]);
  });

  it("the Go SDK builds and vets against the Pulumi Go SDK from the Go module proxy, go.mod and go.sum as they are", () => {
    const env = { GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" };
    const dir = path.join(SDKS, "go");
    for (const args of [
      ["build", "./..."],
      ["vet", "./..."],
    ]) {
      const r = run("go", args, dir, env);
      expect({ command: `go ${args.join(" ")}`, code: r.status, output: r.stdout + r.stderr }).toEqual({
        command: `go ${args.join(" ")}`,
        code: 0,
        output: "",
      });
    }
  });

  it("the Python SDK byte-compiles (python3 -m compileall), and a syntax error would fail it", () => {
    const env = { PYTHONPYCACHEPREFIX: path.join(scratch, "pycache") };
    const ok = run("python3", ["-m", "compileall", "-q", path.join(SDKS, "python")], REPO, env);
    expect({ code: ok.status, output: ok.stdout + ok.stderr }).toEqual({ code: 0, output: "" });
    const broken = path.join(scratch, "broken");
    rmSync(broken, { recursive: true, force: true });
    execFileSync("cp", ["-r", path.join(SDKS, "python"), broken]);
    writeFileSync(path.join(broken, "pulumi_turso_group", "get_group.py"), "def get_group(:\n");
    const bad = run("python3", ["-m", "compileall", "-q", broken], REPO, env);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/get_group\.py/);
  });

  it("the Java SDK parses (javac's parser, imports unresolved), and a syntax error would fail it", () => {
    const parser = path.join(REPO, "test", "helpers", "ParseJava.java");
    const ok = run("java", [parser, path.join(SDKS, "java")], REPO);
    expect({ code: ok.status, output: ok.stdout + ok.stderr }).toEqual({ code: 0, output: "24 files parsed\n" });
    const broken = path.join(scratch, "broken-java");
    rmSync(broken, { recursive: true, force: true });
    execFileSync("cp", ["-r", path.join(SDKS, "java"), broken]);
    const functions = path.join(broken, "src/main/java/com/pulumi/tursogroup/TursogroupFunctions.java");
    writeFileSync(functions, "package com.pulumi.tursogroup;\npublic final class TursogroupFunctions { void ( }\n");
    const bad = run("java", [parser, broken], REPO);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/TursogroupFunctions\.java:\d+: /);
  });
});

describe("a Go program of the generated Go SDK (test/e2e/programs/plugin-go)", () => {
  const harness = new Harness("plugin-sdks-go");
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it("reads a group through GetGroup in preview and up, one request per invoke, the token in no output", async () => {
    const stack = await harness.stack(pluginStackOptions(path.join(PROGRAMS, "plugin-go"), emulator));
    const { outputs, printed } = await previewAndUpReadDefaultOnce(stack, emulator);
    expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"] });
    expect(printed).not.toContain("demo-token");
  });
});
