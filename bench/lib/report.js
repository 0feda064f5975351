// bench/results.md from the rows of one run: tables of medians, the profile summary, and the
// hand-written notes of the previous results.md (kept below NOTES_MARK across runs).
"use strict";
const { targetLines } = require("./targets");

const NOTES_MARK = "<!-- Notes below this line are written by hand; npm run bench keeps them. -->";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Medians per lookup count and mode; what each mode adds over none, and getGroup's added time over the floor's. */
function summarize(rows, counts, modes) {
  return counts.map((count) => {
    const of = (mode) => rows.filter((r) => r.mode === mode && r.count === count && r.repeat === 1);
    const med = (mode, key) => median(of(mode).map((r) => r[key]));
    const spread = (mode, key) => {
      const xs = of(mode).map((r) => r[key]);
      return Math.max(...xs) - Math.min(...xs);
    };
    const line = { count, modes: {} };
    for (const mode of modes) {
      line.modes[mode] = {
        previewMs: med(mode, "previewMs"),
        upMs: med(mode, "upMs"),
        previewCpuMs: med(mode, "previewCpuMs"),
        previewProgramCpuMs: med(mode, "previewProgramCpuMs"),
        previewProviderCpuMs: med(mode, "previewProviderCpuMs"),
        upCpuMs: med(mode, "upCpuMs"),
        previewSpreadMs: spread(mode, "previewMs"),
        upSpreadMs: spread(mode, "upMs"),
        previewRequests: med(mode, "previewRequests"),
        upRequests: med(mode, "upRequests"),
        stateGrowthPerLookup: round((med(mode, "stateBytes") - med("none", "stateBytes")) / count, 0),
        providerBytes: med(mode, "providerBytes") || 0,
        readParts: of(mode)[0]?.readParts,
        peakProgramMb: round(med(mode, "peakProgramKb") / 1024, 1),
        peakProviderMb: round(med(mode, "peakProviderKb") / 1024, 1),
      };
    }
    for (const op of ["preview", "up"]) {
      const added = (mode) => line.modes[mode][`${op}Ms`] - line.modes.none[`${op}Ms`];
      line[`${op}Added`] = Object.fromEntries(modes.filter((m) => m !== "none").map((m) => [m, added(m)]));
      // The target of issue 15: getGroup's added time within 1.1 x the floor's (when both were measured).
      const both = modes.includes("getGroup") && modes.includes("floor");
      line[`${op}GetGroupOverFloor`] = both ? round(added("getGroup") / added("floor")) : null;
    }
    return line;
  });
}

const s = (ms) => `${round(ms / 1000, 2)} s`;
const signed = (ms) => `${ms >= 0 ? "+" : "−"}${round(Math.abs(ms) / 1000, 2)} s`;

function timeTable(summary, modes, op) {
  const others = modes.filter((m) => m !== "none");
  const ratio = summary[0][`${op}GetGroupOverFloor`] !== null;
  const head = [
    "lookups",
    ...modes.map((m) => `${m}`),
    ...others.map((m) => `${m} − none`),
    ...(ratio ? ["getGroup added ÷ floor added"] : []),
  ];
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---:").join(" | ")} |`,
    ...summary.map((l) => {
      const cells = [
        l.count,
        ...modes.map((m) => `${s(l.modes[m][`${op}Ms`])} (±${round(l.modes[m][`${op}SpreadMs`] / 2000, 2)})`),
        ...others.map((m) => signed(l[`${op}Added`][m])),
        ...(ratio ? [l[`${op}GetGroupOverFloor`]] : []),
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}

function cpuTable(summary, modes) {
  const head = ["lookups", ...modes.flatMap((m) => [`${m} preview`, `${m} up`])];
  const split = (m) => ["program", "provider"].map((k) => `${m} ${k}`);
  const reads = modes.filter((m) => !["none", "axios"].includes(m));
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---:").join(" | ")} |`,
    ...summary.map(
      (l) =>
        `| ${l.count} | ${modes.flatMap((m) => [s(l.modes[m].previewCpuMs), s(l.modes[m].upCpuMs)]).join(" | ")} |`,
    ),
    "",
    "Of the preview's CPU time, the program's and the provider process's (the dynamic provider's; for invoke, the plugin's), from /proc:",
    "",
    `| lookups | none program | ${reads.flatMap(split).join(" | ")} |`,
    `| ---: | ---: | ${reads
      .flatMap(split)
      .map(() => "---:")
      .join(" | ")} |`,
    ...summary.map((l) => {
      const cells = reads.flatMap((m) => [s(l.modes[m].previewProgramCpuMs), s(l.modes[m].previewProviderCpuMs)]);
      return `| ${l.count} | ${s(l.modes.none.previewProgramCpuMs)} | ${cells.join(" | ")} |`;
    }),
  ];
}

function stateTable(summary, modes) {
  const reads = modes.filter((m) => !["none", "axios"].includes(m));
  const last = summary[summary.length - 1];
  return [
    `| lookups | ${reads.map((m) => `${m}: state growth per ${m === "getGroups" ? "group" : "lookup"}`).join(" | ")} |`,
    `| ---: | ${reads.map(() => "---:").join(" | ")} |`,
    ...summary.map((l) => `| ${l.count} | ${reads.map((m) => `${l.modes[m].stateGrowthPerLookup} B`).join(" | ")} |`),
    "",
    `One read in state (compact JSON bytes, ${last.count}-lookup stacks; the file itself is indented, hence the larger growth above):`,
    "",
    "| mode | `__provider` text | provider text × 2 (inputs and outputs) | other inputs | other outputs | the rest (urn, type, id, parent, provider reference, dates) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...reads.map((m) => {
      const p = last.modes[m].readParts;
      // An invoke records no read: nothing to break down.
      if (p === undefined) return `| ${m} | — | — | — | — | — (no read in state) |`;
      return `| ${m} | ${last.modes[m].providerBytes} | ${p.providerTwice} | ${p.inputs} | ${p.outputs} | ${p.rest} |`;
    }),
  ];
}

/** API requests (preview / up) of the modes that send them; peak RSS of the program and the provider. */
function requestsTable(summary, modes) {
  const http = modes.filter((m) => ["axios", "getGroup", "getGroups"].includes(m));
  const reads = modes.filter((m) => !["none", "axios"].includes(m));
  const head = [
    "lookups",
    ...http.map((m) => `${m} GETs, preview / up`),
    ...modes.map((m) => `peak RSS program: ${m}`),
    ...reads.map((m) => `peak RSS provider: ${m}`),
  ];
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---:").join(" | ")} |`,
    ...summary.map((l) => {
      const m = l.modes;
      const cells = [
        l.count,
        ...http.map((k) => `${m[k].previewRequests} / ${m[k].upRequests}`),
        ...modes.map((k) => `${m[k].peakProgramMb} MB`),
        ...reads.map((k) => `${m[k].peakProviderMb} MB`),
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}

function profileTables(profiles) {
  if (!profiles || profiles.runs.length === 0) return [];
  const names = profiles.functions;
  const lines = [
    "## Where the time goes (profile)",
    "",
    `One \`pulumi preview\` of ${profiles.count} lookups per mode with \`NODE_OPTIONS=--cpu-prof\` (so every Node.js process the preview starts writes a profile: the program and the dynamic-provider process). Milliseconds of CPU; profiling slows a run, so compare columns with each other, not with the wall times above. *Inclusive* time counts what a function calls; the rows overlap.`,
    "",
    "CPU time (ms, from /proc and bash's `times`) of the profiled previews, by process:",
    "",
    "| mode | preview wall | CPU, all processes | program | dynamic provider | the rest: CLI and engine, language host | promises with a stack trace (debuggablePromise) | the same, per lookup over none |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...profiles.runs.map((run) => {
      const { program, provider } = run.processCpuMs;
      const rest = run.previewCpuMs - program - provider;
      const none = profiles.runs.find((r) => r.mode === "none")?.promises ?? 0;
      const perLookup = round((run.promises - none) / profiles.count, 1);
      return `| ${run.mode} | ${run.previewMs} | ${run.previewCpuMs} | ${program} | ${provider} | ${rest} | ${run.promises} | ${perLookup} |`;
    }),
    "",
    "In each profile, by process (ms; *busy* is the process's wall time less its idle time, so it includes time spent waiting for a core):",
    "",
    `| process, mode | process wall | busy | idle | GC | ${names.map((n) => `\`${n}\``).join(" | ")} |`,
    `| --- | ---: | ---: | ---: | ---: | ${names.map(() => "---:").join(" | ")} |`,
  ];
  for (const run of profiles.runs) {
    for (const p of run.processes) {
      const cells = [p.wallMs, p.busyMs, p.idleMs, p.gcMs, ...names.map((n) => p.inclusive[n])];
      lines.push(`| ${p.kind}, ${run.mode} | ${cells.join(" | ")} |`);
    }
  }
  lines.push("", "Self time by code owner (the five busiest, ms):", "");
  for (const run of profiles.runs) {
    for (const p of run.processes) {
      lines.push(
        `- ${p.kind}, ${run.mode}: ${p.byOwner
          .slice(0, 5)
          .map((o) => `${o.name} ${o.ms}`)
          .join("; ")}`,
      );
    }
  }
  return [...lines, ""];
}

function markdown(result, previousMd) {
  const { summary, dedupe, client, environment, settings, profiles } = result;
  const modes = settings.modes;
  const notes = previousMd.includes(NOTES_MARK) ? previousMd.slice(previousMd.indexOf(NOTES_MARK)) : NOTES_MARK + "\n";
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${result.date}. Medians of ${settings.runs} runs per scenario (± half the range), modes alternating; emulator latency ${settings.latencyMs} ms; \`PULUMI_NODEJS_TRANSPILE_ONLY=true\` for every program. ${settings.contention}`,
    "",
    "`none`: the same program with no lookup. `axios`: the same GETs with plain axios inside the program (no dynamic provider). `floor`: the trivial dynamic provider, whose `read` returns a constant, with one read per lookup as getGroup has: the floor of this design. `getGroup`: this data source.",
    modes.includes("getGroups")
      ? "`getGroups`: the list lookup, one request and one read of an organization the bench seeds with exactly as many groups as the count (`bench-1`, `bench-10`, `bench-100`), then each group's primary from the list; its state figures are per group."
      : "`getGroups`: not measured in this run (BENCH_MODES in bench/run.js).",
    "",
    "## Preview wall time",
    "",
    ...timeTable(summary, modes, "preview"),
    "",
    "## Up wall time",
    "",
    ...timeTable(summary, modes, "up"),
    "",
    "Targets: getGroup's added time within 1.1 × the floor's (issue 15), and within 1.2 × in a preview of 100 lookups (issue 21); see *Targets of issue 15 in this run* and *of issue 21* below. At 1 lookup both differences are within the noise of one run.",
    "",
    "## CPU time",
    "",
    "User + system CPU of every process of the command (CLI and engine, language host, program, dynamic provider), from bash's `times`; medians. On 2 cores, a run whose CPU time approaches twice its wall time is bound by CPU.",
    "",
    ...cpuTable(summary, modes),
    "",
    "## State",
    "",
    ...stateTable(summary, modes),
    "",
    "## Requests and memory",
    "",
    ...requestsTable(summary, modes),
    "",
    dedupe
      ? `Asking for ${dedupe.count} groups ${dedupe.repeat} times each (${dedupe.count * dedupe.repeat} calls): getGroup sent ${dedupe.getGroup.previewRequests} GETs in preview and ${dedupe.getGroup.upRequests} in up; plain axios sent ${dedupe.axios.previewRequests} and ${dedupe.axios.upRequests}. The floor is one per unique group per operation: ${dedupe.count}.`
      : "Repeated asks (10 groups × 10): not measured in this run (they need the axios and getGroup modes).",
    "",
    ...targetLines(summary, modes),
    ...profileTables(profiles),
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
    notes,
  ];
  return lines.join("\n");
}

module.exports = { summarize, markdown, median, round };
