import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
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

describe("two set-ups of the same tool at once, in one cache", () => {
  // Two clones of the repository (copies of scripts/lib.sh and toolchain.env beside a tiny Go module,
  // scripts/tiny) share one cache, as clones on one machine share ~/.cache/pulumi-turso-group. The
  // real Go builds; a `go` in front of it waits a second first, so that the two builds overlap.
  const realGo = spawnSync("bash", ["-c", "command -v go"], { encoding: "utf8" }).stdout.trim();

  /** A clone whose tiny tool prints `text`: clones with different texts have different source keys. */
  function clone(name: string, text: string): string {
    const root = path.join(dir, name);
    mkdirSync(path.join(root, "scripts/tiny"), { recursive: true });
    for (const f of ["lib.sh", "toolchain.env"]) {
      copyFileSync(path.join(REPO, "scripts", f), path.join(root, "scripts", f));
    }
    writeFileSync(path.join(root, "scripts/tiny/go.mod"), "module tiny\n\ngo 1.22\n");
    writeFileSync(
      path.join(root, "scripts/tiny/main.go"),
      `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(${JSON.stringify(text)}) }\n`,
    );
    return root;
  }

  /** go_tool_build of the clone's tiny tool into the shared cache; resolves with the binary's path. */
  function build(root: string): Promise<{ code: number; out: string; err: string }> {
    const slow = tool("slow/go", `sleep 1; exec ${realGo} "$@"`);
    return new Promise((resolve, reject) => {
      const child = spawn(
        "bash",
        [
          "-c",
          'export PATH="$TEST_PATH"; source scripts/lib.sh; go_tool_build tiny . tiny tiny-tool; echo "$GO_TOOL_DIR"',
        ],
        {
          cwd: root,
          env: {
            HOME: homedir(),
            TEST_PATH: [path.dirname(slow), ...(process.env["PATH"] ?? "").split(":")].join(":"),
            TURSO_PULUMI_CACHE: path.join(dir, "cache"),
          },
        },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, out: out.trim(), err: stripVTControlCharacters(err) }));
    });
  }

  /** What the built tool prints, or that it is gone. */
  const runs = (buildDir: string): string => {
    const binary = path.join(buildDir, "bin/tiny-tool");
    return existsSync(binary) ? spawnSync(binary, { encoding: "utf8" }).stdout.trim() : `no ${binary}`;
  };

  it("of two source keys: both succeed, and both builds are still there afterwards", async () => {
    const [a, b] = await Promise.all([build(clone("a", "built from a")), build(clone("b", "built from b"))]);
    expect(a).toMatchObject({ code: 0 });
    expect(b).toMatchObject({ code: 0 });
    expect(a.out).not.toBe(b.out);
    expect([runs(a.out), runs(b.out)]).toEqual(["built from a", "built from b"]);
  }, 60_000);

  it("of one source key twice: both succeed with the one build", async () => {
    const root = clone("a", "built once");
    const [first, second] = await Promise.all([build(root), build(root)]);
    expect(first).toMatchObject({ code: 0 });
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toBe(first.out);
    expect(runs(first.out)).toBe("built once");
    // One build: the other set-up waited for it and used it.
    expect([first.err, second.err].filter((e) => e.includes("Building scripts/tiny"))).toHaveLength(1);
  }, 60_000);

  it("keeps other builds, prunes only those unused for 30 days, never an in-progress folder of a live process", async () => {
    const builds = path.join(dir, "cache/tiny");
    const ago = (days: number): Date => new Date(Date.now() - days * 86_400_000);
    const folder = (name: string, days: number): string => {
      const f = path.join(builds, name);
      mkdirSync(path.join(f, "bin"), { recursive: true });
      utimesSync(f, ago(days), ago(days));
      return f;
    };
    folder("usedrecently", 2);
    folder("unused", 31);
    // Its folder changed 2 days ago, its last use (the stamp each set-up touches) 31 days ago.
    const stamped = folder("stamped", 2);
    writeFileSync(path.join(stamped, ".used"), "");
    utimesSync(path.join(stamped, ".used"), ago(31), ago(31));
    utimesSync(stamped, ago(2), ago(2));
    // A build that a running process executes from, however old: a copy of sleep.
    const running = folder("running", 31);
    const sleep = spawnSync("bash", ["-c", "command -v sleep"], { encoding: "utf8" }).stdout.trim();
    copyFileSync(sleep, path.join(running, "bin/sleep"));
    const child = spawn(path.join(running, "bin/sleep"), ["60"]);
    // An older lib.sh's build in progress (its process is alive: this test's), and a leftover of a
    // process that is gone, a day old.
    folder(`usedrecently.build.${process.pid}`, 2);
    folder("unused.build.999999999", 1);
    try {
      const r = await build(clone("a", "built"));
      expect(r.code).toBe(0);
      expect(readdirSync(builds).sort()).toEqual(
        [path.basename(r.out), "running", "usedrecently", `usedrecently.build.${process.pid}`].sort(),
      );
    } finally {
      child.kill();
    }
    expect(existsSync(path.join(builds, "unused"))).toBe(false);
    expect(existsSync(path.join(builds, "stamped"))).toBe(false);
  }, 60_000);
});
