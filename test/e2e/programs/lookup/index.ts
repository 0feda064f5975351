import * as pulumi from "@pulumi/pulumi";
import { getGroup, getGroupOutput, type GetGroupResult } from "pulumi-turso-group";

const config = new pulumi.Config("e2e");

/**
 * e2e:lookups is a JSON list of lookups; the first one is exported as primary/locations. Each is
 * getGroupOutput's arguments, plus how to pass them:
 *   via: "output" (default) | "promise" (getGroup) | "inputs" (every argument wrapped in an Output)
 *   secretOrg: the organization as a secret Output
 *   parent: the name of a component to parent the lookup to (created on first use)
 */
interface Lookup {
  organization?: string;
  group: string;
  expect?: { primaryIn?: string[]; locationsInclude?: string[] };
  ifExists?: boolean;
  via?: "output" | "promise" | "inputs";
  secretOrg?: boolean;
  parent?: string;
}
const lookups = config.requireObject<Lookup[]>("lookups");

const components = new Map<string, pulumi.ComponentResource>();
function component(name: string): pulumi.ComponentResource {
  let c = components.get(name);
  if (c === undefined) components.set(name, (c = new pulumi.ComponentResource("e2e:index:Team", name)));
  return c;
}

function run(l: Lookup): pulumi.Output<GetGroupResult | undefined> {
  const { via = "output", secretOrg, parent, ...args } = l;
  const opts = parent === undefined ? {} : { parent: component(parent) };
  if (via === "promise") return pulumi.output(getGroup(args, opts));
  if (via === "inputs" || secretOrg) {
    const organization =
      args.organization === undefined
        ? undefined
        : secretOrg
          ? pulumi.secret(args.organization)
          : pulumi.output(args.organization);
    return getGroupOutput({ ...args, organization, group: pulumi.output(args.group) }, opts);
  }
  return getGroupOutput(args, opts);
}

const results = lookups.map(run);

export const primary = results[0]?.apply((r) => r?.primary);
export const locations = results[0]?.apply((r) => r?.locations);
export const found = results[0]?.apply((r) => r !== undefined);
export const all = pulumi.all(results);

// e2e:groupFromResource: the group's name comes from a resource that a preview has not created yet.
const namer: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "namer", outs: { value: "default" } };
  },
};
class Namer extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor() {
    super(namer, "namer", { value: undefined }, {}, "e2e", "Namer");
  }
}
export const laterPrimary = config.getBoolean("groupFromResource")
  ? getGroupOutput({ group: new Namer().value }).primary
  : undefined;
