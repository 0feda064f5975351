import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
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

function tool(rel: string, body: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Sources lib.sh with PATH = the given folders + the system's (no cached Pulumi), runs ensure_pulumi. */
function choose(folders: string[]): { code: number; out: string; err: string } {
  const system = (process.env["PATH"] ?? "").split(":").filter((p) => !p.includes("pulumi"));
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
        HOME: process.env["HOME"] ?? "/root",
        PATH: [...folders.map((f) => path.join(dir, f)), path.join(dir, "guard"), ...system].join(":"),
        TURSO_PULUMI_CACHE: cache,
      },
    },
  );
  return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
}

/** The folder lib.sh builds the pinned CLI into, for this cache. */
function cachedBin(): string {
  const r = spawnSync("bash", ["-c", "source scripts/lib.sh && pulumi_cache_dir"], {
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
  beforeEach(() => {
    bin = cachedBin();
    tool(path.relative(dir, path.join(bin, "pulumi")), "echo v3.274.1");
    tool(path.relative(dir, path.join(bin, "pulumi-language-nodejs")), "exit 0");
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
        `Node.js language host ${bin}/pulumi-language-nodejs (this project's stand-in, scripts/langhost)`,
    );
    expect(r.out).toBe(`3.274.1|${bin}|${bin}/pulumi-resource-pulumi-nodejs`);
  });
});
