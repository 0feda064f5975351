import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput } from "pulumi-turso-group";

const config = new pulumi.Config("e2e");

// e2e:lookups is a JSON list of getGroup arguments; the first one is exported as primary/locations.
const lookups = config.requireObject<{ organization?: string; group: string }[]>("lookups");
const results = lookups.map((args) => getGroupOutput(args));

export const primary = results[0]?.primary;
export const locations = results[0]?.locations;
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
