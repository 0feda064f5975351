import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { runBash, writeTool } from "../helpers/shell";
import { REPO } from "./harness";

// scripts/lib.sh's ensure_bun, with stand-in executables: a bun on PATH is used as it is, the cached
// one otherwise, else npm installs @oven/bun-linux-<arch>@BUN_VERSION into the cache (once), and an
// install that fails names the step and its hint. A stand-in npm records its arguments.
let dir: string;
const version = /^BUN_VERSION=(\S+)$/m.exec(readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8"))?.[1];
const arch = process.arch === "arm64" ? "aarch64" : process.arch;
/** Where ensure_bun installs Bun in the cache of a test. */
const cachedBun = (): string =>
  path.join(dir, "cache", "bun", version ?? "", "node_modules", "@oven", `bun-linux-${arch}`, "bin", "bun");

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "turso-bun-"));
  tool("guard/npm", 'echo "npm was called: an install started" >&2; exit 99');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tool = (rel: string, body: string): string => writeTool(dir, rel, body);

/** Sources lib.sh with PATH = the given folders, the guard and the system's (no bun), runs ensure_bun. */
function ensure(folders: string[]): { code: number; out: string; err: string } {
  const system = (process.env["PATH"] ?? "").split(":").filter((p) => !p.includes("bun"));
  const r = spawnSync("bash", ["-c", 'export PATH="$TEST_PATH"; source scripts/lib.sh; ensure_bun; command -v bun'], {
    cwd: REPO,
    encoding: "utf8",
    env: {
      HOME: process.env["HOME"] ?? "/root",
      TEST_PATH: [...folders.map((f) => path.join(dir, f)), path.join(dir, "guard"), ...system].join(":"),
      TURSO_PULUMI_CACHE: path.join(dir, "cache"),
    },
  });
  return { code: r.status ?? -1, out: r.stdout.trim(), err: stripVTControlCharacters(r.stderr).trim() };
}

it("pins a version", () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

it("uses a bun on PATH as it is", () => {
  const mine = tool("mine/bun", "exit 0");
  expect(ensure(["mine"])).toEqual({ code: 0, out: mine, err: "" });
});

it("installs from the npm registry into the cache once, then uses the cached one", () => {
  // A stand-in npm that installs a stand-in bun where the package puts its binary.
  tool(
    "installer/npm",
    `echo "$@" >"${dir}/npm-args"\nprefix="$3"\nmkdir -p "$prefix/node_modules/@oven/bun-linux-${arch}/bin"\n` +
      `printf '#!/bin/sh\\necho ${version}\\n' >"$prefix/node_modules/@oven/bun-linux-${arch}/bin/bun"\n` +
      `chmod +x "$prefix/node_modules/@oven/bun-linux-${arch}/bin/bun"`,
  );
  const first = ensure(["installer"]);
  expect([first.code, first.out]).toEqual([0, cachedBun()]);
  expect(first.err).toContain(
    `Installing @oven/bun-linux-${arch}@${version} into ${path.join(dir, "cache", "bun", version ?? "")} (Bun, `,
  );
  expect(readFileSync(path.join(dir, "npm-args"), "utf8")).toContain(`@oven/bun-linux-${arch}@${version}`);
  // Again, with only the npm that fails loudly: nothing is installed.
  expect(ensure([])).toEqual({ code: 0, out: cachedBun(), err: "" });
});

it("two set-ups at once in one cache: both succeed, with one install", async () => {
  // A stand-in npm that takes a second and counts its calls.
  tool(
    "installer/npm",
    `echo "$@" >>"${dir}/npm-calls"\nsleep 1\nprefix="$3"\nmkdir -p "$prefix/node_modules/@oven/bun-linux-${arch}/bin"\n` +
      `printf '#!/bin/sh\\necho ${version}\\n' >"$prefix/node_modules/@oven/bun-linux-${arch}/bin/bun"\n` +
      `chmod +x "$prefix/node_modules/@oven/bun-linux-${arch}/bin/bun"`,
  );
  const system = (process.env["PATH"] ?? "").split(":").filter((p) => !p.includes("bun"));
  const env = {
    HOME: process.env["HOME"] ?? "/root",
    TEST_PATH: [path.join(dir, "installer"), ...system].join(":"),
    TURSO_PULUMI_CACHE: path.join(dir, "cache"),
  };
  const script = 'export PATH="$TEST_PATH"; source scripts/lib.sh; ensure_bun; echo "bun: $(command -v bun)"';
  const runs = await Promise.all([runBash(["-c", script], REPO, env), runBash(["-c", script], REPO, env)]);
  for (const r of runs) {
    expect(r).toMatchObject({ code: 0, output: expect.stringContaining(`bun: ${cachedBun()}`) as unknown });
  }
  expect(readFileSync(path.join(dir, "npm-calls"), "utf8").trim().split("\n")).toHaveLength(1);
});

it("an install that fails names the step and what to do", () => {
  const r = ensure([]);
  expect(r.code).toBe(99);
  expect(r.err).toContain("npm was called: an install started");
  expect(r.err).toContain('set-up step "bun" failed (exit 99).');
  expect(r.err).toContain(`@oven/bun-linux-<arch>@${version}; check that the npm registry is reachable`);
});
