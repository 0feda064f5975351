/**
 * Two previews of one inline program in one Node.js process, run by transport.test.ts with a
 * proxy variable set: each run must print the transport warning once. Prints one JSON line per
 * preview with the number of those warnings among its diagnostic events. Environment: EMU_URL, TOKEN, WORK_DIR, and
 * the PULUMI_* variables of the file backend.
 */
import { LocalWorkspace, type PulumiFn } from "@pulumi/pulumi/automation";
import { getGroupOutput } from "pulumi-turso-group";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const program: PulumiFn = async () => {
  const first = getGroupOutput({ group: "default" });
  const second = getGroupOutput({ group: "other" });
  return { primary: first.primary, other: second.primary };
};

async function main(): Promise<void> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "transport-twice", projectName: "e2e-automation-transport", program },
    { workDir: env("WORK_DIR") },
  );
  await stack.setConfig("turso:apiToken", { value: env("TOKEN"), secret: true });
  await stack.setConfig("turso:apiBaseUrl", { value: env("EMU_URL") });
  for (const run of [1, 2]) {
    // Diagnostic events: one per warning the program logs (the text output shows each twice).
    let warnings = 0;
    await stack.preview({
      onEvent: (event) => {
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "warning" && diagnostic.message.includes("does not exempt 127.0.0.1")) warnings++;
      },
    });
    console.log(JSON.stringify({ step: `preview ${run}`, value: warnings }));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
