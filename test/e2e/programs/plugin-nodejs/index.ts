import * as pulumi from "@pulumi/pulumi";

// The plugin's function, invoked by its token as any generated SDK does (no SDK package here).
const group = pulumi.runtime.invokeOutput<{ primary: string; locations: string[] }>("turso-group:index:getGroup", {
  group: "default",
});
export const primary = group.primary;
export const locations = group.locations;
