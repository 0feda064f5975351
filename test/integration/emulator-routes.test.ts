// Every route of the OpenAPI's group and location sections: served on the emulator's state
// (list, retrieve, create, delete, the locations list), or 501 "not emulated", never a 404 or
// 405 that looks like the API's answer.
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { GROUP_ROUTES } from "../../sdk/src/emulator/routes";
import { get } from "../helpers/http";
import { ALICE, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

async function call(method: string, p: string, body?: unknown, token = ALICE) {
  const res = await fetch(`${emu.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, allow: res.headers.get("allow") };
}

const NOT_EMULATED: [string, string, string][] = [
  ["GET", "/prod/configuration", "retrieve a group's configuration (GET {p}/{group}/configuration)"],
  ["PATCH", "/prod/configuration", "update a group's configuration (PATCH {p}/{group}/configuration)"],
  ["POST", "/prod/transfer", "transfer a group (POST {p}/{group}/transfer)"],
  ["POST", "/prod/unarchive", "unarchive a group (POST {p}/{group}/unarchive)"],
  ["POST", "/prod/locations/aws-us-east-2", "add a location to a group (POST {p}/{group}/locations/{location})"],
  [
    "DELETE",
    "/prod/locations/aws-us-east-1",
    "remove a location from a group (DELETE {p}/{group}/locations/{location})",
  ],
  ["POST", "/prod/update", "update the databases of a group (POST {p}/{group}/update)"],
  ["POST", "/prod/auth/tokens", "create a group token (POST {p}/{group}/auth/tokens)"],
  ["POST", "/prod/auth/rotate", "invalidate a group's tokens (POST {p}/{group}/auth/rotate)"],
];

describe("documented routes the emulator does not serve", () => {
  it("are every route of the table without an answer of its own", () => {
    expect(GROUP_ROUTES.filter((r) => r.serve === undefined)).toHaveLength(NOT_EMULATED.length);
  });

  it.each(NOT_EMULATED)("%s …/groups%s -> 501 not emulated, in both scopes", async (method, rest, what) => {
    const body = method === "GET" ? undefined : {};
    const org = await call(method, `/v1/organizations/acme/groups${rest}`, body);
    expect(org).toMatchObject({
      status: 501,
      body: { error: `not emulated: ${what.replace("{p}", "/v1/organizations/{organization}/groups")}` },
    });
    const user = await call(method, `/v1/groups${rest.replace("prod", "default")}`, body);
    expect(user).toMatchObject({ status: 501, body: { error: `not emulated: ${what.replace("{p}", "/v1/groups")}` } });
  });

  it("GET /v1/locations/{location} (the CLI's, not in the OpenAPI spec) -> 501", async () => {
    expect(await call("GET", "/v1/locations/fra")).toMatchObject({
      status: 501,
      body: {
        error:
          "not emulated: a location's details (the Turso CLI's; not in the OpenAPI spec) (GET /v1/locations/{location})",
      },
    });
  });

  it.each([
    ["PUT", "/v1/organizations/acme/groups", "GET, HEAD, POST"],
    ["PUT", "/v1/organizations/acme/groups/prod/configuration", "GET, HEAD, PATCH"],
    ["GET", "/v1/organizations/acme/groups/prod/transfer", "POST"],
    ["GET", "/v1/organizations/acme/groups/prod/locations/fra", "POST, DELETE"],
    ["POST", "/v1/locations", "GET, HEAD"],
  ])("%s %s (an undocumented method) -> 405 Allow: %s", async (method, p, allow) => {
    expect(await call(method, p)).toEqual({ status: 405, body: { error: "method not allowed" }, allow });
  });

  it.each(["/v1/organizations/acme/groups/prod/nope", "/v1/organizations/acme/groups/prod/auth", "/v1/locations/a/b"])(
    "GET %s (no documented route) -> 404 not found",
    async (p) => {
      expect(await call("GET", p)).toMatchObject({ status: 404, body: { error: "not found" } });
    },
  );
});

describe("create and delete", () => {
  it("creates a group on one location, with every field, then deletes it", async () => {
    const created = await call("POST", "/v1/organizations/acme/groups", { name: "edge", location: "aws-us-east-2" });
    expect(created).toMatchObject({ status: 200 });
    const group = created.body["group"] as Record<string, unknown>;
    expect(group).toEqual({
      name: "edge",
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      version: "v0.24.32",
      locations: ["aws-us-east-2"],
      primary: "aws-us-east-2",
      delete_protection: false,
      archived: false,
    });
    expect((await get(`${emu.url}/v1/organizations/acme/groups/edge`, ALICE)).body).toEqual({ group });
    expect(await call("DELETE", "/v1/organizations/acme/groups/edge")).toEqual({
      status: 200,
      body: { group },
      allow: null,
    });
    expect(await call("DELETE", "/v1/organizations/acme/groups/edge")).toMatchObject({
      status: 404,
      body: { error: "group not found" },
    });
    expect((await get(`${emu.url}/v1/organizations/acme/groups/edge`, ALICE)).status).toBe(404);
  });

  it("never gives a deleted group's UUID again, not even the stable UUID of its name", async () => {
    const uuid = async () =>
      ((await get(`${emu.url}/v1/groups/default`, ALICE)).body as { group: { uuid: string } }).group.uuid;
    const stable = await uuid();
    expect((await call("DELETE", "/v1/groups/default")).status).toBe(200);
    emu.setGroup("alice", { name: "default", primary: "fra", locations: ["fra"] });
    expect(await uuid()).not.toBe(stable);
  });

  it("answers the personal-account form (/v1/groups) on the token's own account", async () => {
    expect((await call("POST", "/v1/groups", { name: "mine", location: "lhr" })).status).toBe(200);
    expect((await get(`${emu.url}/v1/organizations/alice/groups/mine`, ALICE)).status).toBe(200);
    expect((await call("DELETE", "/v1/groups/mine")).status).toBe(200);
  });

  it("reads the Turso CLI's body, whose keys are capitalised", async () => {
    const r = await call("POST", "/v1/organizations/acme/groups", { Name: "cli", Location: "fra", Version: "latest" });
    expect(r).toMatchObject({ status: 200, body: { group: { name: "cli", primary: "fra", version: "v0.24.32" } } });
  });

  it.each([
    [{ name: "prod", location: "fra" }, 409, "group already exists"],
    [{ name: "new", location: "amss" }, 400, "invalid location: amss (not one of those GET /v1/locations lists)"],
    [{ name: "new" }, 400, "location must be a location code (GET /v1/locations)"],
    [{ location: "fra" }, 400, 'name must be a non-empty string without "/"'],
    [{ name: "a/b", location: "fra" }, 400, 'name must be a non-empty string without "/"'],
    [[], 400, 'the body must be a JSON object {"name": "<group>", "location": "<location code>"}'],
    ["{ nope", 400, 'the body must be a JSON object {"name": "<group>", "location": "<location code>"}: '],
  ])("POST %j -> %i %s", async (body, status, message) => {
    const r = await call("POST", "/v1/organizations/acme/groups", body);
    expect(r.status).toBe(status);
    expect(r.body["error"]).toContain(message);
    expect((await get(`${emu.url}/v1/organizations/acme/groups`, ALICE)).body).toMatchObject({
      groups: [{ name: "prod" }],
    });
  });

  it("does not delete a group with delete_protection: not emulated (Turso's answer is undocumented)", async () => {
    const r = await call("DELETE", "/v1/organizations/acme/groups/prod");
    expect(r.status).toBe(501);
    expect(r.body["error"]).toMatch(/^not emulated: deleting a group with delete_protection/);
    expect((await get(`${emu.url}/v1/organizations/acme/groups/prod`, ALICE)).status).toBe(200);
  });

  it.each([
    [
      "POST",
      "/v1/organizations/acme/groups",
      "bob-secret-token-9a2e",
      403,
      "user is not a member of organization acme",
    ],
    ["POST", "/v1/organizations/nowhere/groups", ALICE, 404, "organization not found"],
    ["DELETE", "/v1/organizations/acme/groups/prod", "nope", 401, "invalid token"],
  ])("%s %s (token %s) -> %i %s", async (method, p, token, status, message) => {
    expect(await call(method, p, { name: "x", location: "fra" }, token)).toMatchObject({
      status,
      body: { error: message },
    });
  });
});
