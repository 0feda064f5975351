import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { ALICE, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

const configure = (values: Record<string, string>) => ({
  config: { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" },
});

describe("the provider's read", () => {
  it("reads with the token and base URL from stack config, returning every output", async () => {
    const runtime = new ProviderRuntime({});
    await runtime.configure(configure({ "turso:apiToken": ALICE, "turso:apiBaseUrl": emu.url }));
    expect(await runtime.read("acme/prod", { organization: "acme", group: "prod" })).toEqual({
      id: "acme/prod",
      props: {
        group: "prod",
        organization: "acme",
        name: "prod",
        locations: ["aws-eu-west-1", "aws-us-east-1"],
        primary: "aws-eu-west-1",
        uuid: "0b6c2a9e-1111-4c3d-9e6f-acme00000001",
        version: "v0.24.1",
        deleteProtection: true,
        archived: false,
        found: true,
        expect: null,
        ifExists: null,
        organizationSource: null,
        tokenFrom: null,
      },
    });
  });

  it("falls back to TURSO_API_TOKEN and TURSO_API_BASEURL", async () => {
    const runtime = new ProviderRuntime({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });
    await runtime.configure(configure({}));
    expect((await runtime.read("default", { group: "default" })).props?.organization).toBeNull();
    expect(emu.requests().map((r) => r.path)).toEqual(["/v1/groups/default"]);
  });

  it("asks once for a group read many times, concurrently or not", async () => {
    const runtime = new ProviderRuntime({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });
    await Promise.all([1, 2, 3].map(() => runtime.read("default", { group: "default" })));
    await runtime.read("default", { group: "default" });
    await runtime.read("acme/prod", { organization: "acme", group: "prod" });
    expect(emu.requests().map((r) => r.path)).toEqual(["/v1/groups/default", "/v1/organizations/acme/groups/prod"]);
  });

  it("asks again after a failure", async () => {
    emu.addFault({ kind: "status", status: 404, times: 1 });
    const runtime = new ProviderRuntime({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });
    await expect(runtime.read("default", { group: "default" })).rejects.toThrow('Group "default" was not found');
    const again = await runtime.read("default", { group: "default" });
    expect(again.props).toMatchObject({ primary: "fra", locations: ["fra", "ams"] });
    // The failed GET is not kept: the second read asks again. (Between them, the 404's "did you
    // mean" listed the account's groups, which hold only the name asked: no guess.)
    expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /v1/groups/default 404",
      "GET /v1/groups 200",
      "GET /v1/groups/default 200",
    ]);
  });

  it("fails a group placed otherwise than expected, naming expected and found", async () => {
    const runtime = new ProviderRuntime({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });
    const expect_ = { primaryIn: ["iad", "lhr"], locationsInclude: ["ams", "nrt"] };
    await expect(runtime.read("default", { group: "default", expect: expect_ })).rejects.toThrow(
      'The placement of group "default" in your personal account is not what this program expects: primary is "fra", expected one of ["iad","lhr"]; locations are ["fra","ams"], missing ["nrt"]. Move the group (turso group locations add/remove) or change getGroup\'s expect.',
    );
    const ok = await runtime.read("default", {
      group: "default",
      expect: { primaryIn: ["fra"], locationsInclude: ["ams"] },
    });
    expect(ok.props?.expect).toEqual({ primaryIn: ["fra"], locationsInclude: ["ams"] });
  });

  it("fails with where it looked when there is no token", async () => {
    const runtime = new ProviderRuntime({});
    await expect(runtime.read("default", { group: "default" })).rejects.toThrow(
      'No Turso API token: looked in stack config "turso:apiToken" and environment variable TURSO_API_TOKEN, both unset.',
    );
    expect(emu.requests()).toEqual([]);
  });
});
