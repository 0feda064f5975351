// One cell of the compatibility matrix: a new project outside the repository with one
// @pulumi/pulumi release, one Node.js binary and the packed package, driven through the real CLI
// (preview, up, refresh, destroy) against the emulator that the installed package ships.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { isDeepStrictEqual } = require("node:util");

/** Runs a command; resolves with its exit code and output (never rejects on a non-zero exit). */
function run(cmd, args, { cwd, env, log }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      fs.appendFileSync(log, `$ ${cmd} ${args.join(" ")}\n${stdout}${stderr}(exit ${code})\n\n`);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The installed package's `turso-api-emulator`, run by the cell's node; resolves once it listens. */
function startEmulator(dir, cli, env) {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [cli, "--port", "0"], { cwd: dir, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)\n/.exec(out);
      if (match) resolve({ url: match[1], stop: () => child.kill("SIGTERM") });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${out}`)));
  });
}

/** Fails the step with a message when `ok` is false. */
function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** Every key of `want` has the same value in `got` (extra keys in `got` are fine), arrays item by item. */
function matches(got, want) {
  if (Array.isArray(want)) {
    return Array.isArray(got) && got.length === want.length && want.every((w, i) => matches(got[i], w));
  }
  if (want === null || typeof want !== "object") return isDeepStrictEqual(got, want);
  return got !== null && typeof got === "object" && Object.entries(want).every(([k, v]) => matches(got[k], v));
}

/** The groups a lookup recorded in state (provider contract 2: `lookup.result`, one group or a list). */
function recordedGroups(resource) {
  const result = resource.outputs?.lookup?.result;
  return Array.isArray(result) ? result : result ? [result] : [];
}

/**
 * Runs one cell. `sdk` is an @pulumi/pulumi version, `nodeBin` the folder of the cell's node,
 * `env` the environment without TURSO_/PULUMI_/npm_ variables. `layout` (scripts/compat/layouts.js),
 * when given, lays out the project instead of a plain `npm install` of the package beside the
 * program, and returns the program's folder. Returns the steps with their seconds and, when a step
 * failed (which ends the cell), its error.
 */
async function runCell({ sdk, nodeBin, pulumiBin, pnpm, tarball, fixture, dir, devDependencies, layout, env: base }) {
  const expected = JSON.parse(fs.readFileSync(path.join(fixture, "expected.json"), "utf8"));
  const log = path.join(dir, "cell.log");
  const env = {
    ...base,
    // The cell's node first, for npm, the program, the language host and the dynamic-provider plugin.
    PATH: [nodeBin, pulumiBin, base.PATH].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_CONFIG_PASSPHRASE: "compat-matrix",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
  const project = path.join(dir, "project");
  let program = project;
  const steps = [];
  let emulator;
  const step = async (name, body) => {
    const started = performance.now();
    try {
      await body();
      steps.push({ name, seconds: (performance.now() - started) / 1000 });
    } catch (err) {
      steps.push({ name, seconds: (performance.now() - started) / 1000, error: err.message });
      throw err;
    }
  };
  const sh = async (cmd, args, cwd = program) => {
    const r = await run(cmd, args, { cwd, env, log });
    check(r.code === 0, `${cmd} ${args[0]} exited with ${r.code}: ${(r.stderr || r.stdout).trim().slice(-800)}`);
    return r.stdout;
  };
  const pulumi = (...args) => sh("pulumi", [...args, "--non-interactive"]);
  const admin = async (method, route, body) => {
    const res = await fetch(emulator.url + route, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    check(res.ok, `emulator ${method} ${route} answered ${res.status}`);
    return res.json();
  };
  // The API requests since the last call, which clears the log.
  const requests = async () => {
    const log = await admin("GET", "/__emulator/requests");
    await admin("DELETE", "/__emulator/requests");
    return log.length;
  };
  const exported = async () => JSON.parse(await pulumi("stack", "export")).deployment.resources ?? [];

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(project, { recursive: true });
  fs.mkdirSync(path.join(dir, "state"));
  try {
    await step("install", async () => {
      if (layout) {
        program = await layout({ project, tarball, sdk, sh, pnpm });
        return;
      }
      for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(fixture, file), path.join(project, file));
      }
      const manifest = {
        name: "turso-compat",
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": sdk, "pulumi-turso-group": `file:${tarball}` },
        devDependencies,
      };
      fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
      // No --legacy-peer-deps or --force: the peer range must accept this release as it is.
      await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
    });
    await step("installed", async () => {
      const version = await sh("node", ["-p", "require('@pulumi/pulumi/package.json').version"]);
      check(version.trim() === sdk, `installed @pulumi/pulumi ${version.trim()}, not ${sdk}`);
    });
    if (!layout)
      await step("covers every function", async () => {
        const script = `const m = require("pulumi-turso-group");
        console.log(JSON.stringify(Object.keys(m).filter((k) => /^[a-z]/.test(k) && typeof m[k] === "function")));`;
        const functions = JSON.parse(await sh("node", ["-e", script]));
        const program = fs.readFileSync(path.join(project, "index.ts"), "utf8");
        const missing = functions.filter((f) => !new RegExp(`\\b${f}\\(`).test(program));
        check(
          missing.length === 0,
          `the package exports ${missing.join(", ")}, which test/compat/program/index.ts never calls`,
        );
      });
    await step("emulator", async () => {
      // The copy the program uses: its own, or the library's in a layout cell.
      const from = layout ? `require.resolve("mylib")` : "process.cwd()";
      const where = `require.resolve("pulumi-turso-group/package.json", { paths: [${from}] })`;
      const manifest = (await sh("node", ["-p", where])).trim();
      emulator = await startEmulator(program, path.join(path.dirname(manifest), "dist/emulator/cli.js"), env);
    });
    await step("preview", async () => {
      await pulumi("stack", "init", "compat");
      await pulumi("config", "set", "turso:apiBaseUrl", emulator.url);
      // In stack config, not the environment: the provider's `configure` must deliver them.
      await pulumi("config", "set", "--secret", "turso:apiToken", "demo-token");
      const out = await pulumi("preview", "--diff");
      // Every group the program exports is read in the preview: its primary is shown.
      for (const group of Object.values(expected.outputs).filter((o) => o.primary !== undefined)) {
        const shown = new RegExp(`primary\\s*: ${JSON.stringify(group.primary)}`).test(out);
        check(shown, `the preview shows no primary ${JSON.stringify(group.primary)}:\n${out}`);
      }
      const n = await requests();
      check(n === expected.requestsPerRead, `the preview made ${n} API requests, expected ${expected.requestsPerRead}`);
    });
    await step("up", async () => {
      await pulumi("up", "--yes", "--skip-preview");
      const outputs = JSON.parse(await pulumi("stack", "output", "--json", "--show-secrets"));
      check(matches(outputs, expected.outputs), `stack outputs ${JSON.stringify(outputs)}`);
      const n = await requests();
      check(n === expected.requestsPerRead, `up made ${n} API requests, expected ${expected.requestsPerRead}`);
    });
    await step("refresh", async () => {
      // A change the refresh must see: it re-reads with the provider code stored in state.
      await admin("PUT", expected.refresh.put, expected.refresh.body);
      await requests();
      await pulumi("refresh", "--yes", "--skip-preview");
      const n = await requests();
      check(n === expected.requestsPerRead, `refresh made ${n} API requests, expected ${expected.requestsPerRead}`);
      const lookups = (await exported()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/turso:"));
      const seen = lookups.some((r) => recordedGroups(r).some((g) => g.locations?.includes(expected.refresh.location)));
      check(seen, `after refresh no resource in state has location ${expected.refresh.location}`);
      // The provider text records where the copy is, relative to the program: never a path of this machine.
      const texts = lookups.map((r) => String(r.outputs?.__provider));
      check(!texts.some((t) => t.includes(dir)), `a lookup's provider text holds the absolute path ${dir}`);
    });
    await step("destroy", async () => {
      await pulumi("destroy", "--yes", "--skip-preview");
      const n = await requests();
      check(n === 0, `destroy made ${n} API requests, expected none`);
      const left = await exported();
      check(left.length === 0, `${left.length} resources left in state after destroy`);
      await pulumi("stack", "rm", "--yes");
    });
  } catch (err) {
    return { steps, error: err.message };
  } finally {
    emulator?.stop();
  }
  return { steps };
}

module.exports = { runCell, run };
