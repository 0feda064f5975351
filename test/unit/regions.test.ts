import { TursoInputError } from "../../sdk/src/core/errors";
import { regionOf } from "../../sdk/src/core/regions";

// Every location code the Turso docs list, as of tursodatabase/turso-docs:
// - cloud-providers.mdx, "AWS Locations" (us-east-1, us-west-2, us-west-1, eu-west-3; the API
//   prefixes them with "aws-") and "Fly Locations" (32 codes);
// - api-reference/openapi.json, the example answer of GET /v1/locations (35 legacy codes: the Fly
//   list plus atl, bom, phx);
// - the other AWS codes the API is known to return (aws-us-east-2, aws-eu-west-1,
//   aws-ap-northeast-1, aws-ap-south-1), from the Platform API notes this project started from.
const AWS_DOCUMENTED = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-west-3",
  "ap-northeast-1",
  "ap-south-1",
];
const FLY_DOCUMENTED = (
  "ams arn atl bog bom bos cdg den dfw ewr eze fra gdl gig gru hkg iad jnb lax lhr mad mia nrt ord " +
  "otp phx qro scl sea sin sjc syd waw yul yyz"
).split(" ");

describe("regionOf", () => {
  it("lists the 35 legacy codes of GET /v1/locations", () => {
    expect(new Set(FLY_DOCUMENTED).size).toBe(35);
  });

  it.each(AWS_DOCUMENTED.map((region) => [`aws-${region}`, region]))("%s -> the AWS region %s", (location, region) => {
    expect(regionOf(location)).toEqual({ cloud: "aws", region });
  });

  // The API's examples give an AWS group's primary as the bare region ("us-east-1").
  it.each(AWS_DOCUMENTED.map((region) => [region]))("%s, bare -> the AWS region itself", (region) => {
    expect(regionOf(region)).toEqual({ cloud: "aws", region });
  });

  it.each(FLY_DOCUMENTED)("%s -> the Fly.io region of the same name", (code) => {
    expect(regionOf(code)).toEqual({ cloud: "fly", region: code });
  });

  // AWS regions these docs do not list yet: the pattern, not a list, decides.
  it.each([
    ["aws-eu-central-2", "eu-central-2"],
    ["aws-ap-southeast-3", "ap-southeast-3"],
    ["aws-us-gov-west-1", "us-gov-west-1"],
    ["aws-il-central-1", "il-central-1"],
  ])("%s -> %s", (location, region) => {
    expect(regionOf(location)).toEqual({ cloud: "aws", region });
  });

  // Never a guess: anything that is not one of the documented forms is an explicit unknown.
  it.each([
    "",
    "aws-",
    "aws-eu-west",
    "aws-eu-west-1a",
    "aws-EU-WEST-1",
    "AWS-eu-west-1",
    " aws-eu-west-1",
    "aws-eu-west-1 ",
    "eu-west",
    "eu-west-1a",
    "EU-WEST-1",
    " eu-west-1",
    "e-west-1",
    "gcp-europe-west1",
    "azure-westeurope",
    "FRA",
    "fr",
    "fraa",
    "fr4",
    "f-a",
    " fra",
  ])("%j -> unknown", (location) => {
    expect(regionOf(location)).toEqual({ cloud: "unknown", location });
  });

  it("rejects a value that is not a string, naming the argument", () => {
    const call = () => regionOf(42 as unknown as string);
    expect(call).toThrow(TursoInputError);
    expect(call).toThrow(
      'regionOf(location): location must be a location code string such as "aws-eu-west-1" (got number).',
    );
  });
});
