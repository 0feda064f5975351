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
