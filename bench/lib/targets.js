// The targets of issue 15, against the figures of one run: a table for bench/results.md.
"use strict";

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const signed = (ms) => `${ms >= 0 ? "+" : "−"}${round(Math.abs(ms) / 1000, 2)} s`;
const mark = (ok) => (ok ? "met" : "**not met**");

const RATIO = 1.1; // getGroup's added time at most 1.1 × the floor's
const GETGROUPS_MS = 1000; // getGroups' added time over none at most +1.0 s
const STATE_BYTES = 1.5 * 1024; // state growth per lookup at most 1.5 KB

/** What `mode` adds over none in one summary line: wall or CPU time of preview or up, in ms. */
const added = (line, mode, key) => line.modes[mode][key] - line.modes.none[key];

const KEYS = [
  ["previewMs", "preview wall"],
  ["upMs", "up wall"],
  ["previewCpuMs", "preview CPU"],
  ["upCpuMs", "up CPU"],
];

/** getGroup's added time ÷ the floor's, per count, for wall and CPU time of preview and up. */
function ratioRows(summary) {
  return summary.map((l) => {
    const cells = KEYS.map(([key]) => {
      const [ours, floor] = [added(l, "getGroup", key), added(l, "floor", key)];
      const both = `(${signed(ours)} ÷ ${signed(floor)})`;
      // A floor that adds nothing (or less than nothing) is noise: there is no ratio to judge.
      if (floor <= 0) return `no ratio ${both}: the floor added nothing measurable`;
      return `${round(ours / floor)} ${both} ${mark(ours / floor <= RATIO)}`;
    });
    return `| getGroup added ÷ floor added, at most ${RATIO} | ${l.count} | ${cells.join(" | ")} |`;
  });
}

/** getGroups' added time over none at the largest count. */
function getGroupsRow(summary) {
  const l = summary[summary.length - 1];
  const cells = KEYS.map(
    ([key]) => `${signed(added(l, "getGroups", key))} ${mark(added(l, "getGroups", key) <= GETGROUPS_MS)}`,
  );
  return `| getGroups added over none, at most +${GETGROUPS_MS / 1000} s | ${l.count} groups | ${cells.join(" | ")} |`;
}

/** The state targets: growth per lookup (per group for getGroups) at the largest count. */
function stateRow(summary, modes) {
  const l = summary[summary.length - 1];
  const cells = ["floor", "getGroup", "getGroups"]
    .filter((m) => modes.includes(m))
    .map((m) => {
      const b = l.modes[m].stateGrowthPerLookup;
      return `${m} ${b} B${m === "getGroups" ? " per group" : ""} ${mark(b <= STATE_BYTES)}`;
    });
  return `State growth per lookup, at most 1.5 KB (${STATE_BYTES} B), ${l.count} lookups: ${cells.join("; ")}.`;
}

/** The section, or nothing when the run lacks a mode the targets compare. */
function targetLines(summary, modes) {
  const need = ["none", "floor", "getGroup", "getGroups"];
  if (!need.every((m) => modes.includes(m))) return [];
  return [
    "## Targets of issue 15 in this run",
    "",
    "Computed from the medians above; wall time counts waiting for a core on a shared machine, CPU time (user + system of every process of the command) does not. Targets are for a benchmark to show, not a test to pass.",
    "",
    `| target | lookups | ${KEYS.map(([, name]) => name).join(" | ")} |`,
    `| --- | ---: | ${KEYS.map(() => "---").join(" | ")} |`,
    ...ratioRows(summary),
    getGroupsRow(summary),
    "",
    stateRow(summary, modes),
    "",
  ];
}

module.exports = { targetLines };
