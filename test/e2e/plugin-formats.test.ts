import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { archiveName, pluginArchives, unpack } from "../helpers/pluginArchives";
import { Harness, REPO } from "./harness";

jest.setTimeout(1_800_000);

// The executables that cannot run here (darwin, windows), checked as their loaders and Node.js
// would see them: format, architecture, the SEA blob where Node.js looks for it at start (the same
// bytes as in the linux executables, which run in plugin-executable.test.ts), the SEA fuse on; the
// darwin ones signed ad hoc: rcodesign parses the signature, and each of its page hashes is the
// SHA-256 of that page of the file as shipped (what macOS checks as it loads pages); the windows one
// unsigned (the signature of Node.js's binary removed; signing is the release's).
/* eslint-disable @typescript-eslint/no-require-imports */
const { inspect } = require(path.join(REPO, "scripts/plugin-archives/formats.js")) as {
  inspect(buf: Buffer): {
    format: string;
    arch: string;
    blob?: Buffer;
    fuse: string;
    signed?: boolean;
    signature?: { valid: boolean; why?: string; adhoc: boolean; pages: number };
  };
};
const { ensureRcodesign } = require(path.join(REPO, "scripts/plugin-archives/sign.js")) as {
  ensureRcodesign(cache: string, version: string): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const harness = new Harness("plugin-formats");
const others = ["darwin-amd64", "darwin-arm64", "windows-amd64"];
let linuxBlob: Buffer;
let dirs: Record<string, string>;

beforeAll(() => {
  const linux = pluginArchives(["linux-amd64", "linux-arm64"]);
  const built = pluginArchives(others);
  const amd64 = unpack(path.join(linux, archiveName("linux-amd64")), path.join(harness.dir, "linux-amd64"));
  linuxBlob = inspect(readFileSync(path.join(amd64, "pulumi-resource-turso-group"))).blob!;
  dirs = Object.fromEntries(
    others.map((p) => [p, unpack(path.join(built, archiveName(p)), path.join(harness.dir, p))]),
  );
});

it.each([
  ["darwin-amd64", "Mach-O", "x86-64", "pulumi-resource-turso-group"],
  ["darwin-arm64", "Mach-O", "arm64", "pulumi-resource-turso-group"],
  ["windows-amd64", "PE", "x86-64", "pulumi-resource-turso-group.exe"],
])("%s: a %s %s executable named %s carrying the plugin's SEA blob", (platform, format, arch, name) => {
  const found = inspect(readFileSync(path.join(dirs[platform]!, name)));
  expect({ format: found.format, arch: found.arch, fuse: found.fuse }).toEqual({ format, arch, fuse: "on" });
  expect(linuxBlob.length).toBeGreaterThan(1_000_000);
  expect(found.blob?.equals(linuxBlob)).toBe(true);
  expect(found.signed).toBe(format === "Mach-O");
});

it.each(["darwin-amd64", "darwin-arm64"])(
  "%s: signed ad hoc, the signature covering the file as shipped",
  (platform) => {
    const cache = process.env["TURSO_PULUMI_CACHE"] ?? path.join(os.homedir(), ".cache", "pulumi-turso-group");
    const env = readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8");
    const rcodesign = ensureRcodesign(cache, /^RCODESIGN_VERSION=(.*)$/m.exec(env)![1]!);
    const exe = path.join(dirs[platform]!, "pulumi-resource-turso-group");
    const info = execFileSync(rcodesign, ["print-signature-info", exe], { encoding: "utf8", maxBuffer: 1 << 26 });
    expect(info).toContain("flags: CodeSignatureFlags(ADHOC)");
    const bytes = readFileSync(exe);
    const { signature } = inspect(bytes);
    expect(signature).toEqual({ valid: true, adhoc: true, pages: expect.any(Number) });
    expect(signature!.pages * 4096).toBeGreaterThan(bytes.length - 2 * 1024 * 1024);
    // One byte changed in the code: the signature no longer covers the file.
    bytes.writeUInt8(bytes.readUInt8(4096 * 3 + 7) ^ 1, 4096 * 3 + 7);
    expect(inspect(bytes).signature).toMatchObject({
      valid: false,
      why: `1 of ${signature!.pages} page hashes differ`,
    });
  },
);
