// Ad-hoc code signing of the macOS executables with rcodesign (the Rust crate apple-codesign), built
// from crates.io into the cache once: injecting the SEA blob invalidates the signature Node.js's
// binary came with, and Apple silicon kills a binary whose signature is missing or invalid.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { inspect } = require("./formats");

/** The rcodesign binary of `version`, installed with cargo into `cache`/rcodesign/<version> once. */
function ensureRcodesign(cache, version) {
  const dir = path.join(cache, "rcodesign", version);
  const bin = path.join(dir, "bin", "rcodesign");
  if (fs.existsSync(bin)) return bin;
  const cargo = process.env.CARGO ?? "cargo";
  try {
    execFileSync(cargo, ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error(
      `signing the darwin executables needs rcodesign (crate apple-codesign ${version}), built with cargo: ` +
        `no cargo on PATH. Install Rust, or build only other platforms (--only linux-amd64,...).`,
    );
  }
  console.error(
    `==> Building rcodesign (crate apple-codesign ${version}) into ${dir} (first run only; long on 2 cores)`,
  );
  const tmp = `${dir}.build.${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  execFileSync(cargo, ["install", "--locked", "--root", tmp, `apple-codesign@${version}`], {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, CARGO_TARGET_DIR: path.join(tmp, "target") },
  });
  fs.rmSync(path.join(tmp, "target"), { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return bin;
}

/**
 * Signs the Mach-O `file` ad hoc (no certificate), then checks the signature: rcodesign parses it
 * (print-signature-info) and every page hash matches the file (formats.js). rcodesign's own
 * `verify` cannot judge ad-hoc signatures: it fails on their empty CMS blob ("CMS error: missing
 * further values"), which is what an ad-hoc signature holds.
 */
function signAdHoc(rcodesign, file) {
  execFileSync(rcodesign, ["sign", file], { stdio: "pipe" });
  const info = execFileSync(rcodesign, ["print-signature-info", file], { encoding: "utf8", maxBuffer: 1 << 26 });
  const { signature } = inspect(fs.readFileSync(file));
  if (!/flags: CodeSignatureFlags\(ADHOC\)/.test(info) || !signature?.valid || !signature.adhoc) {
    throw new Error(`${file}: the ad-hoc signature does not check out (${signature?.why ?? "not ad hoc"})`);
  }
}

/**
 * Removes the Authenticode signature Node.js's Windows binary came with, which the injection
 * invalidated: its data directory entry is cleared (the certificate bytes stay, unreferenced), so the
 * .exe is plainly unsigned; the release may sign it (signtool). The PE checksum is cleared too (only
 * drivers need one).
 */
function unsignPe(file) {
  const fd = fs.openSync(file, "r+");
  try {
    const head = Buffer.alloc(4096);
    fs.readSync(fd, head, 0, head.length, 0);
    const opt = head.readUInt32LE(0x3c) + 24;
    if (head.readUInt16LE(opt) !== 0x20b) throw new Error(`${file}: not a PE32+ executable`);
    fs.writeSync(fd, Buffer.alloc(4), 0, 4, opt + 64); // CheckSum
    fs.writeSync(fd, Buffer.alloc(8), 0, 8, opt + 112 + 4 * 8); // data directory 4: certificates
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = { ensureRcodesign, signAdHoc, unsignPe };
