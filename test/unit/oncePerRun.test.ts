import * as pulumi from "@pulumi/pulumi";
import { firstTimeThisRun } from "../../sdk/src/dynamic/program/oncePerRun";

// Warnings are said once per run: each CLI run, and each Automation API preview/up in one
// process, has its own root stack resource.
it("is true once per key and run, and again in the next run", () => {
  type Stack = ReturnType<typeof pulumi.runtime.getStackResource>;
  const runs = [{}, {}] as unknown as Stack[];
  const spy = jest.spyOn(pulumi.runtime, "getStackResource");
  try {
    spy.mockReturnValue(runs[0]);
    expect([firstTimeThisRun("a"), firstTimeThisRun("a"), firstTimeThisRun("b")]).toEqual([true, false, true]);
    spy.mockReturnValue(runs[1]);
    expect([firstTimeThisRun("a"), firstTimeThisRun("a")]).toEqual([true, false]);
  } finally {
    spy.mockRestore();
  }
});
