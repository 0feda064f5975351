/**
 * An Automation API pipeline: an inline program that looks up a Turso group, previewed, checked
 * and deployed from one Node.js process. Each run (preview, up) makes its own lookup, so the up
 * records what the API says at the time of the up, even if the group moved after the preview.
 *
 *   TURSO_ORGANIZATION=acme GROUP=prod EXPECTED_PRIMARY=aws-eu-west-1 npm start
 */
import * as path from "node:path";
import { LocalWorkspace, type PulumiFn } from "@pulumi/pulumi/automation";
import { getGroupOutput } from "pulumi-turso-group";

const group = process.env["GROUP"] ?? "default";
const expectedPrimary = process.env["EXPECTED_PRIMARY"];

// The program, inline: no Pulumi.yaml, no language host. expect makes the preview fail when the
// group is placed otherwise (the placement check).
const program: PulumiFn = async () => {
  const found = getGroupOutput({ group, ...(expectedPrimary ? { expect: { primaryIn: [expectedPrimary] } } : {}) });
  return { primary: found.primary, locations: found.locations };
};

async function main(): Promise<void> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: process.env["STACK"] ?? "dev", projectName: "turso-automation", program },
    // workDir: where the Pulumi CLI runs the program's dynamic provider, which loads this package
    // by name (require("pulumi-turso-group/...")): it must be a folder from which it resolves.
    { workDir: path.resolve(__dirname) },
  );
  const preview = await stack.preview();
  console.log(`preview: ${JSON.stringify(preview.changeSummary)}`);
  const up = await stack.up();
  const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value as unknown]));
  console.log(`up: ${JSON.stringify(outputs)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
