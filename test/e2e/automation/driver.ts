/**
 * Automation API scenarios in one Node.js process, run by automation.test.ts as a child process
 * (the way a pipeline runs them). Prints one JSON line per step. Environment: EMU_URL, TOKEN,
 * OTHER_TOKEN (another user's), WORK_DIR, and the PULUMI_* variables of the file backend.
 */
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput } from "pulumi-turso-group";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const program: PulumiFn = async () => {
  const config = new pulumi.Config("e2e");
  const group = getGroupOutput({ group: config.require("group") });
  return { primary: group.primary, locations: group.locations };
};

async function stack(name: string, config: Record<string, string>, token = env("TOKEN")): Promise<Stack> {
  const s = await LocalWorkspace.createOrSelectStack(
    { stackName: name, projectName: "e2e-automation", program },
    { workDir: env("WORK_DIR") },
  );
  await s.setConfig("turso:apiToken", { value: token, secret: true });
  await s.setConfig("turso:apiBaseUrl", { value: env("EMU_URL") });
  for (const [key, value] of Object.entries(config)) await s.setConfig(key, { value });
  return s;
}

async function lookups(s: Stack): Promise<string[]> {
  const state = await s.exportStack();
  const resources = (state.deployment as { resources?: { type: string; id?: string }[] }).resources ?? [];
  return resources.filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group").map((r) => r.id ?? "");
}

async function moveGroup(organization: string, group: unknown): Promise<void> {
  const res = await fetch(`${env("EMU_URL")}/__emulator/organizations/${organization}/groups/default`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(group),
  });
  if (res.status >= 300) throw new Error(`moving the group: ${res.status} ${await res.text()}`);
}

const say = (step: string, value: unknown) => console.log(JSON.stringify({ step, value }));

async function main(scenario: string): Promise<void> {
  if (scenario === "preview-then-up") {
    const s = await stack("moved", { "e2e:group": "default" });
    const preview = await s.preview();
    say("preview", preview.changeSummary);
    await moveGroup("alice", { name: "default", primary: "ams", locations: ["ams", "fra"] });
    const up = await s.up();
    say("up", { primary: up.outputs["primary"]?.value, lookups: await lookups(s) });
  } else if (scenario === "two-stacks") {
    // The same group name, "default", in two users' personal accounts: one stack per token.
    const mine = await stack("mine", { "e2e:group": "default" });
    const theirs = await stack("theirs", { "e2e:group": "default" }, env("OTHER_TOKEN"));
    const [a, b] = [await mine.up(), await theirs.up()];
    say("mine", { primary: a.outputs["primary"]?.value, lookups: await lookups(mine) });
    say("theirs", { primary: b.outputs["primary"]?.value, lookups: await lookups(theirs) });
  } else throw new Error(`unknown scenario ${scenario}`);
}

main(process.argv[2] ?? "").catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
