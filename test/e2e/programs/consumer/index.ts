import * as pulumi from "@pulumi/pulumi";

const source = new pulumi.StackReference(new pulumi.Config("e2e").require("source"));
const primary = source.requireOutput("primary") as pulumi.Output<string>;
const locations = source.requireOutput("locations") as pulumi.Output<string[]>;

export const deployRegion = primary;
export const replicaCount = locations.apply((l) => l.length);
