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

export const ALICE = "alice-secret-token-4f1c";
export const BOB = "bob-secret-token-9a2e";
