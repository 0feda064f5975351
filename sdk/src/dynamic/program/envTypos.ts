/**
 * A misspelt setting is silently ignored by whatever reads the right name: `TURSO_ORGANISATION`
 * leaves the lookup in the personal account, and the 404 that follows points elsewhere. So a
 * `TURSO_*` variable that is none this package reads but is a letter or two away from one gets
 * a warning, once per run, naming both.
 */
import * as pulumi from "@pulumi/pulumi";
import { distance } from "../../core/lookup/suggest";
import { SETTINGS, type Environment } from "../../core/settings";
import { firstTimeThisRun } from "./oncePerRun";

/** The variables this package reads, and those of its tools (the demo, the log switch). */
const KNOWN = new Set<string>([
  ...Object.values(SETTINGS).flatMap((s) => ("env" in s ? [s.env] : [])),
  "TURSO_LOG",
  "TURSO_EMULATOR",
]);

/** `[set, meant]` for each variable that looks like a misspelling of one this package reads. */
export function misspeltVariables(env: Environment): [string, string][] {
  const found: [string, string][] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith("TURSO_") || KNOWN.has(name) || env[name] === undefined) continue;
    const meant = [...KNOWN].find((known) => distance(name, known, 2) <= 2);
    if (meant !== undefined && env[meant] === undefined) found.push([name, meant]);
  }
  return found;
}

/** Warns once per run and name about {@link misspeltVariables} of this process's environment. */
export function warnAboutMisspeltVariables(env: Environment = process.env): void {
  for (const [name, meant] of misspeltVariables(env)) {
    if (!firstTimeThisRun(`misspelt:${name}`)) continue;
    void pulumi.log.warn(`${name} is set, but pulumi-turso-group reads ${meant}: did you mean ${meant}?`);
  }
}
