import { TursoInputError } from "./errors";

/**
 * Where a Turso location runs, in the words of the cloud that runs it: the value to give that
 * cloud's own provider (an AWS provider's `region`, a Fly.io app's `primaryRegion`). A location
 * whose form this package does not know is `{ cloud: "unknown", location }`, never a guess.
 *
 * @example
 * ```ts
 * import { regionOf, type LocationRegion } from "pulumi-turso-group";
 *
 * const placed: LocationRegion = regionOf("aws-eu-west-1"); // { cloud: "aws", region: "eu-west-1" }
 * ```
 */
export type LocationRegion =
  | {
      /** The location runs on AWS. */
      readonly cloud: "aws";
      /** The AWS region code, e.g. `eu-west-1`: what an AWS provider's `region` takes. */
      readonly region: string;
    }
  | {
      /** The location is a legacy one, run on Fly.io. */
      readonly cloud: "fly";
      /** The Fly.io region code, e.g. `fra`: the same three letters as the location. */
      readonly region: string;
    }
  | {
      /** The location's form is none that the Turso docs describe. */
      readonly cloud: "unknown";
      /** The location code, unchanged, for the program to decide on. */
      readonly location: string;
    };

/**
 * The documented forms of location codes (Turso's "Cloud Providers" page and the `GET /v1/locations`
 * example of its OpenAPI spec): patterns, not lists, because both lists change.
 * - `aws-<AWS region code>`: the part after `aws-` is the AWS region itself (`us-east-1`,
 *   `ap-northeast-1`, `us-gov-west-1`: two letters, words, a number, joined by dashes).
 * - a bare AWS region code (`us-east-1`): the API's own examples give an AWS group's `primary`
 *   so, beside `locations: ["aws-us-east-1"]`. Never three letters alone, so never a Fly.io code.
 * - three lowercase letters: a legacy location, named after the Fly.io region it runs in.
 */
const AWS_REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
const FORMS = [
  { cloud: "aws", pattern: new RegExp(`^aws-(${AWS_REGION})$`) },
  { cloud: "aws", pattern: new RegExp(`^(${AWS_REGION})$`) },
  { cloud: "fly", pattern: /^([a-z]{3})$/ },
] as const;

/**
 * The cloud and region a Turso location code stands for, for the resources that take their own
 * region names. `aws-<region>`, and a bare AWS region code such as `us-east-1` (the form the API's
 * examples give an AWS group's `primary`), give the AWS region `<region>`; a legacy three-letter code gives
 * the Fly.io region of the same name; anything else (another cloud's prefix, an upper-case or
 * malformed code) gives `{ cloud: "unknown", location }` so that a program decides, never a guess.
 * A pure function of its argument: no request, no list of regions to go stale.
 *
 * @param location - A location code as the API returns it, e.g. a group's `primary`.
 * @throws {@link TursoInputError} when `location` is not a string (from plain JavaScript).
 * @example
 * ```ts
 * import * as aws from "@pulumi/aws";
 * import { getGroupOutput, regionOf } from "pulumi-turso-group";
 *
 * const group = getGroupOutput({ organization: "acme", group: "prod" });
 * export const placed = group.primary.apply(regionOf); // { cloud: "aws", region: "eu-west-1" }
 * // Not on AWS: undefined, and the AWS provider's own region setting applies.
 * const region = placed.apply((p) => (p.cloud === "aws" ? (p.region as aws.Region) : undefined));
 * const nearProd = new aws.Provider("near-prod", { region });
 *
 * regionOf("us-east-1"); // { cloud: "aws", region: "us-east-1" }
 * regionOf("fra"); // { cloud: "fly", region: "fra" }
 * regionOf("gcp-europe-west1"); // { cloud: "unknown", location: "gcp-europe-west1" }
 * ```
 */
export function regionOf(location: string): LocationRegion {
  if (typeof location !== "string") {
    throw new TursoInputError(
      "location",
      "it must be a string",
      `regionOf(location): location must be a location code string such as "aws-eu-west-1" (got ${typeof location}).`,
    );
  }
  for (const { cloud, pattern } of FORMS) {
    const region = pattern.exec(location)?.[1];
    if (region !== undefined) return { cloud, region };
  }
  return { cloud: "unknown", location };
}
