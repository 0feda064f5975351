// The compatibility matrix's program: `npm run compat` copies it into a new project outside the
// repository, installs the packed package there and runs preview, up, refresh and destroy.
//
// It calls every public function of the package, each in its own export, and expected.json says
// what each export must be after `pulumi up`. The matrix fails when the package exports a function
// that no call here uses: to cover a new function, add an export here and its value there.
import * as pulumi from "@pulumi/pulumi";
import {
  getGroup,
  getGroupOutput,
  getGroups,
  getGroupsOutput,
  getLocations,
  getLocationsOutput,
  regionOf,
} from "pulumi-turso-group";

// getGroupOutput: the personal account's group, from Pulumi inputs.
export const personal = getGroupOutput({ group: pulumi.output("default") });

// getGroup: an organization's group, as a Promise, with a placement expectation.
export const organization = pulumi.output(
  getGroup({ organization: "acme", group: "prod", expect: { primaryIn: ["aws-eu-west-1"] } }),
);

// getGroups: every group of the personal account, as a Promise.
export const personalGroups = pulumi.output(getGroups());

// getGroupsOutput: every group of an organization, from Pulumi inputs.
export const organizationGroups = getGroupsOutput({ organization: pulumi.output("acme") });

// regionOf: the cloud and region of a location the lookup returned.
export const region = organization.apply((group) => regionOf(group.primary));

// getLocations: a location the API offers, as a Promise.
export const fra = pulumi.output(getLocations()).apply(({ locations }) => locations.find((l) => l.code === "fra"));

// getLocationsOutput: the same read (one request), as an Output.
export const awsOffered = getLocationsOutput().locations.apply((ls) => ls.some((l) => l.code === "aws-us-east-1"));
