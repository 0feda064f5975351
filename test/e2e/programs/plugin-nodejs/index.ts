import { getGroupOutput } from "pulumi-turso-group/plugin";

// The plugin's function through the package's typed invokes (pulumi-turso-group/plugin): Pulumi's
// invokeOutput of turso-group:index:getGroup, with the data source's result type.
const group = getGroupOutput({ group: "default" });
export const primary = group.primary;
export const locations = group.locations;
