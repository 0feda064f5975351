import { TursoApiError, TursoResponseError } from "../../sdk/src/core/errors";
import { testClient } from "../helpers/client";
import { failure } from "../helpers/failure";
import { hostileApi, suitePeers } from "../helpers/hostile";
import { suiteEmulator } from "../e2e/emulated";
import { ALICE } from "../helpers/seed";

// GET /v1/locations through the client, against the emulator and hostile servers.
const emu = suiteEmulator();
const keep = suitePeers();

it("lists the emulator's default table, sorted by code, with one GET", async () => {
  const locations = await testClient(emu.url, ALICE).client.listLocations();
  expect(locations.length).toBeGreaterThanOrEqual(35);
  expect(locations.find((l) => l.code === "fra")).toEqual({ code: "fra", description: expect.any(String) });
  expect(locations.map((l) => l.code)).toEqual([...locations.map((l) => l.code)].sort());
  expect(emu.gets()).toEqual(["GET /v1/locations 200"]);
});

it("a rejected token is a 401 like a group's", async () => {
  const err = await failure(testClient(emu.url, "revoked-token-77").client.listLocations());
  expect(err.status).toBe(401);
});

it.each([
  ['{"locations":[]}', 'the body has no "locations" object'],
  ['{"locations":{"fra":7}}', '"locations.fra" is not a string'],
  ['{"locations":{"fra\\u001b[2J":"x"}}', 'the location code "fra" holds whitespace or control characters ("fra")'],
  [
    '{"locations":{"fra":"Frankfurt\\u202e"}}',
    '"locations.fra" is not a description of at most 256 printable characters',
  ],
])("refuses %s", async (body, said) => {
  const api = await hostileApi(() => ({ status: 200, body }));
  keep(api);
  const err = await failure(testClient(api.url, ALICE).client.listLocations());
  expect(err).toBeInstanceOf(TursoResponseError);
  expect(err.message).toContain(said);
});

it("a 404 says to check the base URL, not an organization", async () => {
  const api = await hostileApi(() => ({ status: 404, body: '{"error":"not found"}' }));
  keep(api);
  const err = await failure(testClient(api.url, ALICE).client.listLocations());
  expect(err).toBeInstanceOf(TursoApiError);
  expect(err.message).toBe(
    `The Turso API failed listing the locations the Turso API offers: GET ${api.url}/v1/locations answered 404: not found. ` +
      "Every valid token may list them: check the base URL, from environment variable TURSO_API_BASEURL.",
  );
});
