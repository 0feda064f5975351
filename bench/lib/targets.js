// The targets of issues 15 and 21, against the figures of one run: tables for bench/results.md.
// Each issue's targets are data (TARGETS); the rows are computed from the run's summary.
"use strict";

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const signed = (ms) => `${ms >= 0 ? "+" : "−"}${round(Math.abs(ms) / 1000, 2)} s`;
const mark = (ok) => (ok ? "met" : "**not met**");

/**
 * Per issue: `ratio`, getGroup's added time at most that many times the floor's (at the counts
 * `ratioAt`, or every count, for the timings `ratioKeys`); `getGroupsMs`, getGroups' added time over
 * none at the largest count; `stateBytes`, the state growth per lookup at the largest count.
 */
const TARGETS = [
  { issue: 15, ratio: 1.1, getGroupsMs: 1000, stateBytes: 1.5 * 1024 },
  { issue: 21, ratio: 1.2, ratioAt: [100], ratioKeys: ["previewMs"], stateBytes: 2.5 * 1024 },
];

/** What `mode` adds over none in one summary line: wall or CPU time of preview or up, in ms. */
const added = (line, mode, key) => line.modes[mode][key] - line.modes.none[key];

const KEYS = [
  ["previewMs", "preview wall"],
  ["upMs", "up wall"],
  ["previewCpuMs", "preview CPU"],
  ["upCpuMs", "up CPU"],
];

/** getGroup's added time ÷ the floor's, per count, for wall and CPU time of preview and up. */
function ratioRows(summary, target) {
  const lines = summary.filter((l) => !target.ratioAt || target.ratioAt.includes(l.count));
  return lines.map((l) => {
    const cells = KEYS.map(([key]) => {
      if (target.ratioKeys && !target.ratioKeys.includes(key)) return "—";
      const [ours, floor] = [added(l, "getGroup", key), added(l, "floor", key)];
      const both = `(${signed(ours)} ÷ ${signed(floor)})`;
      // A floor that adds nothing (or less than nothing) is noise: there is no ratio to judge.
      if (floor <= 0) return `no ratio ${both}: the floor added nothing measurable`;
      return `${round(ours / floor)} ${both} ${mark(ours / floor <= target.ratio)}`;
    });
    return `| getGroup added ÷ floor added, at most ${target.ratio} | ${l.count} | ${cells.join(" | ")} |`;
  });
}

/** getGroups' added time over none at the largest count. */
function getGroupsRow(summary, target) {
  const l = summary[summary.length - 1];
  const cells = KEYS.map(
    ([key]) => `${signed(added(l, "getGroups", key))} ${mark(added(l, "getGroups", key) <= target.getGroupsMs)}`,
  );
  return `| getGroups added over none, at most +${target.getGroupsMs / 1000} s | ${l.count} groups | ${cells.join(" | ")} |`;
}

/** The state target: growth per lookup (per group for getGroups) at the largest count. */
function stateRow(summary, modes, target) {
  const l = summary[summary.length - 1];
  const cells = ["floor", "getGroup", "getGroups"]
    .filter((m) => modes.includes(m))
    .map((m) => {
      const b = l.modes[m].stateGrowthPerLookup;
      return `${m} ${b} B${m === "getGroups" ? " per group" : ""} ${mark(b <= target.stateBytes)}`;
    });
  const kb = target.stateBytes / 1024;
  return `State growth per lookup, at most ${kb} KB (${target.stateBytes} B), ${l.count} lookups: ${cells.join("; ")}.`;
}

/** The sections, or nothing when the run lacks a mode the targets compare. */
function targetLines(summary, modes) {
  const need = ["none", "floor", "getGroup", "getGroups"];
  if (!need.every((m) => modes.includes(m))) return [];
  return TARGETS.flatMap((target) => [
    `## Targets of issue ${target.issue} in this run`,
    "",
    "Computed from the medians above; wall time counts waiting for a core on a shared machine, CPU time (user + system of every process of the command) does not. Targets are for a benchmark to show, not a test to pass.",
    "",
    `| target | lookups | ${KEYS.map(([, name]) => name).join(" | ")} |`,
    `| --- | ---: | ${KEYS.map(() => "---").join(" | ")} |`,
    ...ratioRows(summary, target),
    ...(target.getGroupsMs === undefined ? [] : [getGroupsRow(summary, target)]),
    "",
    stateRow(summary, modes, target),
    "",
  ]);
}

module.exports = { targetLines };
