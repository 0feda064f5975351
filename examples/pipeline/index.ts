import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput, getGroupsOutput } from "pulumi-turso-group";

const group = getGroupOutput({ group: new pulumi.Config().require("group") });

export const primary = group.primary;
export const locations = group.locations;

// Every group of the same organization (one request), for check-placement.js's EXPECTED_EVERY_*.
export const groups = getGroupsOutput().groups.apply((all) =>
  all.map(({ name, primary, locations, primaryRegion }) => ({ name, primary, locations, primaryRegion })),
);
