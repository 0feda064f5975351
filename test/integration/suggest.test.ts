// "Did you mean": a missing group's error names a group of its scope a letter or two away, from
// one more GET (the scope's groups), in both fronts; never for a secret or ifExists lookup.
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { PluginLookups } from "../../sdk/src/plugin/lookups";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "../e2e/emulated";

const emu = suiteEmulator();

async function dynamicFront(more: Record<string, string> = {}): Promise<ProviderRuntime> {
  const runtime = new ProviderRuntime({});
  const values: Record<string, string> = { "turso:apiToken": ALICE, "turso:apiBaseUrl": emu.url, ...more };
  await runtime.configure({ config: { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" } });
  return runtime;
}

function pluginFront(): PluginLookups {
  const l = new PluginLookups({});
  // Names shown: the plugin's default hides every argument's name and suggests nothing (test/unit/plugin-lookups).
  const values = new Map(
    Object.entries({
      "turso-group:apiToken": ALICE,
      "turso-group:apiBaseUrl": emu.url,
      "turso-group:showNames": "true",
    }),
  );
  l.configure({ values, secrets: new Set(["turso-group:apiToken"]) });
  return l;
}

const PRD =
  'Group "prd" was not found in organization "acme" (404: group not found). Did you mean "prod"? ' +
  'List its groups with "turso group list" (after "turso org switch acme"), and check the organization\'s name with "turso org list".';

describe("a misspelt group", () => {
  it("is answered with the group it most likely meant, in the dynamic front", async () => {
    const runtime = await dynamicFront();
    await expect(runtime.read("acme/prd", { organization: "acme", group: "prd" })).rejects.toThrow(PRD);
    expect(emu.gets()).toEqual(["GET /v1/organizations/acme/groups/prd 404", "GET /v1/organizations/acme/groups 200"]);
  });

  it("is answered the same way by the plugin", async () => {
    await expect(pluginFront().getGroup({ organization: "acme", group: "prd" })).rejects.toThrow(PRD);
    expect(emu.gets()).toEqual(["GET /v1/organizations/acme/groups/prd 404", "GET /v1/organizations/acme/groups 200"]);
  });

  it("in the personal account too; and no guess when no group is close", async () => {
    const runtime = await dynamicFront();
    await expect(runtime.read("defualt", { group: "defualt" })).rejects.toThrow(
      'Group "defualt" was not found in your personal account (404: group not found). Did you mean "default"? List your groups',
    );
    const far = runtime.read("zzzzzz", { group: "zzzzzz" });
    await expect(far).rejects.toThrow(
      'Group "zzzzzz" was not found in your personal account (404: group not found). List',
    );
    await expect(far).rejects.not.toThrow("Did you mean");
  });

  it("puts the guess after the quoted answer, even when the API's words hold a full stop", async () => {
    emu.addFault({
      kind: "status",
      status: 404,
      times: 1,
      path: "/v1/organizations/acme/groups/prd",
      body: { error: "not here (checked). sorry" },
    });
    try {
      const runtime = await dynamicFront();
      await expect(runtime.read("acme/prd", { organization: "acme", group: "prd" })).rejects.toThrow(
        'Group "prd" was not found in organization "acme" (404: not here (checked). sorry). Did you mean "prod"? List its groups',
      );
    } finally {
      emu.clearFaults();
    }
  });

  it("keeps its error as it was when the scope's groups cannot be listed", async () => {
    emu.addFault({ kind: "status", status: 500, path: "/v1/organizations/acme/groups" });
    try {
      const runtime = await dynamicFront({ "turso:maxRetries": "0" });
      const read = runtime.read("acme/prd", { organization: "acme", group: "prd" });
      await expect(read).rejects.toThrow(
        'Group "prd" was not found in organization "acme" (404: group not found). List',
      );
      await expect(read).rejects.not.toThrow("Did you mean");
      expect(emu.gets()).toEqual([
        "GET /v1/organizations/acme/groups/prd 404",
        "GET /v1/organizations/acme/groups 500",
      ]);
    } finally {
      emu.clearFaults();
    }
  });

  it("gets no guess, and costs no second request, in a secret lookup or an if-exists one (findGroup)", async () => {
    const runtime = await dynamicFront();
    const secret = runtime.read("secret~1", { organization: "acme", group: "prd", secret: true });
    await expect(secret).rejects.toThrow('Group "[secret]" was not found in organization "[secret]"');
    await expect(secret).rejects.not.toThrow("Did you mean");
    await expect(pluginFront().getGroup({ organization: "acme", group: "prd" }, true)).rejects.not.toThrow(
      "Did you mean",
    );
    await expect(pluginFront().findGroup({ organization: "acme", group: "prd" })).resolves.toEqual({
      outputs: { found: false },
      secret: false,
    });
    expect(emu.gets()).toEqual([
      "GET /v1/organizations/acme/groups/prd 404",
      "GET /v1/organizations/acme/groups/prd 404",
      "GET /v1/organizations/acme/groups/prd 404",
    ]);
  });
});
