import { createClient } from "@tursodatabase/api";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ALICE, BOB, TEST_SEED } from "../helpers/seed";

// Turso's official TypeScript client, written from the public API and not against this emulator,
// works against it with nothing changed but its base URL.
let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

const acme = (token = ALICE) => createClient({ org: "acme", token, baseUrl: `${emu.url}/v1/` });
const requests = () => emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);

it("groups.get and groups.list answer as the API does", async () => {
  const group = await acme().groups.get("prod");
  expect(group.name).toBe("prod");
  expect(group.primary).toBe("aws-eu-west-1");
  expect(group.locations).toEqual(["aws-eu-west-1", "aws-us-east-1"]);
  // Fields its Group type does not declare arrive as the emulator sends them.
  expect(group).toMatchObject({ uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001", archived: false });
  expect((await acme().groups.list()).map((g) => g.name)).toEqual(["prod"]);
  expect(requests()).toEqual(["GET /v1/organizations/acme/groups/prod 200", "GET /v1/organizations/acme/groups 200"]);
});

it("groups.create, get, list and delete work on the emulator's state", async () => {
  const turso = acme();
  const created = await turso.groups.create("edge", "aws-us-east-1");
  expect(created).toMatchObject({ name: "edge", primary: "aws-us-east-1", locations: ["aws-us-east-1"] });
  expect(await turso.groups.get("edge")).toEqual(created);
  expect((await turso.groups.list()).map((g) => g.name)).toEqual(["prod", "edge"]);
  await expect(turso.groups.create("edge", "aws-us-east-1")).rejects.toMatchObject({
    status: 409,
    message: "group already exists",
  });
  expect(await turso.groups.delete("edge")).toEqual(created);
  await expect(turso.groups.get("edge")).rejects.toMatchObject({ status: 404, message: "group not found" });
  await expect(turso.groups.delete("edge")).rejects.toMatchObject({ status: 404, message: "group not found" });
  const recreated = await turso.groups.create("edge", "fra");
  const uuid = (g: object): unknown => (g as { uuid?: unknown }).uuid;
  expect(uuid(recreated)).not.toBe(uuid(created));
  expect(uuid(recreated)).toEqual(expect.any(String));
  expect(requests()).toEqual([
    "POST /v1/organizations/acme/groups 200",
    "GET /v1/organizations/acme/groups/edge 200",
    "GET /v1/organizations/acme/groups 200",
    "POST /v1/organizations/acme/groups 409",
    "DELETE /v1/organizations/acme/groups/edge 200",
    "GET /v1/organizations/acme/groups/edge 404",
    "DELETE /v1/organizations/acme/groups/edge 404",
    "POST /v1/organizations/acme/groups 200",
  ]);
});

it("groups.create refuses an unknown location with 400", async () => {
  await expect(acme().groups.create("edge", "amss")).rejects.toMatchObject({
    status: 400,
    message: "invalid location: amss (not one of those GET /v1/locations lists)",
  });
});

it("locations.list() gives the emulator's table", async () => {
  const locations = await acme().locations.list();
  expect(locations).toHaveLength(43);
  expect(locations).toContainEqual({ code: "aws-us-east-1", description: "AWS US East (Virginia)" });
  expect(locations).toContainEqual({ code: "fra", description: "Frankfurt, Germany" });
  expect(requests()).toEqual(["GET /v1/locations 200"]);
});

it("the routes it has and the emulator does not serve fail with 501 and say so", async () => {
  await expect(acme().groups.addLocation("prod", "fra")).rejects.toMatchObject({
    status: 501,
    message:
      "not emulated: add a location to a group (POST /v1/organizations/{organization}/groups/{group}/locations/{location})",
  });
  await expect(acme().groups.rotateTokens("prod")).rejects.toMatchObject({ status: 501 });
  await expect(acme().groups.createToken("prod")).rejects.toMatchObject({ status: 501 });
});

it("its errors carry the emulator's status and message", async () => {
  await expect(acme(BOB).groups.get("prod")).rejects.toMatchObject({ status: 403 });
  await expect(acme().groups.get("nope")).rejects.toThrow("group not found");
});
