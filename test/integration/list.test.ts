import { createClient } from "@tursodatabase/api";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { TursoAuthError, TursoForbiddenError, TursoNotFoundError } from "../../sdk/src/core/errors";
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { testClient } from "../helpers/client";
import { ACME_PROD, ALICE, BOB, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

const paths = () => emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
const staging = { name: "staging", primary: "aws-us-east-1", locations: ["aws-us-east-1"] };

describe("TursoClient.listGroups against the emulator", () => {
  it("lists an organization's groups with one GET of the organization's list route", async () => {
    emu.setGroup("acme", staging);
    const { client } = testClient(emu.url, ALICE);
    const groups = await client.listGroups({ organization: "acme" });
    expect(groups.map((g) => g.name)).toEqual(["prod", "staging"]);
    expect(groups[0]).toEqual(ACME_PROD);
    expect(paths()).toEqual(["GET /v1/organizations/acme/groups 200"]);
  });

  it("lists the personal account's groups with the user-scoped route", async () => {
    const { client } = testClient(emu.url, BOB);
    expect((await client.listGroups({})).map((g) => [g.name, g.primary])).toEqual([["default", "nrt"]]);
    expect(paths()).toEqual(["GET /v1/groups 200"]);
  });

  it("retries a 503 and succeeds, as a group's GET does", async () => {
    emu.addFault({ kind: "status", status: 503, times: 1 });
    const { client, waits } = testClient(emu.url, ALICE);
    expect(await client.listGroups({ organization: "acme" })).toHaveLength(1);
    expect(paths()).toEqual(["GET /v1/organizations/acme/groups 503", "GET /v1/organizations/acme/groups 200"]);
    expect(waits).toHaveLength(1);
  });

  it("says an unknown organization is unknown, naming where its name came from", async () => {
    const { client } = testClient(emu.url, ALICE);
    const failed = client.listGroups({ organization: "nope", organizationSource: 'stack config "turso:organization"' });
    await expect(failed).rejects.toThrow(
      new TursoNotFoundError(
        'The Turso API does not know organization "nope" (from stack config "turso:organization"), or the token from environment variable TURSO_API_TOKEN cannot see it (404: organization not found). Check the organization\'s name with "turso org list".',
        {
          method: "GET",
          url: `${emu.url}/v1/organizations/nope/groups`,
          status: 404,
          attempts: 1,
          missing: "organization",
        },
      ),
    );
    await expect(failed).rejects.toMatchObject({ missing: "organization" });
  });

  it("refuses another member's organization (403) and a rejected token (401), never printing the token", async () => {
    await expect(testClient(emu.url, BOB).client.listGroups({ organization: "acme" })).rejects.toBeInstanceOf(
      TursoForbiddenError,
    );
    const rejected = testClient(emu.url, "wrong-token-1234").client.listGroups({ organization: "acme" });
    await expect(rejected).rejects.toBeInstanceOf(TursoAuthError);
    await expect(rejected).rejects.not.toThrow("wrong-token-1234");
  });

  it("validates the organization before any request", async () => {
    await expect(testClient(emu.url, ALICE).client.listGroups({ organization: "Bad Org" })).rejects.toThrow(
      /organization/,
    );
    expect(paths()).toEqual([]);
  });
});

describe("parity with Turso's official client", () => {
  it.each([
    ["acme", ALICE],
    ["alice", ALICE],
    ["bob", BOB],
  ])("groups.list() of %s and listGroups agree on every group: name, primary, locations, uuid", async (org, token) => {
    emu.setGroup("acme", staging);
    const official = await createClient({ org, token, baseUrl: `${emu.url}/v1/` }).groups.list();
    const ours = await testClient(emu.url, token).client.listGroups({ organization: org });
    expect(ours.map((g) => ({ name: g.name, primary: g.primary, locations: g.locations }))).toEqual(
      official.map((g) => ({ name: g.name, primary: g.primary, locations: g.locations })),
    );
    // The official client types name, primary and locations only; the JSON carries the rest.
    const uuids = (official as unknown as { uuid?: string }[]).map((g) => g.uuid ?? null);
    expect(ours.map((g) => g.uuid ?? null)).toEqual(uuids);
    expect(ours.length).toBeGreaterThan(0);
  });
});

describe("the provider's list read", () => {
  const env = () => ({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });

  it("records every group sorted by name, absent fields null, with one GET however often it is read", async () => {
    emu.setGroup("acme", { ...staging, name: "alpha" });
    const runtime = new ProviderRuntime(env());
    const props = { kind: "list" as const, organization: "acme" };
    const [first] = await Promise.all([runtime.read("acme", props), runtime.read("acme", props)]);
    await runtime.read("acme", props);
    expect(first).toEqual({
      id: "acme",
      props: {
        kind: "list",
        organization: "acme",
        organizationSource: null,
        tokenFrom: null,
        groups: [
          {
            name: "alpha",
            primary: "aws-us-east-1",
            locations: ["aws-us-east-1"],
            uuid: expect.any(String),
            version: expect.any(String),
            deleteProtection: false,
            archived: false,
          },
          ACME_PROD,
        ],
      },
    });
    expect(paths()).toEqual(["GET /v1/organizations/acme/groups 200"]);
  });

  it("reads the personal account's groups, and a group lookup beside it still makes its own GET", async () => {
    const runtime = new ProviderRuntime(env());
    expect((await runtime.read("~", { kind: "list" })).props?.groups.map((g) => g.name)).toEqual(["default"]);
    await runtime.read("default", { group: "default" });
    expect(paths()).toEqual(["GET /v1/groups 200", "GET /v1/groups/default 200"]);
  });

  it("fails a program's read of an unknown organization, and drops it on refresh with a warning", async () => {
    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m) };
    const runtime = new ProviderRuntime(env(), logger);
    await expect(runtime.read("nope", { kind: "list", organization: "nope" })).rejects.toThrow(
      'The Turso API does not know organization "nope"',
    );
    const recorded = { kind: "list" as const, organization: "nope", groups: [] } as never;
    expect(await runtime.read("nope", recorded)).toEqual({ id: "", props: {} });
    expect(warnings).toEqual([expect.stringMatching(/Refresh drops the lookup "nope" from the stack's state\.$/)]);
  });

  it("fails a refused list with the program's reason and no request", async () => {
    const runtime = new ProviderRuntime(env());
    await expect(runtime.read("refused-1", { kind: "list", refuse: "organization is invalid: x." })).rejects.toThrow(
      "organization is invalid: x.",
    );
    expect(paths()).toEqual([]);
  });
});
