// Organization-scoped and group-scoped tokens, as Turso's authentication docs describe them,
// beside the deprecated unrestricted token.
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { get } from "../helpers/http";
import { ACME_ORG_TOKEN, ACME_PROD_READ_TOKEN, ALICE, SCOPED_SEED } from "../helpers/seed";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      ...SCOPED_SEED,
      organizations: {
        ...SCOPED_SEED.organizations,
        acme: {
          groups: [
            ...(SCOPED_SEED.organizations["acme"]?.groups ?? []),
            { name: "staging", primary: "iad", locations: ["iad"] },
          ],
        },
      },
    },
  });
});
afterAll(() => emu.stop());

const names = (body: unknown): string[] => (body as { groups: { name: string }[] }).groups.map((g) => g.name);

describe("an organization-scoped token", () => {
  it("reads every group of its organization", async () => {
    expect((await get(`${emu.url}/v1/organizations/acme/groups/prod`, ACME_ORG_TOKEN)).status).toBe(200);
    expect(names((await get(`${emu.url}/v1/organizations/acme/groups`, ACME_ORG_TOKEN)).body)).toEqual([
      "prod",
      "staging",
    ]);
    expect((await get(`${emu.url}/v1/organizations/acme/groups/nope`, ACME_ORG_TOKEN)).status).toBe(404);
  });
});

describe("a group-scoped token", () => {
  it("reads its group, and lists only its group", async () => {
    expect((await get(`${emu.url}/v1/organizations/acme/groups/prod`, ACME_PROD_READ_TOKEN)).status).toBe(200);
    expect(names((await get(`${emu.url}/v1/organizations/acme/groups`, ACME_PROD_READ_TOKEN)).body)).toEqual(["prod"]);
  });

  it("needs the read scope", async () => {
    expect(await get(`${emu.url}/v1/organizations/acme/groups/prod`, "acme-prod-create-only-token")).toMatchObject({
      status: 403,
      body: { error: "token's scopes (db:create) do not include read" },
    });
  });
});

describe("outside its scope, a scoped token gets one 403 whether the target exists or not", () => {
  const ORG = "token is restricted to organization acme";
  const GROUP = "token is restricted to group prod of organization acme";
  it.each([
    [ACME_ORG_TOKEN, "/v1/organizations/alice/groups/default", ORG], // another organization of its user
    [ACME_ORG_TOKEN, "/v1/organizations/bob/groups/default", ORG], // one its user is not a member of
    [ACME_ORG_TOKEN, "/v1/organizations/nowhere/groups/prod", ORG], // one that does not exist
    [ACME_ORG_TOKEN, "/v1/groups/default", ORG], // the personal account, on the user-scoped route
    [ACME_PROD_READ_TOKEN, "/v1/organizations/acme/groups/staging", GROUP], // another group of its organization
    [ACME_PROD_READ_TOKEN, "/v1/organizations/acme/groups/nope", GROUP], // a group that does not exist
    [ACME_PROD_READ_TOKEN, "/v1/organizations/alice/groups/default", GROUP], // another organization
    [ACME_PROD_READ_TOKEN, "/v1/groups/default", GROUP], // the personal account
  ])("%s GET %s -> 403 %s", async (token, p, message) => {
    expect(await get(`${emu.url}${p}`, token)).toMatchObject({ status: 403, body: { error: message } });
  });
});

describe("the unrestricted token (deprecated) beside them", () => {
  it("still reaches every organization of its user, and tells unknown from forbidden", async () => {
    expect((await get(`${emu.url}/v1/organizations/acme/groups/staging`, ALICE)).status).toBe(200);
    expect((await get(`${emu.url}/v1/groups/default`, ALICE)).status).toBe(200);
    expect(await get(`${emu.url}/v1/organizations/bob/groups/default`, ALICE)).toMatchObject({
      status: 403,
      body: { error: "user is not a member of organization bob" },
    });
    expect(await get(`${emu.url}/v1/organizations/nowhere/groups/prod`, ALICE)).toMatchObject({
      status: 404,
      body: { error: "organization not found" },
    });
  });
});

describe("scoped tokens in the seed", () => {
  const alice = (apiTokens: unknown[]) => ({
    users: [{ name: "alice", organizations: ["acme"], apiTokens }],
    organizations: { acme: { groups: [{ name: "prod", primary: "fra", locations: ["fra"] }] } },
  });
  it.each([
    [
      [{ token: "t", organization: "bob" }],
      'seed.users[0].apiTokens[0].organization: user "alice" is not a member of "bob"',
    ],
    [
      [{ token: "t", organization: "acme", group: "x", scopes: ["read"] }],
      'seed.users[0].apiTokens[0].group: "x" is not a group of "acme" in the seed',
    ],
    [
      [{ token: "t", organization: "acme", group: "prod" }],
      "seed.users[0].apiTokens[0].scopes is required when group is set",
    ],
    [
      [{ token: "t", organization: "acme", scopes: ["read"] }],
      "seed.users[0].apiTokens[0].group is required when scopes is set",
    ],
    [
      [{ token: "t", organization: "acme", group: "prod", scopes: ["write"] }],
      "seed.users[0].apiTokens[0].scopes[0] must be one of read, db:create",
    ],
    [
      [{ token: "t", organization: "acme", group: "prod", scopes: [] }],
      "seed.users[0].apiTokens[0].scopes must be a non-empty array of scopes",
    ],
    [
      [{ token: "t", organization: "acme", orgnization: "acme" }],
      'seed.users[0].apiTokens[0].orgnization: unknown key; did you mean "organization"?',
    ],
    [
      [
        { token: "t", organization: "acme" },
        { token: "t", organization: "alice" },
      ],
      'seed.users[0].apiTokens[1].token is already a token of user "alice"',
    ],
  ])("refuses %j: %s", async (apiTokens, message) => {
    await expect(startEmulator({ seed: alice(apiTokens) as never })).rejects.toThrow(message);
  });
});

describe("a group-scoped token follows its group's UUID, not its name", () => {
  let own: Emulator;
  beforeEach(async () => {
    own = await startEmulator({ seed: SCOPED_SEED });
  });
  afterEach(() => own.stop());
  const send = (method: string, p: string, token: string, body?: unknown) =>
    fetch(`${own.url}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { group?: { uuid: string }; error?: string },
    }));
  const PROD = "/v1/organizations/acme/groups/prod";

  it("keeps working when its group is replaced, and stops for good when the group is deleted and recreated", async () => {
    const before = (await send("GET", PROD, ACME_PROD_READ_TOKEN)).body.group?.uuid;
    own.setGroup("acme", { name: "prod", primary: "fra", locations: ["fra"], delete_protection: false });
    expect(await send("GET", PROD, ACME_PROD_READ_TOKEN)).toMatchObject({
      status: 200,
      body: { group: { uuid: before } },
    });
    expect((await send("DELETE", PROD, ALICE)).status).toBe(200);
    const revoked = { status: 401, body: { error: "token is revoked: the group it was pinned to was deleted" } };
    expect(await send("GET", PROD, ACME_PROD_READ_TOKEN)).toEqual(revoked);
    const again = await send("POST", "/v1/organizations/acme/groups", ALICE, { name: "prod", location: "fra" });
    expect(again.status).toBe(200);
    expect(again.body.group?.uuid).not.toBe(before);
    expect(await send("GET", PROD, ACME_PROD_READ_TOKEN)).toEqual(revoked);
    expect(await send("GET", "/v1/locations", ACME_PROD_READ_TOKEN)).toEqual(revoked);
    // The admin route's recreation gets no old UUID either.
    await send("DELETE", PROD, ALICE);
    own.setGroup("acme", { name: "prod", primary: "fra", locations: ["fra"] });
    expect(await send("GET", PROD, ACME_PROD_READ_TOKEN)).toEqual(revoked);
    expect((await send("GET", PROD, ACME_ORG_TOKEN)).body.group?.uuid).not.toBe(before);
  });

  it("cannot create or delete groups, even its own", async () => {
    const refused =
      "a group-scoped token cannot create or delete groups (it is restricted to group prod of organization acme)";
    expect(
      await send("POST", "/v1/organizations/acme/groups", ACME_PROD_READ_TOKEN, { name: "x", location: "fra" }),
    ).toEqual({
      status: 403,
      body: { error: refused },
    });
    expect(await send("DELETE", PROD, ACME_PROD_READ_TOKEN)).toEqual({ status: 403, body: { error: refused } });
    expect(
      (await send("POST", "/v1/organizations/acme/groups", ACME_ORG_TOKEN, { name: "x", location: "fra" })).status,
    ).toBe(200);
  });
});
