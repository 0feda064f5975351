/**
 * An Automation API pipeline: an inline program that looks up a Turso group, previewed, checked
 * and deployed from one Node.js process. Each run (preview, up) makes its own lookup, so the up
 * records what the API says at the time of the up, even if the group moved after the preview.
 *
 *   TURSO_ORGANIZATION=acme GROUP=prod EXPECTED_PRIMARY=aws-eu-west-1 npm start --silent
 */
import * as path from "node:path";
import { LocalWorkspace, type EngineEvent, type PulumiFn } from "@pulumi/pulumi/automation";
import { getGroupOutput } from "pulumi-turso-group";

const group = process.env["GROUP"] ?? "default";
const expectedPrimary = process.env["EXPECTED_PRIMARY"];

// The program, inline: no Pulumi.yaml, no language host. expect makes the preview fail when the
// group is placed otherwise (the placement check).
const program: PulumiFn = async () => {
  const found = getGroupOutput({ group, ...(expectedPrimary ? { expect: { primaryIn: [expectedPrimary] } } : {}) });
  return { primary: found.primary, locations: found.locations };
};

// The errors the engine reports, each once, with the resource it is about. A failed command's
// own error holds the CLI's whole output, where each error appears twice (as it happened and in
// the summary) amid progress lines: a pipeline's log needs only these.
const errors: string[] = [];
const onEvent = (event: EngineEvent): void => {
  const diagnostic = event.diagnosticEvent;
  if (diagnostic?.severity !== "error") return;
  const message = diagnostic.message.trim();
  // The engine's closing line ("preview failed", "update failed") only says that something did.
  if (/^(preview|update) failed$/.test(message)) return;
  const resource = diagnostic.urn?.split("::").pop();
  errors.push(resource ? `${resource}: ${message}` : message);
};

async function main(): Promise<void> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: process.env["STACK"] ?? "dev", projectName: "turso-automation", program },
    // The CLI starts the program's dynamic provider in the project's main folder, and the provider
    // loads this package from there by name (require("pulumi-turso-group/...")). With this folder's
    // Pulumi.yaml (no main:), that folder is workDir whatever the process's working directory is.
    // A workDir without a Pulumi.yaml gets one written with main: process.cwd() (see README.md).
    { workDir: path.resolve(__dirname) },
  );
  const preview = await stack.preview({ onEvent });
  console.log(`preview: ${JSON.stringify(preview.changeSummary)}`);
  const up = await stack.up({ onEvent });
  const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value as unknown]));
  console.log(`up: ${JSON.stringify(outputs)}`);
}

main().catch((err: unknown) => {
  console.error(errors.length > 0 ? errors.join("\n") : err instanceof Error ? err.message : String(err));
  process.exit(1);
});
