import * as pulumi from "@pulumi/pulumi";
import { getGroupOutput } from "pulumi-turso-group";

const group = getGroupOutput({ group: new pulumi.Config().require("group") });

export const primary = group.primary;
export const locations = group.locations;
