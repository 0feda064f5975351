import * as pulumi from "@pulumi/pulumi";
import { getLocations, getLocationsOutput } from "pulumi-turso-group";

// Both forms, so that the test sees one read and one request for the two calls.
const all = getLocationsOutput();
export const count = all.locations.apply((ls) => ls.length);
export const fra = all.locations.apply((ls) => ls.find((l) => l.code === "fra"));
export const awsRegions = pulumi
  .output(getLocations())
  .apply(({ locations }) => locations.flatMap((l) => (l.region.cloud === "aws" ? [l.region.region] : [])));
