import type { Seed } from "../../sdk/src/emulator";

/** The seed of the integration and end-to-end tests. */
export const TEST_SEED: Seed = {
  users: [
    { name: "alice", token: "alice-secret-token-4f1c", organizations: ["acme"] },
    { name: "bob", token: "bob-secret-token-9a2e" },
  ],
  organizations: {
    alice: { groups: [{ name: "default", primary: "fra", locations: ["fra", "ams"] }] },
    acme: {
      groups: [
        {
          name: "prod",
          primary: "aws-eu-west-1",
          locations: ["aws-eu-west-1", "aws-us-east-1"],
          uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001",
          version: "v0.24.1",
          delete_protection: true,
        },
      ],
    },
    bob: { groups: [{ name: "default", primary: "nrt", locations: ["nrt"] }] },
  },
};

/** Group prod of acme in TEST_SEED, as the client returns it (and as provider contract 2 stores it). */
export const ACME_PROD = {
  name: "prod",
  primary: "aws-eu-west-1",
  locations: ["aws-eu-west-1", "aws-us-east-1"],
  uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001",
  version: "v0.24.1",
  deleteProtection: true,
  // The emulator sends archived always, as the API's examples do.
  archived: false,
};

export const ALICE = "alice-secret-token-4f1c";
export const BOB = "bob-secret-token-9a2e";

/** Alice's token restricted to organization acme (organization-scoped). */
export const ACME_ORG_TOKEN = "acme-org-token-31d7";
/** Alice's token pinned to group prod of acme, read scope (group-scoped, read-only). */
export const ACME_PROD_READ_TOKEN = "acme-prod-read-token-8b05";

/** TEST_SEED with Alice's scoped tokens, as Turso mints them today; her unrestricted token stays. */
export const SCOPED_SEED: Seed = {
  ...TEST_SEED,
  users: [
    {
      name: "alice",
      token: ALICE,
      organizations: ["acme"],
      apiTokens: [
        { token: ACME_ORG_TOKEN, organization: "acme" },
        { token: ACME_PROD_READ_TOKEN, organization: "acme", group: "prod", scopes: ["read"] },
        { token: "acme-prod-create-only-token", organization: "acme", group: "prod", scopes: ["db:create"] },
      ],
    },
    ...TEST_SEED.users.slice(1),
  ],
};
