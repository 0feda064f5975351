import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// scripts/release/check.js, which a release runs before it publishes anything: on this repository
// it passes; on copies of the files it reads, each broken one way, it fails naming the file. (It
// loads the compiled package, sdk/dist, which npm test's bootstrap builds.)
const REPO = path.resolve(__dirname, "../..");
const CHECK = path.join(REPO, "scripts", "release", "check.js");
const FILES = [
  "sdk/package.json",
  "sdk/schema",
  "sdk/README.md",
  "README.md",
  "CHANGELOG.md",
  "plugin-sdks",
  "scripts",
];
const scratch = mkdtempSync(path.join(tmpdir(), "turso-release-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function check(what: string, root = REPO, ...more: string[]): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, [CHECK, what, "--root", root, ...more], { encoding: "utf8" });
  return { code: r.status, output: r.stdout + r.stderr };
}

let copies = 0;
/** A copy of the files the checks read, with `file` edited. */
function broken(file: string, edit: (text: string) => string): string {
  const root = path.join(scratch, `copy-${++copies}`);
  for (const f of FILES) cpSync(path.join(REPO, f), path.join(root, f), { recursive: true });
  const target = path.join(root, file);
  const before = readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(target, after);
  return root;
}

it("passes on this repository: a real home, one version everywhere, a compatible schema", () => {
  const r = check("all");
  expect(r).toEqual({ code: 0, output: expect.stringMatching(/^ok {3}home: .*\nok {3}versions: .*\nok {3}schema: /) });
  expect(r.output).toContain("ok   versions: 0.2.0 everywhere");
});

it.each<[string, string, string, (t: string) => string, string]>([
  [
    "a placeholder home",
    "home",
    "sdk/package.json",
    (t) => t.replace(/github\.com\/pulumi-turso-group\//, "github.com/OWNER/"),
    'FAIL home: sdk/package.json: repository.url names the placeholder owner "OWNER"',
  ],
  [
    "a home that is not a GitHub repository",
    "home",
    "sdk/package.json",
    (t) => t.replace(/git\+https:\/\/github\.com\/[^"]*/, "https://example.invalid/pulumi-turso-group.git"),
    "FAIL home: sdk/package.json's repository.url must name a GitHub repository",
  ],
  [
    "an SDK that names another download URL",
    "home",
    "plugin-sdks/python/pulumi_turso_group/pulumi-plugin.json",
    (t) => t.replace(/github:\/\/[^"]*/, "github://api.github.com/someone/else"),
    "FAIL home: plugin-sdks/python/pulumi_turso_group/pulumi-plugin.json: server is",
  ],
  [
    "the Go SDK without its version",
    "versions",
    "plugin-sdks/go/tursogroup/pulumi-plugin.json",
    (t) => t.replace(/\s*"version": "[^"]*",/, ""),
    'FAIL versions: plugin-sdks/go/tursogroup/pulumi-plugin.json: version is undefined, expected "0.2.0"',
  ],
  [
    "a Python version that disagrees",
    "versions",
    "plugin-sdks/python/pyproject.toml",
    (t) => t.replace(/version = "0\.2\.0"/, 'version = "0.0.0"'),
    'FAIL versions: plugin-sdks/python/pyproject.toml: version is "0.0.0", expected "0.2.0"',
  ],
  [
    "a pom of another version",
    "versions",
    "plugin-sdks/java/pom.xml",
    (t) => t.replace("<version>0.2.0</version>", "<version>0.1.0</version>"),
    'FAIL versions: plugin-sdks/java/pom.xml: version is "0.1.0", expected "0.2.0"',
  ],
  [
    "a new npm version without regenerated SDKs",
    "versions",
    "sdk/package.json",
    (t) => t.replace('"version": "0.2.0"', '"version": "0.3.0"'),
    'FAIL versions: plugin-sdks/python/pulumi_turso_group/pulumi-plugin.json: version is "0.2.0", expected "0.3.0"',
  ],
  [
    "a CHANGELOG whose top entry is another version",
    "versions",
    "CHANGELOG.md",
    (t) => t.replace("## [0.2.0]", "## [0.2.1]"),
    'FAIL versions: CHANGELOG.md: the top entry is "0.2.1", expected "0.2.0"',
  ],
  [
    "a README naming another version",
    "versions",
    "README.md",
    (t) =>
      t.replace("pulumi plugin install resource turso-group 0.2.0", "pulumi plugin install resource turso-group 0.1.9"),
    'FAIL versions: README.md: "resource turso-group 0.1.9" is "0.1.9", expected "0.2.0"',
  ],
  [
    "a script that writes an archive's version",
    "versions",
    "scripts/plugin-tarball.sh",
    (t) => t.replace('name="pulumi-resource-turso-group-v$version', 'name="pulumi-resource-turso-group-v0.2.0'),
    'FAIL versions: scripts/plugin-tarball.sh: an archive name with a written version ("pulumi-resource-turso-group-v0…")',
  ],
  [
    "a breaking schema change in a patch version",
    "schema",
    "sdk/schema/released.schema.json",
    (t) => {
      const s = JSON.parse(t) as { functions: Record<string, unknown> };
      s.functions["turso-group:index:getDatabase"] = { inputs: { properties: {} }, outputs: { properties: {} } };
      return JSON.stringify(s);
    },
    "FAIL schema: the schema breaks programs written for 0.2.0 (sdk/schema/released.schema.json), and 0.2.0 is not a new major version:\n  function turso-group:index:getDatabase removed",
  ],
])("fails on %s", (_, what, file, edit, message) => {
  const r = check(what, broken(file, edit));
  expect(r.code).toBe(1);
  expect(r.output).toContain(message);
});

it("allows a breaking schema change in a new major version (0.2.0 after 0.1.0: the minor part below 1.0)", () => {
  const root = broken("sdk/schema/released.schema.json", (t) => t.replace('"version": "0.2.0"', '"version": "0.1.0"'));
  const released = JSON.parse(readFileSync(path.join(root, "sdk/schema/released.schema.json"), "utf8")) as {
    functions: Record<string, unknown>;
  };
  released.functions["turso-group:index:getDatabase"] = { inputs: { properties: {} }, outputs: { properties: {} } };
  writeFileSync(path.join(root, "sdk/schema/released.schema.json"), JSON.stringify(released));
  expect(check("schema", root)).toEqual({
    code: 0,
    output: "ok   schema: 1 breaking changes since 0.1.0, allowed in 0.2.0\n",
  });
});

it("npm derives the published homepage and bugs from repository.url (npm's own publish preparation)", async () => {
  // npm's own folder: the npm on PATH is bin/npm-cli.js of it, through a link.
  const bin = (process.env["PATH"] ?? "")
    .split(path.delimiter)
    .map((d) => path.join(d, "npm"))
    .find(existsSync);
  if (bin === undefined) throw new Error("no npm on PATH");
  const npm = path.dirname(path.dirname(realpathSync(bin)));
  const { prepare } = (await import(path.join(npm, "node_modules", "@npmcli", "package-json"))) as {
    prepare: (dir: string) => Promise<{ content: { homepage?: string; bugs?: { url?: string } } }>;
  };
  const { content } = await prepare(path.join(REPO, "sdk"));
  expect([content.homepage, content.bugs?.url]).toEqual([
    "https://github.com/pulumi-turso-group/pulumi-turso-group#readme",
    "https://github.com/pulumi-turso-group/pulumi-turso-group/issues",
  ]);
});
