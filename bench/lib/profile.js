// Where the time goes: a summary of the .cpuprofile files `node --cpu-prof` wrote.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const SPECIAL = new Set(["(idle)", "(garbage collector)", "(program)", "(root)"]);

/** A name for the code a frame belongs to: a package (with its folder for @pulumi/pulumi), node core, V8. */
function owner({ functionName, url }) {
  if (!url) return SPECIAL.has(functionName) ? functionName : "(V8 builtins)";
  if (url.startsWith("node:")) return "node core";
  const file = url.replace(/^file:\/\//, "");
  const i = file.lastIndexOf("node_modules/");
  if (i >= 0) {
    const [scope, name, dir] = file.slice(i + "node_modules/".length).split("/");
    if (!scope.startsWith("@")) return scope;
    if (`${scope}/${name}` === "@pulumi/pulumi") return `@pulumi/pulumi/${dir.replace(/\.js$/, "")}`;
    return `${scope}/${name}`;
  }
  if (file.includes("/sdk/dist/")) return "pulumi-turso-group (sdk/dist)";
  if (file.includes("/bench/program/")) return "bench program";
  return path.basename(file);
}

/** Self time (ms) per node id: each sample is charged the interval until the next one. */
function selfTimes(profile) {
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  return self;
}

/**
 * Inclusive time (ms) of the functions named in `names`: the time spent in them and in what they
 * call, counted once per stack (a recursive call is not counted twice).
 */
function inclusive(profile, self, names) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = Object.fromEntries(names.map((n) => [n, 0]));
  const walk = (id, open) => {
    const node = byId.get(id);
    const name = node.callFrame.functionName;
    const opens = names.includes(name) && !open.has(name);
    const now = opens ? new Set([...open, name]) : open;
    for (const n of now) total[n] += self.get(id) ?? 0;
    for (const child of node.children ?? []) walk(child, now);
  };
  walk(profile.nodes[0].id, new Set());
  return total;
}

const round = (x) => Math.round(x);
const top = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms: round(ms) }));

/** One process's profile: wall span, idle, GC, and the busiest code by owner and by function. */
function summarizeProfile(profile, kind, names) {
  const self = selfTimes(profile);
  const byOwner = new Map();
  const byFunction = new Map();
  let idle = 0;
  let gc = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const f = node.callFrame;
    if (f.functionName === "(idle)") idle += ms;
    if (f.functionName === "(garbage collector)") gc += ms;
    if (f.functionName === "(idle)" || ms === 0) continue;
    const o = owner(f);
    byOwner.set(o, (byOwner.get(o) ?? 0) + ms);
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"} ${where} [${o}]`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  return {
    kind,
    wallMs: round(wallMs),
    busyMs: round(wallMs - idle),
    idleMs: round(idle),
    gcMs: round(gc),
    byOwner: top(byOwner, 12),
    byFunction: top(byFunction, 12),
    inclusive: Object.fromEntries(Object.entries(inclusive(profile, self, names)).map(([k, v]) => [k, round(v)])),
  };
}

/** Which process wrote a profile: the program (cmd/run) or the dynamic provider. */
function kindOf(profile) {
  const urls = profile.nodes.map((n) => n.callFrame.url);
  if (urls.some((u) => u.includes("cmd/dynamic-provider"))) return "provider";
  if (urls.some((u) => u.includes("cmd/run"))) return "program";
  return "other";
}

/** Every profile in `dir`, summarized; `names` are the functions whose inclusive time is reported. */
function summarizeDir(dir, names) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => {
      const profile = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      return { file: f, ...summarizeProfile(profile, kindOf(profile), names) };
    })
    .filter((p) => p.kind !== "other");
}

module.exports = { summarizeDir };
