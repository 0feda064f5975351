/* Expectations shared by tests (uses jest's expect: never import this from the global teardown). */
/** What getGroup and the client return for alice's personal group "default" of TEST_SEED. */
export const ALICE_DEFAULT_GROUP = {
  name: "default",
  locations: ["fra", "ams"],
  primary: "fra",
  uuid: expect.any(String),
  version: "v0.24.32",
  deleteProtection: false,
  // The emulator sends archived always, as the API's examples do.
  archived: false,
};

/** What getGroup's result adds to ALICE_DEFAULT_GROUP: the regions, computed in the program. */
export const ALICE_DEFAULT_RESULT = {
  ...ALICE_DEFAULT_GROUP,
  primaryRegion: { cloud: "fly", region: "fra" },
  locationRegions: [
    { cloud: "fly", region: "fra" },
    { cloud: "fly", region: "ams" },
  ],
};

/** Group "prod" of organization acme in TEST_SEED, with its regions, as a lookup's result gives it. */
export const ACME_PROD_RESULT = {
  name: "prod",
  organization: "acme",
  locations: ["aws-eu-west-1", "aws-us-east-1"],
  primary: "aws-eu-west-1",
  uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001",
  version: "v0.24.1",
  deleteProtection: true,
  archived: false,
  primaryRegion: { cloud: "aws", region: "eu-west-1" },
  locationRegions: [
    { cloud: "aws", region: "eu-west-1" },
    { cloud: "aws", region: "us-east-1" },
  ],
};
