// npm run release [-- --publish]: every artifact of a release into dist/release/, each checked the
// way its registry checks it, then a table (artifact, size, sha256) and the steps that failed.
//
// A dry run by default: nothing leaves the machine. `--publish` is for the release workflow only:
// it refuses (before building) unless it runs in GitHub Actions, on the tag v<version> of
// sdk/package.json's version, in the repository of the project's home, which must be a real one
// (scripts/release/gate.js); the workflow's later jobs upload what it built.
//
// One script per kind of artifact (scripts/release/<step>.sh OUT_DIR); every step runs even when an
// earlier one failed, so that one run tells everything that is wrong.
"use strict";
const { spawn } = require("node:child_process");
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { refusals } = require("./gate");
const { rows, format } = require("./table");

const REPO = path.resolve(__dirname, "..", "..");
const OUT = path.join(REPO, "dist", "release");
const STEPS = [
  { name: "checks", what: "home, versions and schema compatibility (scripts/release/check.js)" },
  { name: "npm", what: "npm tarball, npm publish --dry-run" },
  { name: "plugin", what: "plugin archives per platform, SHA256SUMS verified" },
  { name: "python", what: "Python wheel and sdist, twine check" },
  { name: "java", what: "Java jar, sources, javadoc and pom, mvn verify" },
  { name: "go", what: "Go module tree (go vet, go mod verify), its tag, a GOPROXY folder" },
  { name: "dotnet", what: ".NET project as generated (not built: no NuGet here)" },
];
// Shipped as folders, one row each in the table.
const WHOLE = ["go/module", "dotnet/project"];

async function main(args) {
  const unknown = args.filter((a) => a !== "--publish");
  if (unknown.length > 0) {
    console.error(`npm run release: unknown argument ${unknown.join(" ")} (only --publish, for the release workflow)`);
    return 2;
  }
  const version = require(path.join(REPO, "sdk", "package.json")).version;
  if (args.includes("--publish")) {
    const reasons = refusals(process.env);
    if (reasons.length > 0) {
      console.error(`npm run release -- --publish refuses:\n${reasons.map((r) => `  - ${r}`).join("\n")}`);
      return 1;
    }
  }
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const results = [];
  for (const step of STEPS) results.push(await run(step));
  const table = rows(OUT, WHOLE);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  writeFileSync(
    path.join(OUT, "artifacts.json"),
    JSON.stringify({ version, seconds, steps: results, artifacts: table }, null, 2) + "\n",
  );

  console.log(
    `\nRelease ${version} in ${path.relative(REPO, OUT)}/ (${args.includes("--publish") ? "to publish" : "dry run"}):\n`,
  );
  console.log(format(table));
  console.log("");
  for (const r of results) console.log(`${r.ok ? "ok    " : "FAILED"} ${r.name.padEnd(7)} ${r.seconds} s  ${r.detail}`);
  const tagFile = path.join(OUT, "go", "TAG");
  if (existsSync(tagFile))
    console.log(`\nGo module tag: ${readFileSync(tagFile, "utf8").trim()} (the release workflow pushes it)`);
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${STEPS.length - failed.length} of ${STEPS.length} steps passed in ${seconds} s.`);
  if (failed.length > 0) {
    console.error(`release steps failed: ${failed.map((r) => r.name).join(", ")} (their messages above)`);
    return 1;
  }
  return 0;
}

/**
 * Runs one step; its output goes to stderr as it comes, and its last line there is the step's
 * detail when it fails.
 */
function run(step) {
  console.error(`\n==> release step ${step.name}: ${step.what}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("bash", [path.join(__dirname, `${step.name}.sh`), OUT], {
      cwd: REPO,
      stdio: ["ignore", process.stderr, "pipe"],
    });
    let tail = "";
    let finished = false;
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      tail = (tail + d).slice(-4096);
    });
    const done = (code, why) => {
      if (finished) return;
      finished = true;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const last = why ?? tail.trim().split("\n").filter(Boolean).pop() ?? "";
      if (code !== 0) console.error(`release step ${step.name} failed (exit ${code}): ${last}`);
      resolve({ name: step.name, ok: code === 0, seconds, detail: code === 0 ? step.what : last });
    };
    child.on("error", (e) => done(-1, e.message));
    child.on("close", (code, signal) => done(code ?? signal, undefined));
  });
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
