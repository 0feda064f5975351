/** Prints the lookups in the state of stack ARGV[3] of project ARGV[2] of the current folder. */
import { LocalWorkspace } from "@pulumi/pulumi/automation";

async function main(project: string, stackName: string): Promise<void> {
  const ws = await LocalWorkspace.create({
    workDir: process.cwd(),
    projectSettings: { name: project, runtime: "nodejs" },
  });
  const state = await ws.exportStack(stackName);
  const resources = (state.deployment as { resources?: { type: string; id?: string }[] }).resources ?? [];
  const lookups = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group").map((r) => r.id);
  console.log(JSON.stringify({ step: "lookups", value: lookups }));
}

main(process.argv[2] ?? "", process.argv[3] ?? "").catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
