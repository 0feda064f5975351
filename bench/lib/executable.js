// The `executable` mode's program: the invoke program (bench/program) run with the standalone plugin
// executable (npm run plugin-archives) instead of the Node-launched sdk/plugin. The executable is
// built for this machine's platform into bench/tmp/ (or BENCH_PLUGIN_ARCHIVE names its archive),
// unpacked, and a copy of the program names its folder in Pulumi.yaml.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { hostPlatform } = require("../../scripts/plugin-archives/platforms");

const ROOT = path.resolve(__dirname, "../..");

/** The folder of the program copy that runs the executable, under `work`. */
function executableProgram(work) {
  let archive = process.env.BENCH_PLUGIN_ARCHIVE;
  if (!archive) {
    const out = path.join(work, "archives");
    const build = path.join(ROOT, "scripts/plugin-archives/build.js");
    const printed = execFileSync(process.execPath, [build, out, "--only", hostPlatform()], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    archive = printed.split("\n").find((line) => line.endsWith(".tar.gz"));
  }
  const plugin = path.join(work, "executable");
  fs.rmSync(plugin, { recursive: true, force: true });
  fs.mkdirSync(plugin, { recursive: true });
  execFileSync("tar", ["-xzf", archive, "-C", plugin]);
  const program = path.join(work, "program-executable");
  fs.rmSync(program, { recursive: true, force: true });
  fs.cpSync(path.join(__dirname, "..", "program"), program, { recursive: true });
  const yaml = fs.readFileSync(path.join(program, "Pulumi.yaml"), "utf8");
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), yaml.replace(/^(\s+path:) .*$/m, `$1 ${plugin}`));
  return program;
}

module.exports = { executableProgram };
