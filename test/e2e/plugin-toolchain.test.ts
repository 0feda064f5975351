import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { writeTool } from "../helpers/shell";
import { REPO } from "./harness";

// scripts/lib.sh's ensure_yaml_host, with stand-in executables: a pulumi-language-yaml on PATH is
// used as it is, the cached build otherwise, and a build that fails names the step and its hint.
// A `go` that fails loudly stands for the build.
let dir: string;
let cache: string;
const version = /^PULUMI_YAML_VERSION=(\S+)$/m.exec(
  readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8"),
)?.[1];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "turso-yaml-host-"));
  cache = path.join(dir, "cache");
  tool("guard/go", 'echo "go was called: a build started" >&2; exit 99');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tool = (rel: string, body: string): string => writeTool(dir, rel, body);

/** Sources lib.sh with PATH = the given folders, the guard and the system's (no YAML host), runs ensure_yaml_host. */
function ensure(folders: string[]): { code: number; out: string; err: string } {
  const system = (process.env["PATH"] ?? "").split(":").filter((p) => !p.includes("yaml-host") && !p.includes("go"));
  const r = spawnSync(
    "bash",
    ["-c", 'export PATH="$TEST_PATH"; source scripts/lib.sh; ensure_yaml_host; command -v pulumi-language-yaml'],
    {
      cwd: REPO,
      encoding: "utf8",
      env: {
        HOME: homedir(),
        // Set by the script itself: this machine's bash start-up prepends its own folders (Go's among them).
        TEST_PATH: [...folders.map((f) => path.join(dir, f)), path.join(dir, "guard"), ...system].join(":"),
        TURSO_PULUMI_CACHE: cache,
      },
    },
  );
  return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
}

it("pins a version", () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

it("uses a pulumi-language-yaml on PATH as it is", () => {
  const mine = tool("mine/pulumi-language-yaml", "exit 0");
  expect(ensure(["mine"])).toEqual({ code: 0, out: mine, err: "" });
});

it("uses the cached build, without building", () => {
  const cached = tool(`cache/yaml-host/${version}/bin/pulumi-language-yaml`, "exit 0");
  expect(ensure([])).toEqual({ code: 0, out: cached, err: "" });
});

it("builds into the cache when there is none, and a failed build names the step and what to do", () => {
  const r = ensure([]);
  expect(r.code).toBe(99);
  expect(r.err).toContain("go was called: a build started");
  expect(r.err).toContain('set-up step "pulumi-language-yaml" failed (exit 99).');
  expect(r.err).toContain("see scripts/go-install.sh");
});
