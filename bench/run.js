// npm run bench: what a lookup costs, measured side by side in one run against the emulator.
// Writes bench/results.json and bench/results.md. Settings (environment):
//   BENCH_RUNS (3)  runs per scenario, alternating modes;  BENCH_LATENCY_MS (20)  emulator latency
//   BENCH_COUNTS ("1,10,100")  lookups per program;  BENCH_CLIENT_LOOKUPS (300)  client-alone lookups
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const PROGRAM = path.join(__dirname, "program");
const WORK = path.join(__dirname, "tmp");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 20);
const COUNTS = (process.env.BENCH_COUNTS || "1,10,100").split(",").map(Number);
const CLIENT_LOOKUPS = Number(process.env.BENCH_CLIENT_LOOKUPS || 300);
const MODES = ["none", "axios", "getGroup"];
const TOKEN = "bench-token";

const { startEmulator } = require(path.join(ROOT, "sdk/dist/emulator"));
const { TursoClient } = require(path.join(ROOT, "sdk/dist/client/http"));
const { DEFAULT_RETRY_POLICY } = require(path.join(ROOT, "sdk/dist/client/retry"));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

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

async function scenario(emu, mode, count, repeat, run) {
  const stack = `b-${mode}-${count}x${repeat}-${run}`;
  const backend = path.join(WORK, "backend");
  const env = {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    TURSO_API_BASEURL: emu.url,
    TURSO_API_TOKEN: TOKEN,
  };
  await pulumi(["stack", "init"], stack, env);
  for (const [k, v] of Object.entries({ "bench:mode": mode, "bench:count": count, "bench:repeat": repeat })) {
    await pulumi(["config", "set", k, String(v)], stack, env);
  }
  emu.clearRequests();
  const stopPreview = watchMemory();
  const preview = await pulumi(["preview"], stack, env);
  const previewMem = stopPreview();
  const previewRequests = emu.requests().length;
  emu.clearRequests();
  const up = await pulumi(["up", "--yes", "--skip-preview"], stack, env);
  const upRequests = emu.requests().length;
  const stateFile = path.join(backend, ".pulumi", "stacks", "turso-bench", `${stack}.json`);
  const stateBytes = fs.statSync(stateFile).size;
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const reads = (state.checkpoint.latest.resources || []).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
  const providerBytes = reads.length ? Buffer.byteLength(reads[0].outputs.__provider) : 0;
  await pulumi(["stack", "rm", "--yes", "--force"], stack, env);
  return {
    mode,
    count,
    repeat,
    run,
    previewMs: round(preview.ms, 0),
    upMs: round(up.ms, 0),
    previewRequests,
    upRequests,
    stateBytes,
    providerBytes,
    reads: reads.length,
    peakProgramKb: previewMem.program,
    peakProviderKb: previewMem.provider,
  };
}

async function clientAlone(emu) {
  const groups = Array.from({ length: 100 }, (_, i) => `g${i}`);
  const ours = new TursoClient({
    baseUrl: emu.url,
    token: TOKEN,
    tokenSource: "bench",
    timeoutMs: 10_000,
    retry: DEFAULT_RETRY_POLICY,
    maxConcurrency: 8,
    maxResponseBytes: 1 << 20,
  });
  const axios = require("axios").create({ baseURL: emu.url, headers: { Authorization: `Bearer ${TOKEN}` } });
  const { createClient } = require("@tursodatabase/api");
  const official = createClient({ org: "acme", token: TOKEN, baseUrl: `${emu.url}/v1/` });
  const clients = {
    "pulumi-turso-group client": (g) => ours.getGroup({ organization: "acme", group: g }),
    "bare axios GET": (g) => axios.get(`/v1/organizations/acme/groups/${g}`),
    "@tursodatabase/api groups.get": (g) => official.groups.get(g),
  };
  const rates = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
  for (let round_ = 0; round_ < RUNS; round_++) {
    for (const [name, get] of Object.entries(clients)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < CLIENT_LOOKUPS; i++) await get(groups[i % groups.length]);
      rates[name].push(CLIENT_LOOKUPS / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
  }
  return Object.fromEntries(
    Object.entries(rates).map(([k, v]) => [
      k,
      { lookupsPerSecond: round(median(v), 0), runs: v.map((x) => round(x, 0)) },
    ]),
  );
}

function versions() {
  const v = (cmd, args) => {
    try {
      return require("node:child_process").execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  };
  const pkg = (name) => require(path.join(ROOT, "node_modules", name, "package.json")).version;
  return {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${round(os.totalmem() / 2 ** 30, 1)} GiB, ${os.type()} ${os.release()}`,
    node: process.version,
    pulumiCli: v("pulumi", ["version"]),
    "@pulumi/pulumi": pkg("@pulumi/pulumi"),
    axios: pkg("axios"),
    "@tursodatabase/api": pkg("@tursodatabase/api"),
    "pulumi-turso-group": require(path.join(ROOT, "sdk/package.json")).version,
  };
}

function summarize(rows) {
  const out = [];
  for (const count of COUNTS) {
    const med = (mode, key) =>
      median(rows.filter((r) => r.mode === mode && r.count === count && r.repeat === 1).map((r) => r[key]));
    const line = { count };
    for (const mode of MODES) {
      line[`${mode}PreviewMs`] = med(mode, "previewMs");
      line[`${mode}UpMs`] = med(mode, "upMs");
    }
    line.previewVsNone = round(line.getGroupPreviewMs / line.nonePreviewMs);
    line.previewVsAxios = round(line.getGroupPreviewMs / line.axiosPreviewMs);
    line.upVsNone = round(line.getGroupUpMs / line.noneUpMs);
    line.upVsAxios = round(line.getGroupUpMs / line.axiosUpMs);
    const g = rows.filter((r) => r.mode === "getGroup" && r.count === count && r.repeat === 1);
    const none = rows.filter((r) => r.mode === "none" && r.count === count && r.repeat === 1);
    line.previewRequests = median(g.map((r) => r.previewRequests));
    line.upRequests = median(g.map((r) => r.upRequests));
    line.providerBytes = median(g.map((r) => r.providerBytes));
    line.stateGrowthPerLookup = round(
      (median(g.map((r) => r.stateBytes)) - median(none.map((r) => r.stateBytes))) / count,
      0,
    );
    line.peakProgramMb = round(median(g.map((r) => r.peakProgramKb)) / 1024, 1);
    line.peakProviderMb = round(median(g.map((r) => r.peakProviderKb)) / 1024, 1);
    line.peakProgramMbAxios = round(
      median(rows.filter((r) => r.mode === "axios" && r.count === count).map((r) => r.peakProgramKb)) / 1024,
      1,
    );
    out.push(line);
  }
  return out;
}

function markdown(result) {
  const { summary, dedupe, client, environment, settings } = result;
  const s = (ms) => `${round(ms / 1000, 2)} s`;
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${result.date}. Medians of ${settings.runs} runs per scenario, modes alternating; emulator latency ${settings.latencyMs} ms; \`PULUMI_NODEJS_TRANSPILE_ONLY=true\` for every program.`,
    "",
    "## Preview and up wall time",
    "",
    "`none`: the same program with no lookup. `axios`: the same GETs with plain axios inside the program (no dynamic provider). `getGroup`: this data source.",
    "",
    "| lookups | preview none | preview axios | preview getGroup | × none | × axios | up none | up axios | up getGroup | × none | × axios |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map(
      (l) =>
        `| ${l.count} | ${s(l.nonePreviewMs)} | ${s(l.axiosPreviewMs)} | ${s(l.getGroupPreviewMs)} | ${l.previewVsNone} | ${l.previewVsAxios} | ${s(l.noneUpMs)} | ${s(l.axiosUpMs)} | ${s(l.getGroupUpMs)} | ${l.upVsNone} | ${l.upVsAxios} |`,
    ),
    "",
    "## Requests, state and memory (getGroup)",
    "",
    "| lookups | GETs in preview | GETs in up | `__provider` bytes (per lookup) | state growth per lookup | peak RSS program | peak RSS provider | peak RSS program (axios) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map(
      (l) =>
        `| ${l.count} | ${l.previewRequests} | ${l.upRequests} | ${l.providerBytes} | ${l.stateGrowthPerLookup} B | ${l.peakProgramMb} MB | ${l.peakProviderMb} MB | ${l.peakProgramMbAxios} MB |`,
    ),
    "",
    `Asking for ${dedupe.count} groups ${dedupe.repeat} times each (${dedupe.count * dedupe.repeat} calls): getGroup sent ${dedupe.getGroup.previewRequests} GETs in preview and ${dedupe.getGroup.upRequests} in up; plain axios sent ${dedupe.axios.previewRequests} and ${dedupe.axios.upRequests}. The floor is one per unique group per operation: ${dedupe.count}.`,
    "",
    "## The client alone",
    "",
    `${settings.clientLookups} sequential lookups against the emulator (no latency), median of ${settings.runs} rounds:`,
    "",
    "| client | lookups per second |",
    "| --- | ---: |",
    ...Object.entries(client).map(([k, v]) => `| ${k} | ${v.lookupsPerSecond} |`),
    "",
    "## Environment",
    "",
    ...Object.entries(environment).map(([k, v]) => `- ${k}: ${v}`),
    "",
  ];
  return lines.join("\n");
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(path.join(WORK, "backend"), { recursive: true });
  const groups = Array.from({ length: Math.max(...COUNTS, 100) }, (_, i) => ({
    name: `g${i}`,
    primary: "fra",
    locations: ["fra", "ams"],
  }));
  const emu = await startEmulator({
    seed: {
      users: [{ name: "bench", token: TOKEN, organizations: ["acme"] }],
      organizations: { acme: { groups } },
      latencyMs: LATENCY_MS,
    },
  });
  const rows = [];
  try {
    for (const count of COUNTS) {
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order of the modes between runs, so drift on a shared machine hits all of them.
        const order = run % 2 ? [...MODES].reverse() : MODES;
        for (const mode of order) {
          const row = await scenario(emu, mode, count, 1, run);
          rows.push(row);
          console.log(
            `${mode.padEnd(8)} x${String(count).padStart(3)} run ${run}: preview ${row.previewMs} ms, up ${row.upMs} ms, GETs ${row.previewRequests}/${row.upRequests}`,
          );
        }
      }
    }
    const dedupe = { count: 10, repeat: 10 };
    for (const mode of ["axios", "getGroup"]) dedupe[mode] = await scenario(emu, mode, dedupe.count, dedupe.repeat, 0);
    rows.push(dedupe.axios, dedupe.getGroup);
    await fetch(`${emu.url}/__emulator/latency`, { method: "PUT", body: JSON.stringify({ ms: 0 }) });
    const client = await clientAlone(emu);
    const result = {
      date: new Date().toISOString(),
      settings: {
        runs: RUNS,
        latencyMs: LATENCY_MS,
        counts: COUNTS,
        clientLookups: CLIENT_LOOKUPS,
        transpileOnly: true,
      },
      environment: versions(),
      summary: summarize(rows),
      dedupe: { count: dedupe.count, repeat: dedupe.repeat, axios: dedupe.axios, getGroup: dedupe.getGroup },
      client,
      rows,
    };
    fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(result, null, 2) + "\n");
    fs.writeFileSync(path.join(__dirname, "results.md"), markdown(result));
    console.log(`\nwrote bench/results.md and bench/results.json`);
  } finally {
    await emu.stop();
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
