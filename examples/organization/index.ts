import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput, type PlacementExpectation } from "pulumi-turso-group";

const config = new pulumi.Config();

// No organization argument: it comes from stack config turso:organization (or TURSO_ORGANIZATION).
// An optional expect (stack config `expect`) fails the preview when the group is placed otherwise.
const expect = config.getObject<PlacementExpectation>("expect");
const group = getGroupOutput({ group: config.require("group"), ...(expect ? { expect } : {}) });

export const organization = group.organization;
export const primary = group.primary;
export const locations = group.locations;
