import * as pulumi from "@pulumi/pulumi";
import axios from "axios";
import { getGroupOutput, getGroupsOutput } from "pulumi-turso-group";

// bench:mode  none | axios | floor | getGroup | getGroups | invoke;  bench:count  distinct groups;  bench:repeat  asks per group
const config = new pulumi.Config("bench");
const mode = config.require("mode");
const count = config.requireNumber("count");
const repeat = config.getNumber("repeat") ?? 1;
const names = Array.from({ length: count * repeat }, (_, i) => `g${i % count}`);

// The floor of this design: a dynamic provider whose read returns a constant, one read per
// lookup exactly as getGroup does (a dynamic resource constructed with opts.id), no HTTP at all.
// Like getGroup's provider it has no create: a read-only resource never calls one.
const floorProvider = {
  read: async (id: string) => ({ id, props: { primary: "fra" } }),
} as unknown as pulumi.dynamic.ResourceProvider;

class Floor extends pulumi.dynamic.Resource {
  declare readonly primary: pulumi.Output<string>;
  constructor(id: string) {
    super(floorProvider, id, { primary: undefined }, { id }, "bench", "Floor");
  }
}

function primaries(): pulumi.Input<string>[] {
  switch (mode) {
    case "none":
      return names.map(() => "fra");
    case "axios": {
      // The floor for "the same HTTP requests": a plain GET from the program process.
      const http = axios.create({
        baseURL: process.env["TURSO_API_BASEURL"] ?? "",
        headers: { Authorization: `Bearer ${process.env["TURSO_API_TOKEN"]}` },
      });
      return names.map((g) =>
        http
          .get<{ group: { primary: string } }>(`/v1/organizations/acme/groups/${g}`)
          .then((r) => r.data.group.primary),
      );
    }
    case "floor": {
      const reads = new Map<string, Floor>();
      const read = (g: string): Floor => {
        const found = reads.get(g) ?? new Floor(`acme/${g}`);
        reads.set(g, found);
        return found;
      };
      return names.map((g) => read(g).primary);
    }
    case "getGroup":
      return names.map((g) => getGroupOutput({ organization: "acme", group: g }).primary);
    case "getGroups": {
      // One list read of bench-<count>, the organization the bench seeds with exactly `count`
      // groups, then each name's primary from it: the list's size grows with the count.
      const organization = `bench-${count}`;
      const byName = getGroupsOutput({ organization }).groups.apply((groups) => {
        if (groups.length !== count) throw new Error(`${organization} has ${groups.length} groups, not ${count}`);
        return new Map(groups.map((g) => [g.name, g.primary]));
      });
      return names.map((g) =>
        byName.apply((primaries) => {
          const primary = primaries.get(g);
          if (primary === undefined) throw new Error(`${organization} has no group ${g}`);
          return primary;
        }),
      );
    }
    case "invoke":
      // The provider plugin's function by its token, as a generated SDK calls it: no state, no read step.
      return names.map(
        (g) =>
          pulumi.runtime.invokeOutput<{ primary: string }>("turso-group:index:getGroup", {
            organization: "acme",
            group: g,
          }).primary,
      );
    default:
      throw new Error(`bench:mode must be none, axios, floor, getGroup, getGroups or invoke (got ${mode})`);
  }
}

export const primary = pulumi.all(primaries());
