/* Expectations shared by tests (uses jest's expect: never import this from the global teardown). */
/** What getGroup and the client return for alice's personal group "default" of TEST_SEED. */
export const ALICE_DEFAULT_GROUP = {
  name: "default",
  locations: ["fra", "ams"],
  primary: "fra",
  uuid: expect.any(String),
  version: "v0.24.32",
  deleteProtection: false,
};
