import * as pulumi from "@pulumi/pulumi";
import { getGroup, getGroupOutput, type GetGroupResult } from "pulumi-turso-group";

const config = new pulumi.Config("e2e");

/**
 * e2e:lookups is a JSON list of lookups; the first one is exported as primary/locations. Each is
 * getGroupOutput's arguments, plus how to pass them:
 *   via: "output" (default) | "promise" (getGroup) | "inputs" (every argument wrapped in an Output)
 *   secretOrg: the organization from the secret stack config e2e:secretOrganization
 *   parent: the name of a component to parent the lookup to (created on first use)
 *   dependsOnNew: depend on a resource this update creates (unknown in a preview)
 */
interface Lookup {
  organization?: string;
  group: string;
  expect?: { primaryIn?: string[]; locationsInclude?: string[] };
  ifExists?: boolean;
  via?: "output" | "promise" | "inputs";
  secretOrg?: boolean;
  parent?: string;
  dependsOnNew?: boolean;
}
const lookups = config.requireObject<Lookup[]>("lookups");

// A resource that a preview has not created yet (e2e:groupFromResource, dependsOnNew).
const namerProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "namer", outs: { value: "default" } };
  },
};
class Namer extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor() {
    super(namerProvider, "namer", { value: undefined }, {}, "e2e", "Namer");
  }
}
let theNamer: Namer | undefined;
function namer(): Namer {
  return (theNamer ??= new Namer());
}

const components = new Map<string, pulumi.ComponentResource>();
function component(name: string): pulumi.ComponentResource {
  let c = components.get(name);
  if (c === undefined) components.set(name, (c = new pulumi.ComponentResource("e2e:index:Team", name)));
  return c;
}

function run(l: Lookup): pulumi.Output<GetGroupResult | undefined> {
  const { via = "output", secretOrg, parent, dependsOnNew, ...args } = l;
  const opts = {
    ...(parent === undefined ? {} : { parent: component(parent) }),
    ...(dependsOnNew ? { dependsOn: [namer()] } : {}),
  };
  if (via === "promise") return pulumi.output(getGroup(args, opts));
  if (secretOrg) {
    return getGroupOutput({ ...args, organization: config.requireSecret("secretOrganization") }, opts);
  }
  if (via === "inputs") {
    const organization = args.organization === undefined ? undefined : pulumi.output(args.organization);
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
export const laterPrimary = config.getBoolean("groupFromResource")
  ? getGroupOutput({ group: namer().value }).primary
  : undefined;
