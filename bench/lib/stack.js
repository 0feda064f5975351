// One benchmark stack: init, config, preview, up, state, rm; optionally profiled with node --cpu-prof.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const PROGRAM = path.join(__dirname, "..", "program");

/**
 * Watches the program and provider processes (the dynamic provider's, or the plugin's) of one command (those whose environment holds
 * `BENCH_TAG=tag`: other work on the machine is left out) until the returned function is called:
 * their peak resident memory (VmHWM, kB) and CPU time (user + system, ms; the last value seen, up
 * to one 25 ms poll short).
 */
const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

function watchProcesses(tag) {
  const peak = { program: 0, provider: 0 };
  const cpu = { program: new Map(), provider: new Map() };
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        // The provider process: Pulumi's dynamic-provider host, or this package's plugin (invoke).
        // The plugin: node running dist/plugin/main.js, or the standalone executable (mode executable).
        const kind =
          cmd.includes("cmd/dynamic-provider") ||
          cmd.includes("dist/plugin/main.js") ||
          cmd.includes("pulumi-resource-turso-group\0")
            ? "provider"
            : cmd.includes("@pulumi/pulumi/cmd/run") || cmd.includes("pulumi/cmd/run/index")
              ? "program"
              : undefined;
        if (!kind || !fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(`\0BENCH_TAG=${tag}\0`)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak[kind] = Math.max(peak[kind], Number(hwm[1]));
        // fields after the command name: state is the 3rd field of stat, utime the 14th, stime the 15th
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpu[kind].set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
      } catch {
        // the process ended between the listing and the read
      }
    }
  }, 25);
  const sum = (m) => Math.round([...m.values()].reduce((a, b) => a + b, 0));
  return () => {
    clearInterval(timer);
    return { peak, cpuMs: { program: sum(cpu.program), provider: sum(cpu.provider) } };
  };
}

// bash's `times` gives the CPU time of every process the command started and waited for: the CLI
// and engine, the language host, the program and the dynamic-provider process, all together.
const WITH_TIMES = 'pulumi "$@"; code=$?; times >"$BENCH_TIMES_FILE"; exit $code';

/** Seconds of user + system CPU of the children, from the second line of `times`. */
function childCpuMs(file) {
  const line = fs.readFileSync(file, "utf8").trim().split("\n")[1] ?? "";
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, sec]) => Number(m) * 60 + Number(sec));
  return Math.round(secs.reduce((a, b) => a + b, 0) * 1000);
}

let timesFileSeq = 0;

/**
 * The program folder of a mode, and the bench:mode its program runs: `executable` is the invoke
 * program with the standalone plugin executable (a copy of the program, made by run.js, whose
 * Pulumi.yaml names the executable's folder: ctx.programs.executable).
 */
function programOf(ctx, mode) {
  return mode === "executable" ? { cwd: ctx.programs.executable, mode: "invoke" } : { cwd: PROGRAM, mode };
}

/** Runs one pulumi command on `stack`: its wall time (ms), CPU time of all its processes (ms) and output. */
function pulumi(args, stack, env, cwd = PROGRAM) {
  const timesFile = path.join(os.tmpdir(), `bench-times-${process.pid}-${timesFileSeq++}`);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("bash", ["-c", WITH_TIMES, "bash", ...args, "--stack", stack, "--non-interactive"], {
      cwd,
      env: { ...process.env, ...env, BENCH_TIMES_FILE: timesFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpuMs = fs.existsSync(timesFile) ? childCpuMs(timesFile) : undefined;
      fs.rmSync(timesFile, { force: true });
      if (code === 0) resolve({ ms, cpuMs, out });
      else reject(new Error(`pulumi ${args.join(" ")} exited ${code}\n${out}`));
    });
  });
}

/** What the reads of one stack leave in its state: per-read bytes, split by part. */
function stateOf(stateFile) {
  const bytes = (v) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const reads = (state.checkpoint.latest.resources || []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  const first = reads[0];
  if (!first) return { stateBytes: fs.statSync(stateFile).size, reads: 0 };
  const without = (o) => Object.fromEntries(Object.entries(o || {}).filter(([k]) => k !== "__provider"));
  const providerBytes = Buffer.byteLength(first.outputs.__provider);
  const rest = { ...first, inputs: undefined, outputs: undefined };
  return {
    stateBytes: fs.statSync(stateFile).size,
    reads: reads.length,
    providerBytes,
    // compact JSON of one read: the provider text (inputs and outputs each hold it), the other
    // inputs, the other outputs, and the rest (urn, type, id, parent, provider reference, dates)
    readParts: {
      providerTwice: bytes(first.inputs.__provider) + bytes(first.outputs.__provider),
      inputs: bytes(without(first.inputs)),
      outputs: bytes(without(first.outputs)),
      rest: bytes(rest),
    },
  };
}

/** A fresh stack of the bench program with `config`, given to `body`, removed afterwards. */
async function withStack(ctx, stack, config, body, cwd = PROGRAM) {
  await pulumi(["stack", "init"], stack, ctx.env, cwd);
  const pairs = Object.entries(config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]);
  await pulumi(["config", "set-all", ...pairs], stack, ctx.env, cwd);
  try {
    return await body();
  } finally {
    await pulumi(["stack", "rm", "--yes", "--force"], stack, ctx.env, cwd);
  }
}

/** Preview then up of `count` lookups by `mode`: wall times, GETs at the emulator, state, memory. */
async function scenario(ctx, mode, count, repeat, run) {
  const stack = `b-${mode}-${count}x${repeat}-${run}`;
  const program = programOf(ctx, mode);
  const config = { "bench:mode": program.mode, "bench:count": count, "bench:repeat": repeat };
  return withStack(
    ctx,
    stack,
    config,
    async () => {
      ctx.emu.clearRequests();
      const tag = `${process.pid}-${stack}`;
      const stopPreview = watchProcesses(tag);
      const preview = await pulumi(["preview"], stack, { ...ctx.env, BENCH_TAG: tag }, program.cwd);
      const previewProcs = stopPreview();
      const previewRequests = ctx.emu.requests().length;
      ctx.emu.clearRequests();
      const up = await pulumi(["up", "--yes", "--skip-preview"], stack, ctx.env, program.cwd);
      const upRequests = ctx.emu.requests().length;
      const stateFile = path.join(ctx.backend, ".pulumi", "stacks", "turso-bench", `${stack}.json`);
      return {
        mode,
        count,
        repeat,
        run,
        previewMs: Math.round(preview.ms),
        upMs: Math.round(up.ms),
        previewCpuMs: preview.cpuMs,
        upCpuMs: up.cpuMs,
        previewRequests,
        upRequests,
        ...stateOf(stateFile),
        peakProgramKb: previewProcs.peak.program,
        peakProviderKb: previewProcs.peak.provider,
        previewProgramCpuMs: previewProcs.cpuMs.program,
        previewProviderCpuMs: previewProcs.cpuMs.provider,
      };
    },
    program.cwd,
  );
}

/**
 * One preview with `node --cpu-prof` in every Node.js process it starts (the program and the
 * dynamic-provider process), the profiles written to `dir`. The engine stops the provider with a
 * signal, which would end it before --cpu-prof writes: exit-on-signal.js turns it into an exit.
 * count-promises.js counts the promises the program's Pulumi SDK wraps with a stack trace.
 */
async function profiledPreview(ctx, mode, count, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const hooks = ["exit-on-signal.js", "count-promises.js"].map((f) => `--require ${path.join(__dirname, f)}`);
  const env = {
    ...ctx.env,
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} ${hooks.join(" ")}`,
    BENCH_COUNT_DIR: dir,
  };
  return withStack(ctx, `p-${mode}-${count}`, { "bench:mode": mode, "bench:count": count }, async () => {
    const tag = `${process.pid}-p-${mode}-${count}`;
    const stop = watchProcesses(tag);
    const preview = await pulumi(["preview"], `p-${mode}-${count}`, { ...env, BENCH_TAG: tag });
    const { cpuMs } = stop();
    const counts = fs.readdirSync(dir).filter((f) => f.startsWith("promises-"));
    const promises = counts.reduce(
      (n, f) => n + JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).debuggablePromise,
      0,
    );
    return { previewMs: Math.round(preview.ms), previewCpuMs: preview.cpuMs, processCpuMs: cpuMs, promises };
  });
}

module.exports = { pulumi, scenario, profiledPreview };
