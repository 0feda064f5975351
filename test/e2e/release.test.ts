import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO } from "./harness";

// `npm run release` (scripts/release/main.js), run once: every artifact is in dist/release/, in the
// table it prints with a sha256 that matches, and the Go module proxy folder it writes serves the Go
// SDK to `go get` before any tag exists. A piece that is missing fails here, never silently.
// Slow: the release builds every artifact (the plugin executables of five platforms, Maven, pip).
jest.setTimeout(60 * 60_000);

const OUT = path.join(REPO, "dist", "release");
const VERSION = (JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as { version: string })
  .version;
const MODULE = /^module (\S+)$/m.exec(readFileSync(path.join(REPO, "plugin-sdks", "go", "go.mod"), "utf8"))?.[1] ?? "";
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
const sha256 = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");

let release: { status: number | null; stdout: string; stderr: string; seconds: number };
let table: Map<string, { size: string; sha256: string }>;

beforeAll(() => {
  const started = Date.now();
  const r = spawnSync("npm", ["run", "--silent", "release"], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  release = { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - started) / 1000 };
  console.log(`npm run release: exit ${r.status} in ${release.seconds.toFixed(1)} s\n${r.stdout}`);
  table = new Map();
  for (const line of r.stdout.split("\n")) {
    const m = /^(\S+)\s+(\d+(?:\.\d)? (?:B|KiB|MiB|GiB))\s+([0-9a-f]{64})$/.exec(line);
    if (m?.[1] && m[2] && m[3]) table.set(m[1], { size: m[2], sha256: m[3] });
  }
});

it("passes every step (a step that fails names itself and why)", () => {
  const failed = release.stdout.split("\n").filter((l) => l.startsWith("FAILED"));
  expect(failed).toEqual([]);
  expect(release.stdout).toContain("7 of 7 steps passed");
  expect(release.status).toBe(0);
});

const escaped = MODULE.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
const name = `pulumi-resource-turso-group-v${VERSION}`;
const EXPECTED = [
  `npm/pulumi-turso-group-${VERSION}.tgz`,
  ...PLATFORMS.map((p) => `plugin/${name}-${p}.tar.gz`),
  "plugin/SHA256SUMS",
  `python/pulumi_turso_group-${VERSION}-py3-none-any.whl`,
  `python/pulumi_turso_group-${VERSION}.tar.gz`,
  `java/turso-group-${VERSION}.jar`,
  `java/turso-group-${VERSION}-sources.jar`,
  `java/turso-group-${VERSION}-javadoc.jar`,
  `java/turso-group-${VERSION}.pom`,
  "go/module/",
  "go/TAG",
  ...["list", `v${VERSION}.info`, `v${VERSION}.mod`, `v${VERSION}.zip`].map((f) => `go/proxy/${escaped}/@v/${f}`),
  "dotnet/project/",
  "dotnet/NOT-BUILT.txt",
];

it.each(EXPECTED)("writes %s and lists it in the table", (artifact) => {
  expect(existsSync(path.join(OUT, artifact))).toBe(true);
  expect(table.has(artifact)).toBe(true);
});

it("lists every file it wrote, each with the sha256 of its bytes; a folder with that of its sha256sum manifest", () => {
  const rows = [...table.keys()];
  expect(rows.length).toBeGreaterThan(0);
  const folders = rows.filter((r) => r.endsWith("/"));
  for (const row of rows) {
    const file = path.join(OUT, row);
    // The folder's manifest as coreutils prints it, independently of the release's own code.
    const hash = row.endsWith("/")
      ? sha256(execFileSync("bash", ["-c", "find . -type f | LC_ALL=C sort | xargs -d '\\n' sha256sum"], { cwd: file }))
      : sha256(readFileSync(file));
    expect({ row, sha256: table.get(row)?.sha256 }).toEqual({ row, sha256: hash });
  }
  const written = (readdirSync(OUT, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(OUT, path.join(e.parentPath, e.name)))
    .filter((f) => f !== "artifacts.json" && !folders.some((d) => f.startsWith(d)));
  expect(written.filter((f) => !table.has(f))).toEqual([]);
});

it("writes plugin/SHA256SUMS with a line per archive, and every line checks", () => {
  const sums = readFileSync(path.join(OUT, "plugin", "SHA256SUMS"), "utf8");
  expect(
    sums
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+\*?/)[1])
      .sort(),
  ).toEqual(PLATFORMS.map((p) => `${name}-${p}.tar.gz`).sort());
  execFileSync("sha256sum", ["--check", "--strict", "SHA256SUMS"], { cwd: path.join(OUT, "plugin"), stdio: "pipe" });
});

it("names the Go module's tag: the folder plugin-sdks/go, then v<version>", () => {
  expect(readFileSync(path.join(OUT, "go", "TAG"), "utf8")).toBe(`plugin-sdks/go/v${VERSION}\n`);
  expect(release.stdout).toContain(`Go module tag: plugin-sdks/go/v${VERSION}`);
  expect(readFileSync(path.join(OUT, "go", "module", "go.mod"), "utf8")).toBe(
    readFileSync(path.join(REPO, "plugin-sdks", "go", "go.mod"), "utf8"),
  );
});

it("packs the npm tarball with the package's version and its compiled plugin", () => {
  const listing = execFileSync("tar", ["-tzf", path.join(OUT, "npm", `pulumi-turso-group-${VERSION}.tgz`)], {
    encoding: "utf8",
  });
  expect(listing).toMatch(/^package\/package\.json$/m);
  expect(listing).toMatch(/^package\/dist\/plugin\/main\.js$/m);
});

it("the .NET project is the generated one, said to be unbuilt", () => {
  expect(readFileSync(path.join(OUT, "dotnet", "NOT-BUILT.txt"), "utf8")).toMatch(/^not built: no NuGet here/);
  expect(readFileSync(path.join(OUT, "dotnet", "project", "Pulumi.TursoGroup.csproj"), "utf8")).toBe(
    readFileSync(path.join(REPO, "plugin-sdks", "dotnet", "Pulumi.TursoGroup.csproj"), "utf8"),
  );
});

describe("the Go module proxy folder", () => {
  // The machine's module cache, where the release's go vet put the SDK's dependencies (and whose
  // compiled packages the build cache keeps); the SDK's own version is removed from it before and
  // after, so that go get takes it from the proxy folder, never from an earlier run.
  const modcache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  const app = path.join(tmpdir(), `turso-release-go-${process.pid}`);
  const go = (args: string[], env: Record<string, string>) =>
    spawnSync("go", args, { cwd: app, encoding: "utf8", env: { ...process.env, ...env } });
  const forget = () => {
    for (const dir of [
      path.join(modcache, `${escaped}@v${VERSION}`),
      path.join(modcache, "cache", "download", escaped),
    ]) {
      if (existsSync(dir)) execFileSync("chmod", ["-R", "u+w", dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  afterAll(() => {
    forget();
    rmSync(app, { recursive: true, force: true });
  });

  it("serves the Go SDK to go get <module>@v<version> and a program using it builds (GOPROXY=file://…,off)", () => {
    forget();
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    writeFileSync(path.join(app, "go.mod"), "module example.com/release-consumer\n\ngo 1.24\n");
    // The SDK's dependencies checked against the hashes its go.sum recorded from the checksum
    // database (which this machine does not reach); the SDK itself is in no checksum database yet.
    writeFileSync(path.join(app, "go.sum"), readFileSync(path.join(REPO, "plugin-sdks", "go", "go.sum")));
    writeFileSync(
      path.join(app, "main.go"),
      [
        "package main",
        "",
        "import (",
        '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
        "",
        `\t"${MODULE}/tursogroup"`,
        ")",
        "",
        "func main() {",
        "\tpulumi.Run(func(ctx *pulumi.Context) error {",
        '\t\t_, err := tursogroup.NewProvider(ctx, "turso-group", &tursogroup.ProviderArgs{})',
        "\t\treturn err",
        "\t})",
        "}",
        "",
        "var _ = tursogroup.GetGroup",
        "",
      ].join("\n"),
    );
    const env = {
      GOPROXY: `file://${path.join(OUT, "go", "proxy")},off`,
      GOFLAGS: "-mod=mod -modcacherw",
      GONOSUMDB: MODULE,
      GOTOOLCHAIN: "local",
    };
    const get = go(["get", `${MODULE}@v${VERSION}`], env);
    expect({ status: get.status, stderr: get.stderr }).toEqual({
      status: 0,
      stderr: expect.stringContaining(`go: added ${MODULE} v${VERSION}`),
    });
    const started = Date.now();
    const build = go(["build", "-o", "consumer", "."], env);
    console.log(`go build of the consumer: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const said = build.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("go: downloading "));
    expect({ status: build.status, said }).toEqual({ status: 0, said: [] });
    expect(existsSync(path.join(app, "consumer"))).toBe(true);
    // go get recorded the hashes the release printed for this version (dist/release/go/go.sum).
    const recorded = readFileSync(path.join(app, "go.sum"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith(`${MODULE} `));
    expect(recorded.sort()).toEqual(
      readFileSync(path.join(OUT, "go", "go.sum"), "utf8")
        .trim()
        .split("\n")
        .sort(),
    );
  });
});

it("bundles the Java artifacts for Maven Central: the layout, checksums and signatures verify (a throw-away key)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "turso-release-maven-"));
  try {
    const gnupg = path.join(dir, "gnupg");
    mkdirSync(gnupg, { mode: 0o700 });
    const env = { ...process.env, GNUPGHOME: gnupg };
    execFileSync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "release test", "ed25519", "sign", "1d"], {
      env,
      stdio: "pipe",
    });
    const zip = path.join(dir, "bundle.zip");
    execFileSync(
      "bash",
      [path.join(REPO, "scripts", "release", "maven-bundle.sh"), "bundle", path.join(OUT, "java"), zip],
      {
        env,
        stdio: "pipe",
      },
    );
    execFileSync("unzip", ["-q", zip, "-d", path.join(dir, "x")]);
    const pom = readFileSync(path.join(OUT, "java", `turso-group-${VERSION}.pom`), "utf8");
    const group = /<groupId>([^<]+)<\/groupId>/.exec(pom)?.[1] ?? "";
    const into = path.join(dir, "x", ...group.split("."), "turso-group", VERSION);
    for (const f of [".jar", "-sources.jar", "-javadoc.jar", ".pom"].map((s) => `turso-group-${VERSION}${s}`)) {
      const data = readFileSync(path.join(into, f));
      expect(readFileSync(path.join(into, `${f}.sha1`), "utf8")).toBe(createHash("sha1").update(data).digest("hex"));
      expect(readFileSync(path.join(into, `${f}.md5`), "utf8")).toBe(createHash("md5").update(data).digest("hex"));
      execFileSync("gpg", ["--batch", "--verify", path.join(into, `${f}.asc`), path.join(into, f)], {
        env,
        stdio: "pipe",
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
