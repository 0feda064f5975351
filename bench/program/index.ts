import * as pulumi from "@pulumi/pulumi";
import axios from "axios";
import { getGroupOutput } from "pulumi-turso-group";

// bench:mode  none | axios | getGroup;  bench:count  distinct groups;  bench:repeat  asks per group
const config = new pulumi.Config("bench");
const mode = config.require("mode");
const count = config.requireNumber("count");
const repeat = config.getNumber("repeat") ?? 1;
const names = Array.from({ length: count * repeat }, (_, i) => `g${i % count}`);

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
    case "getGroup":
      return names.map((g) => getGroupOutput({ organization: "acme", group: g }).primary);
    default:
      throw new Error(`bench:mode must be none, axios or getGroup (got ${mode})`);
  }
}

export const primary = pulumi.all(primaries());
