import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { writeTool } from "../helpers/shell";
import { REPO } from "./harness";

// scripts/lib.sh's ensure_gen_sdk, ensure_go_host, ensure_bun_host and ensure_python_host, with stand-in executables: the
// build of the current sources in the cache is used without building, a build of other sources is
// not, a language host on PATH is used as it is, and a build that fails names the step and its hint.
// A `go` that fails loudly stands for the build. `source` is the package built, `module` the Go module
// it belongs to (scripts/langhosts holds the three language hosts).
const TOOLS = [
  {
    step: "gen-sdk",
    ensure: "ensure_gen_sdk",
    module: "gen-sdk",
    source: "gen-sdk",
    cache: "gen-sdk",
    binary: "turso-group-gen-sdk",
  },
  {
    step: "pulumi-language-go",
    ensure: "ensure_go_host",
    module: "langhosts",
    source: "langhosts/go",
    cache: "go-host",
    binary: "pulumi-language-go",
  },
  {
    step: "pulumi-language-bun",
    ensure: "ensure_bun_host",
    module: "langhosts",
    source: "langhosts/bun",
    cache: "bun-host",
    binary: "pulumi-language-bun",
  },
  {
    step: "pulumi-language-python",
    ensure: "ensure_python_host",
    module: "langhosts",
    source: "langhosts/python",
    cache: "python-host",
    binary: "pulumi-language-python",
  },
] as const;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "turso-go-tools-"));
  tool("guard/go", 'echo "go was called: a build started" >&2; exit 99');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tool = (rel: string, body: string): string => writeTool(dir, rel, body);

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/**
 * The cache key of the Go module scripts/<module>, as lib.sh's go_tool_build computes it: the
 * `sha256sum` lines of every *.go and *.py file, go.mod and go.sum in it ("<hash>  ./<path>", in byte order
 * of path), hashed.
 */
function key(module: string): string {
  const root = path.join(REPO, "scripts", module);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(
      (e) =>
        e.isFile() && (e.name.endsWith(".go") || e.name.endsWith(".py") || e.name === "go.mod" || e.name === "go.sum"),
    )
    .map((e) => `./${path.relative(root, path.join(e.parentPath, e.name))}`)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return sha256(files.map((f) => `${sha256(readFileSync(path.join(root, f)))}  ${f}\n`).join("")).slice(0, 10);
}

/** Sources lib.sh with PATH = the given folders, the guard and the system's (no Go), runs the step. */
function ensure(step: string, binary: string, folders: string[]): { code: number; out: string; err: string } {
  const system = (process.env["PATH"] ?? "")
    .split(":")
    .filter(
      (p) => !p.includes("go") && !p.includes("gen-sdk") && !p.includes("bun-host") && !p.includes("python-host"),
    );
  const r = spawnSync(
    "bash",
    ["-c", `export PATH="$TEST_PATH"; source scripts/lib.sh; ${step}; command -v ${binary}`],
    {
      cwd: REPO,
      encoding: "utf8",
      env: {
        HOME: homedir(),
        TEST_PATH: [...folders.map((f) => path.join(dir, f)), path.join(dir, "guard"), ...system].join(":"),
        TURSO_PULUMI_CACHE: path.join(dir, "cache"),
      },
    },
  );
  return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
}

describe.each(TOOLS)("$ensure", ({ step, ensure: fn, module, source, cache, binary }) => {
  it("uses the build of the current sources in the cache, without building", () => {
    const cached = tool(`cache/${cache}/${key(module)}/bin/${binary}`, "exit 0");
    expect(ensure(fn, binary, [])).toEqual({ code: 0, out: cached, err: "" });
  });

  it("builds when the cache holds only a build of other sources, and a failed build names the step and what to do", () => {
    tool(`cache/${cache}/0123456789/bin/${binary}`, "exit 0");
    const r = ensure(fn, binary, []);
    expect(r.code).toBe(99);
    expect(r.err).toContain(`Building scripts/${source} into`);
    expect(r.err).toContain("go was called: a build started");
    expect(r.err).toContain(`set-up step "${step}" failed (exit 99).`);
    expect(r.err).toContain("see the Go output above (Go 1.26 on PATH");
  });
});

it.each([
  ["ensure_go_host", "pulumi-language-go"],
  ["ensure_bun_host", "pulumi-language-bun"],
  ["ensure_python_host", "pulumi-language-python"],
])("%s uses a %s on PATH as it is", (fn, binary) => {
  const mine = tool(`mine/${binary}`, "exit 0");
  expect(ensure(fn, binary, ["mine"])).toEqual({ code: 0, out: mine, err: "" });
});
