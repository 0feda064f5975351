/**
 * "Once per run" for the program's warnings: a run is one CLI `preview`/`up`, or one Automation
 * API `preview`/`up` in a long-lived process, told apart by its root `pulumi:pulumi:Stack`
 * resource, which the Pulumi runtime creates anew for each (as the lookups' registry does).
 */
import * as pulumi from "@pulumi/pulumi";

const said = new WeakMap<object, Set<string>>();
/** The run when no stack resource exists (unit tests with mocks). */
const outsideAnyRun = {};

/** True the first time `key` is asked for in this run, false afterwards. */
export function firstTimeThisRun(key: string): boolean {
  const run = pulumi.runtime.getStackResource() ?? outsideAnyRun;
  let keys = said.get(run);
  if (keys === undefined) said.set(run, (keys = new Set()));
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}
