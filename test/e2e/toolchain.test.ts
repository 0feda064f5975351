import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { writeTool } from "../helpers/shell";
import { REPO } from "./harness";

// scripts/lib.sh's choice of Pulumi CLI, with stand-in executables: a user's pulumi on PATH is used
// when it is recent enough, the cached build otherwise. A `go` that fails loudly guards against a
// real build starting.
let dir: string;
let cache: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "turso-toolchain-"));
  cache = path.join(dir, "cache");
  tool("guard/go", 'echo "go was called: a build started" >&2; exit 99');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tool = (rel: string, body: string): string => writeTool(dir, rel, body);

/** This process's PATH without the folders of a pulumi or a Node.js language host (the toolchain's). */
const systemPath = (): string[] =>
  (process.env["PATH"] ?? "")
    .split(":")
    .filter((p) => !["pulumi", "pulumi-language-nodejs"].some((f) => existsSync(path.join(p, f))));

/** Sources lib.sh with PATH = the given folders + the system's (no cached Pulumi), runs ensure_pulumi. */
function choose(folders: string[]): { code: number; out: string; err: string } {
  const system = systemPath();
  const r = spawnSync(
    "bash",
    [
      "--norc", // stdin is a socket here: bash would read ~/.bashrc, whose PATH would come first
      "-c",
      'source scripts/lib.sh && ensure_pulumi && describe_pulumi && echo "$PULUMI_CLI_VERSION|$PULUMI_BIN_DIR|$(command -v pulumi-resource-pulumi-nodejs)"',
    ],
    {
      cwd: REPO,
      encoding: "utf8",
      env: {
        HOME: homedir(),
        PATH: [...folders.map((f) => path.join(dir, f)), path.join(dir, "guard"), ...system].join(":"),
        TURSO_PULUMI_CACHE: cache,
      },
    },
  );
  return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
}

/** A folder lib.sh builds into, for this cache: `script` prints it after sourcing lib.sh. */
function cachedBin(script: string): string {
  const r = spawnSync("bash", ["-c", `source scripts/lib.sh && ${script}`], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, TURSO_PULUMI_CACHE: cache },
  });
  return path.join(r.stdout.trim(), "bin");
}

it("uses your pulumi >= 3.250 and its language host from PATH as they are, and says so in one line", () => {
  const mine = tool("mine/pulumi", "echo v3.260.0");
  const host = tool("mine/pulumi-language-nodejs", "exit 0");
  const r = choose(["mine"]);
  expect(r.code).toBe(0);
  expect(r.err).toBe(
    `==> Pulumi CLI v3.260.0 (${mine}, yours, from PATH); Node.js language host ${host} (yours, from PATH)`,
  );
  // The dynamic-provider plugin goes into the cache, never into your CLI's folder.
  expect(r.out).toBe(`3.260.0|${path.join(dir, "mine")}|${cache}/dynamic-provider/bin/pulumi-resource-pulumi-nodejs`);
  expect(existsSync(path.join(dir, "mine/pulumi-resource-pulumi-nodejs"))).toBe(false);
});

it("keeps the pulumi-resource-pulumi-nodejs your installation ships", () => {
  tool("mine/pulumi", "echo v3.274.1");
  tool("mine/pulumi-language-nodejs", "exit 0");
  const plugin = tool("mine/pulumi-resource-pulumi-nodejs", "exit 0");
  const r = choose(["mine"]);
  expect(r.out).toBe(`3.274.1|${path.join(dir, "mine")}|${plugin}`);
  expect(existsSync(path.join(cache, "dynamic-provider"))).toBe(false);
});

describe("falls back to the pinned CLI in the cache", () => {
  let bin: string;
  let hostBin: string;
  beforeEach(() => {
    bin = cachedBin("pulumi_cache_dir");
    // The stand-in Node.js host is built beside it, from scripts/langhosts.
    hostBin = cachedBin('echo "$CACHE_DIR/nodejs-host/$(go_tool_key langhosts)"');
    tool(path.relative(dir, path.join(bin, "pulumi")), "echo v3.274.1");
    tool(path.relative(dir, path.join(hostBin, "pulumi-language-nodejs")), "exit 0");
  });

  it.each([
    ["a pulumi older than 3.250", ["old"]],
    ["a pulumi without a language host on PATH", ["nohost"]],
    ["no pulumi at all", []],
  ])("with %s", (_what, folders) => {
    tool("old/pulumi", "echo v3.249.9");
    tool("old/pulumi-language-nodejs", "exit 0");
    tool("nohost/pulumi", "echo v3.274.1");
    const r = choose(folders);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `==> Pulumi CLI v3.274.1 (${bin}/pulumi, built by this project from the Go module proxy); ` +
        `Node.js language host ${hostBin}/pulumi-language-nodejs (this project's stand-in, scripts/langhosts/nodejs)`,
    );
    expect(r.out).toBe(`3.274.1|${bin}|${bin}/pulumi-resource-pulumi-nodejs`);
  });
});

describe("a set-up step that fails says which one, and what to do, once", () => {
  /** Runs `script` after sourcing lib.sh, as run.sh does (plain commands: errexit applies). */
  function setUp(script: string, folders: string[]): { code: number; out: string; err: string } {
    const system = systemPath();
    // --norc: as in choose(), no ~/.bashrc PATH ahead of the stand-ins.
    const r = spawnSync("bash", ["--norc", "-c", `source scripts/lib.sh\n${script}\necho "not reached"`], {
      cwd: REPO,
      encoding: "utf8",
      env: {
        HOME: homedir(),
        // The stand-ins first, then this Node.js (22+, so ensure_node installs nothing), then the system's.
        PATH: [...folders.map((f) => path.join(dir, f)), path.dirname(process.execPath), ...system].join(":"),
        TURSO_PULUMI_CACHE: cache, // empty: nothing cached, a build of the CLI is attempted
      },
    });
    return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
  }

  it("a Go build that fails: the step pulumi CLI and its hint", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
    tool("failing/go", 'echo "go: stand-in failure" >&2; exit 1');
    const r = setUp("ensure_node\nensure_pulumi", ["failing"]);
    expect([r.code, r.out]).toEqual([1, ""]);
    expect(r.err.split("\n")).toEqual([
      `==> Building pulumi from github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v3.274.1 into ${cache}/pulumi/3.274.1 ` +
        "(first run only; a few minutes)",
      "go: stand-in failure",
      "",
      'set-up step "pulumi CLI" failed (exit 1).',
      "Building the Pulumi CLI from the Go module proxy failed; see scripts/go-install.sh and the Go output above " +
        "(or put a pulumi >= 3.250.0 with its pulumi-language-nodejs on PATH).",
    ]);
    expect(existsSync(path.join(cache, "pulumi"))).toBe(true); // the temporary cache, not yours
  });

  it("a failure inside a step's subshell is reported once, by the step", () => {
    // ensure_build runs the compiler in a subshell: (cd "$REPO_ROOT" && node .../tsc ...).
    tool("failing/node", 'echo "node: stand-in failure" >&2; exit 3');
    const r = setUp("ensure_build", ["failing"]);
    expect([r.code, r.out, r.err.split("\n")]).toEqual([
      3,
      "",
      [
        "node: stand-in failure",
        "",
        'set-up step "build" failed (exit 3).',
        "TypeScript compilation of sdk/ failed; see the errors above.",
      ],
    ]);
  });
});
