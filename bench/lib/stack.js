// One benchmark stack: init, config, preview, up, state, rm; optionally profiled with node --cpu-prof.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const PROGRAM = path.join(__dirname, "..", "program");

/** Peak resident memory (VmHWM, kB) of the program and dynamic-provider processes while `run` runs. */
function watchMemory() {
  const peak = { program: 0, provider: 0 };
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        const kind = cmd.includes("cmd/dynamic-provider")
          ? "provider"
          : cmd.includes("@pulumi/pulumi/cmd/run") || cmd.includes("pulumi/cmd/run/index")
            ? "program"
            : undefined;
        if (!kind) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak[kind] = Math.max(peak[kind], Number(hwm[1]));
      } catch {
        // the process ended between the listing and the read
      }
    }
  }, 25);
  return () => (clearInterval(timer), peak);
}

function pulumi(args, stack, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("pulumi", [...args, "--stack", stack, "--non-interactive"], {
      cwd: PROGRAM,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) resolve({ ms, out });
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
async function withStack(ctx, stack, config, body) {
  await pulumi(["stack", "init"], stack, ctx.env);
  const pairs = Object.entries(config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]);
  await pulumi(["config", "set-all", ...pairs], stack, ctx.env);
  try {
    return await body();
  } finally {
    await pulumi(["stack", "rm", "--yes", "--force"], stack, ctx.env);
  }
}

/** Preview then up of `count` lookups by `mode`: wall times, GETs at the emulator, state, memory. */
async function scenario(ctx, mode, count, repeat, run) {
  const stack = `b-${mode}-${count}x${repeat}-${run}`;
  const config = { "bench:mode": mode, "bench:count": count, "bench:repeat": repeat };
  return withStack(ctx, stack, config, async () => {
    ctx.emu.clearRequests();
    const stopPreview = watchMemory();
    const preview = await pulumi(["preview"], stack, ctx.env);
    const previewMem = stopPreview();
    const previewRequests = ctx.emu.requests().length;
    ctx.emu.clearRequests();
    const up = await pulumi(["up", "--yes", "--skip-preview"], stack, ctx.env);
    const upRequests = ctx.emu.requests().length;
    const stateFile = path.join(ctx.backend, ".pulumi", "stacks", "turso-bench", `${stack}.json`);
    return {
      mode,
      count,
      repeat,
      run,
      previewMs: Math.round(preview.ms),
      upMs: Math.round(up.ms),
      previewRequests,
      upRequests,
      ...stateOf(stateFile),
      peakProgramKb: previewMem.program,
      peakProviderKb: previewMem.provider,
    };
  });
}

/**
 * One preview with `node --cpu-prof` in every Node.js process it starts (the program and the
 * dynamic-provider process), the profiles written to `dir`. The engine stops the provider with a
 * signal, which would end it before --cpu-prof writes: exit-on-signal.js turns it into an exit.
 */
async function profiledPreview(ctx, mode, count, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const hook = path.join(__dirname, "exit-on-signal.js");
  const env = { ...ctx.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --require ${hook}` };
  return withStack(ctx, `p-${mode}-${count}`, { "bench:mode": mode, "bench:count": count }, async () => {
    const preview = await pulumi(["preview"], `p-${mode}-${count}`, env);
    return { previewMs: Math.round(preview.ms) };
  });
}

module.exports = { pulumi, scenario, profiledPreview };
