// npm run compat [-- --sdk 3.139.0,3.276.0|none] [--node 24.21.0] [--layout all|none|NAME,...] [--tarball FILE] [--keep]
//
// The compatibility matrix: packs the package (sdk/), then for each @pulumi/pulumi release x
// Node.js version below installs the tarball into a new project outside the repository and runs
// preview, up, refresh and destroy of test/compat/program through the real CLI against the
// emulator. Also checks that npm refuses the release just below the supported range, and runs the
// layout cells (scripts/compat/layouts.js: pnpm, a library's own copy, a decoy, a workspace) with
// the newest release and the first Node.js; by default only when no --sdk or --node narrows the run.
// Prints the table for the README and writes .e2e/compat/results.json. Cells run one at a time.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { parseArgs } = require("node:util");
const { runCell, run } = require("./cell");
const { LAYOUTS, FIXTURE: LAYOUT_FIXTURE } = require("./layouts");

/** The releases tested: the oldest supported (ResourceProvider.configure), one in the middle, the newest. */
const SDKS = ["3.139.0", "3.200.0", "3.276.0"];
/** The newest release below the range: npm must refuse to install the package beside it. */
const BELOW_RANGE = "3.138.0";
const REPO = path.resolve(__dirname, "../..");

/** A value of scripts/toolchain.env, the project's pins, which scripts/lib.sh reads too. */
function pinned(name) {
  const text = fs.readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8");
  const found = new RegExp(`^${name}=(.+)$`, "m").exec(text);
  if (!found) throw new Error(`scripts/toolchain.env has no ${name}`);
  return found[1].trim();
}

/**
 * Node.js LTS lines, as binaries from the npm registry (node-linux-<arch>): the project's own
 * (NODE_VERSION, which scripts/lib.sh installs) and the newest 24.
 */
const NODES = [pinned("NODE_VERSION"), "24.21.0"];
/** pnpm for the layout cells, from the npm registry. */
const PNPM = "12.4.2";

const FIXTURE = path.join(REPO, "test/compat/program");
const CACHE =
  process.env.TURSO_PULUMI_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-turso-group");
const WORK = path.join(os.tmpdir(), `turso-compat-${process.pid}`);

const say = (line) => console.log(`==> ${line}`);
const list = (value, fallback) => (value ? value.split(",").map((v) => v.trim()) : fallback);

/** The folder of a Node.js binary of `version`, installed from the npm registry into the cache once. */
function nodeBin(version) {
  const pkg = `node-linux-${process.arch}`;
  return path.dirname(cached("node", pkg, version, `node_modules/${pkg}/bin/node`));
}

/** The pnpm command of the layout cells, installed from the npm registry into the cache once. */
function pnpmBin() {
  return cached("pnpm", "pnpm", PNPM, "node_modules/.bin/pnpm");
}

/**
 * `command` (a path inside the install) of the npm package `pkg@version`, installed into the cache
 * once by scripts/lib.sh's npm_tool, the installer of ensure_node and ensure_bun (under the cache's
 * lock of `kind`, so that a set-up running at the same time never sees half an install).
 */
function cached(kind, pkg, version, command) {
  const script = 'source "$0" && npm_tool "$@" && printf %s "$NPM_TOOL"';
  return execFileSync("bash", ["-c", script, path.join(REPO, "scripts/lib.sh"), kind, pkg, version, command], {
    encoding: "utf8",
    env: { ...process.env, TURSO_PULUMI_CACHE: CACHE },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** The environment of a cell: this one without the variables that would steer the package, npm or Pulumi. */
function cellEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TURSO_|PULUMI_|npm_|NODE_OPTIONS$)/i.test(k)),
  );
}

/** npm must refuse the package beside a release below the range, without flags, naming the peer conflict. */
async function belowRange(tarball, devDependencies) {
  const dir = path.join(WORK, `below-${BELOW_RANGE}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: "turso-compat-below", private: true, devDependencies };
  manifest.dependencies = { "@pulumi/pulumi": BELOW_RANGE, "pulumi-turso-group": `file:${tarball}` };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
  const args = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
  const r = await run("npm", args, { cwd: dir, env: cellEnv(), log: path.join(dir, "install.log") });
  return {
    refused: r.code !== 0 && /ERESOLVE/.test(r.stderr),
    output: r.stderr
      .split("\n")
      .find((l) => /peer/.test(l))
      ?.trim(),
  };
}

function layoutTable(results) {
  const lines = ["| layout | result |", "| --- | --- |"];
  for (const r of results) {
    const failed = r.passed ? undefined : (r.steps.find((s) => s.error) ?? { name: "set-up" });
    lines.push(
      `| ${LAYOUTS[r.layout].what} (\`${r.layout}\`) | ${failed ? `**failed** at ${failed.name}` : `passed (${Math.round(r.seconds)} s)`} |`,
    );
  }
  return lines.join("\n");
}

function table(results, sdks, nodes) {
  const cell = (sdk, node) => {
    const r = results.find((c) => c.sdk === sdk && c.node === node);
    const failed = r.passed ? undefined : (r.steps.find((s) => s.error) ?? { name: "set-up" });
    return failed ? `**failed** at ${failed.name}` : `tested: passed (${Math.round(r.seconds)} s)`;
  };
  const lines = [
    `| @pulumi/pulumi | ${nodes.map((n) => `Node.js ${n}`).join(" | ")} |`,
    `| --- | ${nodes.map(() => "---").join(" | ")} |`,
    ...sdks.map((sdk) => `| ${sdk} | ${nodes.map((n) => cell(sdk, n)).join(" | ")} |`),
  ];
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      sdk: { type: "string" },
      node: { type: "string" },
      tarball: { type: "string" },
      keep: { type: "boolean" },
      layout: { type: "string" },
    },
  });
  // `--sdk none`: the layout cells alone.
  const sdks = values.sdk === "none" ? [] : list(values.sdk, SDKS);
  const nodes = list(values.node, NODES);
  const narrowed = values.sdk !== undefined || values.node !== undefined;
  const layoutArg = values.layout ?? (narrowed ? "none" : "all");
  const layouts = layoutArg === "all" ? Object.keys(LAYOUTS) : layoutArg === "none" ? [] : list(layoutArg, []);
  for (const name of layouts)
    if (!LAYOUTS[name]) throw new Error(`no layout cell ${JSON.stringify(name)}: ${Object.keys(LAYOUTS).join("; ")}`);
  const pulumiBin = process.env.PULUMI_BIN_DIR;
  if (!pulumiBin) throw new Error("PULUMI_BIN_DIR is not set: run this through `npm run compat`, which builds the CLI");
  const started = performance.now();
  const newest = execFileSync("npm", ["view", "@pulumi/pulumi", "version"], { encoding: "utf8" }).trim();
  if (newest !== SDKS[SDKS.length - 1]) {
    say(
      `The registry's newest @pulumi/pulumi is ${newest}, not ${SDKS[SDKS.length - 1]}: add it to SDKS in scripts/compat/matrix.js`,
    );
  }
  const bins = Object.fromEntries(nodes.map((n) => [n, nodeBin(n)]));
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  let tarball = values.tarball && path.resolve(values.tarball);
  if (!tarball) {
    say("npm pack --workspace sdk");
    const out = execFileSync("npm", ["pack", "--workspace", "sdk", "--pack-destination", WORK, "--loglevel=error"], {
      cwd: REPO,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    tarball = path.join(WORK, out.trim().split("\n").pop());
  }
  const rootDev = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).devDependencies;
  // What `pulumi new typescript` puts beside @pulumi/pulumi; ts-node comes from the SDK.
  const devDependencies = { typescript: rootDev.typescript, "@types/node": rootDev["@types/node"] };

  say(`@pulumi/pulumi ${BELOW_RANGE} (below the range): npm install must refuse`);
  const below = await belowRange(tarball, devDependencies);
  console.log(`    ${below.refused ? "refused" : "NOT REFUSED"}: ${below.output}`);

  const results = [];
  for (const sdk of sdks) {
    for (const node of nodes) {
      say(`@pulumi/pulumi ${sdk} x Node.js ${node}`);
      const t0 = performance.now();
      const dir = path.join(WORK, `${sdk}-node${node}`);
      const { steps, error } = await runCell({
        sdk,
        nodeBin: bins[node],
        pulumiBin,
        tarball,
        fixture: FIXTURE,
        dir,
        devDependencies,
        env: cellEnv(),
      });
      const seconds = (performance.now() - t0) / 1000;
      const failed = error === undefined ? undefined : (steps.find((s) => s.error) ?? { name: "set-up", error });
      const detail = steps.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(", ");
      console.log(`    ${failed ? "FAILED" : "passed"} in ${seconds.toFixed(0)} s: ${detail}`);
      if (failed) console.log(`    ${failed.name}: ${failed.error}\n    log: ${path.join(dir, "cell.log")}`);
      results.push({ sdk, node, seconds, passed: !failed, steps });
    }
  }
  const layoutResults = [];
  for (const name of layouts) {
    const [sdk, node] = [SDKS[SDKS.length - 1], NODES[0]];
    say(`Layout ${name}: ${LAYOUTS[name].what} (@pulumi/pulumi ${sdk}, Node.js ${node})`);
    const t0 = performance.now();
    const dir = path.join(WORK, `layout-${name}`);
    const { steps, error } = await runCell({
      sdk,
      nodeBin: nodeBin(node),
      pulumiBin,
      pnpm: pnpmBin(),
      tarball,
      fixture: LAYOUT_FIXTURE,
      dir,
      devDependencies,
      layout: LAYOUTS[name].build,
      env: cellEnv(),
    });
    const seconds = (performance.now() - t0) / 1000;
    const failed = error === undefined ? undefined : (steps.find((s) => s.error) ?? { name: "set-up", error });
    console.log(
      `    ${failed ? "FAILED" : "passed"} in ${seconds.toFixed(0)} s: ${steps.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(", ")}`,
    );
    if (failed) console.log(`    ${failed.name}: ${failed.error}\n    log: ${path.join(dir, "cell.log")}`);
    layoutResults.push({ layout: name, sdk, node, seconds, passed: !failed, steps });
  }
  const total = (performance.now() - started) / 1000;
  const summary = {
    date: new Date().toISOString(),
    totalSeconds: total,
    cpus: os.cpus().length,
    below,
    results,
    layouts: layoutResults,
  };
  fs.mkdirSync(path.join(REPO, ".e2e/compat"), { recursive: true });
  fs.writeFileSync(path.join(REPO, ".e2e/compat/results.json"), JSON.stringify(summary, null, 2));
  console.log(`\n${table(results, sdks, nodes)}\n`);
  if (layoutResults.length > 0) console.log(`${layoutTable(layoutResults)}\n`);
  console.log(`Total ${total.toFixed(0)} s on ${os.cpus().length} cores.`);
  const failures = [...results, ...layoutResults].filter((r) => !r.passed).length + (below.refused ? 0 : 1);
  if (failures === 0 && !values.keep) fs.rmSync(WORK, { recursive: true, force: true });
  else console.log(`Projects and logs kept in ${WORK}`);
  console.log(`${results.length + layoutResults.length + 1 - failures} passed, ${failures} failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`compat: ${err.message}`);
  process.exit(1);
});
