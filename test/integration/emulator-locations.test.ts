// GET /v1/locations from the default table or the seed's, and every group location checked
// against that table: seeded, created, or set at run time (10 000 of them without a wait).
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { admin, get } from "../helpers/http";
import { ALICE, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

const post = (body: unknown) =>
  fetch(`${emu.url}/v1/organizations/acme/groups`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ALICE}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.status);

describe("GET /v1/locations", () => {
  it("answers the default table, to any valid token", async () => {
    const r = await get(`${emu.url}/v1/locations`, ALICE);
    const locations = (r.body as { locations: Record<string, string> }).locations;
    expect([r.status, Object.keys(locations).length, locations["fra"], locations["aws-us-east-1"]]).toEqual([
      200,
      43,
      "Frankfurt, Germany",
      "AWS US East (Virginia)",
    ]);
    expect(await get(`${emu.url}/v1/locations`)).toMatchObject({
      status: 401,
      body: { error: "missing Authorization header" },
    });
  });

  it("answers the seed's table instead, and checks groups against it", async () => {
    await emu.stop();
    const locations = { "aws-us-east-1": "AWS US East (Virginia)", "gcp-x": "somewhere else" };
    const only = {
      ...TEST_SEED,
      locations,
      organizations: { acme: { groups: [] } },
      users: [{ name: "alice", token: ALICE, organizations: ["acme"] }],
    };
    emu = await startEmulator({ seed: only });
    expect((await get(`${emu.url}/v1/locations`, ALICE)).body).toEqual({ locations });
    expect(await post({ name: "g", location: "gcp-x" })).toBe(200);
    expect(await post({ name: "h", location: "fra" })).toBe(400);
    expect(() => emu.setGroup("acme", { name: "i", primary: "fra", locations: ["fra"] })).toThrow(
      'group.locations[0]: "fra" is not a location of the emulator',
    );
  });
});

it("refuses an admin-set group with an unknown location, naming it, and keeps the group as it was", async () => {
  expect(
    await admin(emu.url, "PUT", "organizations/alice/groups/default", { primary: "fra", locations: ["fra", "xyz"] }),
  ).toEqual({
    error: `body.locations[1]: "xyz" is not a location of the emulator (its table: the seed's "locations", or the default one; GET /v1/locations lists it)`,
  });
  expect(
    ((await get(`${emu.url}/v1/groups/default`, ALICE)).body as { group: { locations: string[] } }).group.locations,
  ).toEqual(["fra", "ams"]);
});

it("takes a PUT of a group on 10 000 locations in well under a second", async () => {
  await emu.stop();
  const locations = Array.from({ length: 10_000 }, (_, i) => `loc-${i}`);
  const table = Object.fromEntries(locations.map((code) => [code, `location ${code}`]));
  emu = await startEmulator({
    seed: {
      ...TEST_SEED,
      locations: {
        ...table,
        fra: "Frankfurt",
        ams: "Amsterdam",
        nrt: "Tokyo",
        "aws-eu-west-1": "Ireland",
        "aws-us-east-1": "Virginia",
      },
    },
  });
  const started = performance.now();
  const r = await admin(emu.url, "PUT", "organizations/alice/groups/big", { primary: "loc-0", locations });
  const ms = performance.now() - started;
  expect((r as { group: { locations: string[] } }).group.locations).toHaveLength(10_000);
  // A no-hang bound, generous on a shared 2-core machine: the quadratic check took 7.8 s.
  expect(ms).toBeLessThan(1_000);
});
