import { getGroupOutput } from "pulumi-turso-group";

// A group of the token owner's personal account (GET /v1/groups/default).
const group = getGroupOutput({ group: "default" });

export const name = group.name;
export const primary = group.primary;
export const locations = group.locations;
