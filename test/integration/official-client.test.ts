import { createClient } from "@tursodatabase/api";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ALICE, BOB, TEST_SEED } from "../helpers/seed";

// Turso's official TypeScript client, written from the public API and not against this emulator,
// works against it with nothing changed but its base URL.
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());

it("groups.get and groups.list answer as the API does", async () => {
  const turso = createClient({ org: "acme", token: ALICE, baseUrl: `${emu.url}/v1/` });
  const group = await turso.groups.get("prod");
  expect(group.name).toBe("prod");
  expect(group.primary).toBe("aws-eu-west-1");
  expect(group.locations).toEqual(["aws-eu-west-1", "aws-us-east-1"]);
  expect((await turso.groups.list()).map((g) => g.name)).toEqual(["prod"]);
  expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    "GET /v1/organizations/acme/groups/prod 200",
    "GET /v1/organizations/acme/groups 200",
  ]);
});

it("its errors carry the emulator's status and message", async () => {
  const turso = createClient({ org: "acme", token: BOB, baseUrl: `${emu.url}/v1/` });
  await expect(turso.groups.get("prod")).rejects.toMatchObject({ status: 403 });
  const missing = createClient({ org: "acme", token: ALICE, baseUrl: `${emu.url}/v1/` });
  await expect(missing.groups.get("nope")).rejects.toThrow("group not found");
});
