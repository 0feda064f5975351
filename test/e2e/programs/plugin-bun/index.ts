import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput } from "pulumi-turso-group";

const config = new pulumi.Config("e2e");

// The plugin's function, invoked by its token as any generated SDK does (no SDK package here).
const group = pulumi.runtime.invokeOutput<{ primary: string; locations: string[] }>("turso-group:index:getGroup", {
  group: "default",
});
export const primary = group.primary;
export const locations = group.locations;
/** Which runtime ran this program: `bun <version>` under Bun. */
export const runtime =
  process.versions["bun"] === undefined ? `node ${process.versions.node}` : `bun ${process.versions["bun"]}`;

// e2e:dynamic: the TypeScript data source's getGroupOutput too, a lookup of the package's dynamic provider.
export const dynamicPrimary = config.getBoolean("dynamic") ? getGroupOutput({ group: "default" }).primary : "not asked";

// e2e:plainDynamic: a dynamic resource as Pulumi's docs write one, whose provider object Pulumi serializes.
if (config.getBoolean("plainDynamic")) {
  const provider: pulumi.dynamic.ResourceProvider = {
    async create() {
      return { id: "plain", outs: {} };
    },
  };
  class Plain extends pulumi.dynamic.Resource {
    constructor() {
      super(provider, "plain", {}, {}, "e2e", "Plain");
    }
  }
  new Plain();
}
