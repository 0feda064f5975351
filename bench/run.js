// npm run bench: what a lookup costs, measured side by side in one run against the emulator.
// Writes bench/results.json and bench/results.md. Settings (environment):
//   BENCH_RUNS (3)  runs per scenario, alternating modes;  BENCH_LATENCY_MS (20)  emulator latency
//   BENCH_COUNTS ("1,10,100")  lookups per program;  BENCH_CLIENT_LOOKUPS (300)  client-alone lookups
//   BENCH_PROFILE_COUNT (100)  lookups of the profiled previews (0: no profile)
//   BENCH_OUT (bench/)  where results.md and results.json go
//   BENCH_MODES ("none,axios,floor,getGroup,getGroups,invoke,executable")  the modes compared, none first;
//     executable: the invoke program with the standalone plugin executable (bench/lib/executable.js)
//   BENCH_PLUGIN_ARCHIVE  the executable's archive for this platform (default: built into bench/tmp/)
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { scenario, profiledPreview } = require("./lib/stack");
const { executableProgram } = require("./lib/executable");
const { summarizeDir } = require("./lib/profile");
const { summarize, markdown, median, round } = require("./lib/report");

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(__dirname, "tmp");
const OUT = path.resolve(process.env.BENCH_OUT || __dirname);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 20);
const COUNTS = (process.env.BENCH_COUNTS || "1,10,100").split(",").map(Number);
const CLIENT_LOOKUPS = Number(process.env.BENCH_CLIENT_LOOKUPS || 300);
const PROFILE_COUNT = Number(process.env.BENCH_PROFILE_COUNT ?? 100);
// getGroups at count N reads organization bench-N, seeded with exactly N groups, in one request and
// one read; the other modes look up N of acme's groups one by one.
const MODES = (process.env.BENCH_MODES || "none,axios,floor,getGroup,getGroups,invoke,executable").split(",");
// Functions whose inclusive CPU time the profile table shows (see bench/results.md for what they are).
const PROFILED_FUNCTIONS = [
  "require",
  "CustomResource",
  "transferProperties",
  "debuggablePromise",
  "prepareStackTrace",
  "readResource",
  "read",
];
// The modes profiled (those of MODES among them): none, the floor and the two data sources.
const PROFILED_MODES = ["none", "floor", "getGroup", "getGroups"].filter((m) => MODES.includes(m));
const TOKEN = "bench-token";

const { startEmulator } = require(path.join(ROOT, "sdk/dist/emulator"));
const { TursoClient } = require(path.join(ROOT, "sdk/dist/core/client/http"));
const { resolveSettings } = require(path.join(ROOT, "sdk/dist/core/settings"));

async function clientAlone(emu) {
  const groups = Array.from({ length: 100 }, (_, i) => `g${i}`);
  // The settings a lookup would resolve in the provider process: defaults, the emulator, the token.
  const ours = new TursoClient(
    resolveSettings(() => undefined, { TURSO_API_BASEURL: emu.url, TURSO_API_TOKEN: TOKEN }),
  );
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

/** The CPU profiles of one preview per mode, `count` lookups each. */
async function profiles(ctx, count) {
  const runs = [];
  for (const mode of PROFILED_MODES) {
    const dir = path.join(WORK, "profiles", mode);
    const measured = await profiledPreview(ctx, mode, count, dir);
    runs.push({ mode, ...measured, processes: summarizeDir(dir, PROFILED_FUNCTIONS) });
    console.log(
      `profiled ${mode} x${count}: preview ${measured.previewMs} ms, profiles in ${path.relative(ROOT, dir)}`,
    );
  }
  return { count, functions: PROFILED_FUNCTIONS, runs };
}

const load = () =>
  os
    .loadavg()
    .map((x) => round(x, 2))
    .join(" / ");

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  const backend = path.join(WORK, "backend");
  fs.mkdirSync(backend, { recursive: true });
  const loadBefore = load();
  const groups = (n) =>
    Array.from({ length: n }, (_, i) => ({ name: `g${i}`, primary: "fra", locations: ["fra", "ams"] }));
  // acme for the lookups one by one (clientAlone reads 100 of its groups); bench-N with N groups for
  // getGroups, for every count and for the profiled preview.
  const organizations = { acme: { groups: groups(Math.max(...COUNTS, 100)) } };
  for (const n of new Set([...COUNTS, PROFILE_COUNT])) if (n > 0) organizations[`bench-${n}`] = { groups: groups(n) };
  const emu = await startEmulator({
    seed: {
      users: [{ name: "bench", token: TOKEN, organizations: Object.keys(organizations) }],
      organizations,
      latencyMs: LATENCY_MS,
    },
  });
  const ctx = {
    emu,
    backend,
    env: {
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: "bench",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      TURSO_API_BASEURL: emu.url,
      TURSO_API_TOKEN: TOKEN,
    },
    programs: MODES.includes("executable") ? { executable: executableProgram(WORK) } : {},
  };
  const rows = [];
  try {
    for (const count of COUNTS) {
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order of the modes between runs, so drift on a shared machine hits all of them.
        const order = run % 2 ? [...MODES].reverse() : MODES;
        for (const mode of order) {
          const row = await scenario(ctx, mode, count, 1, run);
          rows.push(row);
          console.log(
            `${mode.padEnd(8)} x${String(count).padStart(3)} run ${run}: preview ${row.previewMs} ms, up ${row.upMs} ms, GETs ${row.previewRequests}/${row.upRequests}, state ${row.stateBytes} B`,
          );
        }
      }
    }
    // The same 10 groups asked 10 times each, by getGroup and by plain axios (when both are measured).
    let dedupe;
    if (MODES.includes("axios") && MODES.includes("getGroup")) {
      dedupe = { count: 10, repeat: 10 };
      for (const mode of ["axios", "getGroup"])
        dedupe[mode] = await scenario(ctx, mode, dedupe.count, dedupe.repeat, 0);
      rows.push(dedupe.axios, dedupe.getGroup);
    }
    const profiled = PROFILE_COUNT > 0 ? await profiles(ctx, PROFILE_COUNT) : undefined;
    const reset = await fetch(`${emu.url}/__emulator/latency`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: 0 }),
    });
    if (!reset.ok) throw new Error(`the emulator refused the latency reset: ${reset.status} ${await reset.text()}`);
    const client = await clientAlone(emu);
    const result = {
      date: new Date().toISOString(),
      settings: {
        runs: RUNS,
        latencyMs: LATENCY_MS,
        counts: COUNTS,
        modes: MODES,
        clientLookups: CLIENT_LOOKUPS,
        transpileOnly: true,
        contention: `The machine has ${os.cpus().length} cores shared with other work running at the same time (other sessions' builds and tests): load average (1 / 5 / 15 min) ${loadBefore} at the start, ${load()} at the end. Differences under about half a second are within that noise.`,
      },
      environment: versions(),
      summary: summarize(rows, COUNTS, MODES),
      dedupe,
      profiles: profiled,
      client,
      rows,
    };
    // BENCH_OUT may name a folder that does not exist yet: a whole run's figures must not be lost.
    fs.mkdirSync(OUT, { recursive: true });
    const mdFile = path.join(OUT, "results.md");
    const previous = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, "utf8") : "";
    fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify(result, null, 2) + "\n");
    fs.writeFileSync(mdFile, markdown(result, previous));
    console.log(`\nwrote ${path.relative(process.cwd(), mdFile)} and results.json`);
  } finally {
    await emu.stop();
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
