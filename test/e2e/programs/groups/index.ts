import * as pulumi from "@pulumi/pulumi";
import { getGroups, getGroupsOutput, type GetGroupsResult } from "pulumi-turso-group";

const config = new pulumi.Config("e2e");

/**
 * e2e:lists is a JSON list of getGroups calls; the first one is exported as organization/groups.
 * Each is getGroupsOutput's arguments, plus how to pass them:
 *   via: "output" (default) | "promise" (getGroups) | "inputs" (the organization as an Output)
 *   secretOrg: the organization from the secret stack config e2e:secretOrganization
 */
interface List {
  organization?: string;
  tokenFrom?: { config?: string; env?: string };
  via?: "output" | "promise" | "inputs";
  secretOrg?: boolean;
}
const lists = config.getObject<List[]>("lists") ?? [];

function run(l: List): pulumi.Output<GetGroupsResult> {
  const { via = "output", secretOrg, ...args } = l;
  if (via === "promise") return pulumi.output(getGroups(args));
  if (secretOrg) return getGroupsOutput({ ...args, organization: config.requireSecret("secretOrganization") });
  if (via === "inputs") return getGroupsOutput({ ...args, organization: pulumi.output(args.organization ?? "") });
  return getGroupsOutput(args);
}

const results = lists.map(run);

export const organization = results[0]?.apply((r) => r.organization ?? null);
export const groups = results[0]?.groups;
export const names = results[0]?.groups.apply((gs) => gs.map((g) => g.name));
export const primaryRegions = results[0]?.groups.apply((gs) => gs.map((g) => g.primaryRegion));
export const counts = pulumi.all(results).apply((rs) => rs.map((r) => r.groups.length));

// e2e:source: a stack of this program whose groups this one consumes through a StackReference.
const source = config.get("source");
const referenced = source === undefined ? undefined : new pulumi.StackReference(source);
export const referencedPrimaries = referenced
  ?.requireOutput("groups")
  .apply((gs) => Object.fromEntries((gs as { name: string; primary: string }[]).map((g) => [g.name, g.primary])));
