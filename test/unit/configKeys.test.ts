import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { misspeltKeys, otherFrontHints } from "../../sdk/src/core/configKeys";
import { TursoConfigError } from "../../sdk/src/core/errors";
import { checkConfigKeys as checkProgramConfig } from "../../sdk/src/dynamic/program/configTypos";
import { checkConfigKeys } from "../../sdk/src/plugin/checkConfig";
import { keysInConfigFiles, stackOfUrn } from "../../sdk/src/plugin/stackConfig";

describe("misspeltKeys: a key a letter or two (or the case) from a setting's name", () => {
  it.each([
    [["apiTokn"], "turso-group", "turso-group:apiToken"],
    [["apiBaseURL"], "turso-group", "turso-group:apiBaseUrl"],
    [["organisation"], "turso", "turso:organization"],
    [["timeoutMS"], "turso", "turso:timeoutMs"],
    [["maxRetrys"], "turso", "turso:maxRetries"],
  ])("%j in %s means %s", (names, namespace, meant) => {
    expect(misspeltKeys(names, namespace).map((m) => m.meant)).toEqual([meant]);
  });

  it("says what to run, with --secret for the token only", () => {
    expect(misspeltKeys(["apiTokn"], "turso-group")[0]?.message).toBe(
      'Config key turso-group:apiTokn is not a setting of the turso-group provider plugin: did you mean turso-group:apiToken? Rename it ("pulumi config rm turso-group:apiTokn", then "pulumi config set --secret turso-group:apiToken <value>"); if it is a tokenFrom key, give it a name further from apiToken.',
    );
    expect(misspeltKeys(["apiBaseURL"], "turso")[0]?.message).toContain(
      'then "pulumi config set turso:apiBaseUrl <value>"',
    );
  });

  it.each([
    // Settings, and keys far from every setting (tokenFrom keys, a project's own).
    [["apiToken", "apiBaseUrl", "acmeToken", "version", "region"]],
    // Near a setting that is set too: a second token's key, as a misspelt variable beside the right one.
    [["apiToken", "apiToken2"]],
  ])("%j holds none", (names) => {
    expect(misspeltKeys(names, "turso-group")).toEqual([]);
  });
});

describe("otherFrontHints: a setting under the other front's namespace", () => {
  it("names the key this front reads, when that one is unset", () => {
    expect(otherFrontHints(["apiToken", "acmeToken"], "turso-group", () => false)).toEqual([
      "turso:apiToken is set, but the turso-group provider plugin reads turso-group:apiToken (turso:* is the namespace of the TypeScript data source).",
    ]);
    expect(otherFrontHints(["apiBaseUrl"], "turso", () => false)).toEqual([
      "turso-group:apiBaseUrl is set, but the TypeScript data source reads turso:apiBaseUrl (turso-group:* is the namespace of the turso-group provider plugin).",
    ]);
  });
  it("says nothing when this front's key is set too (a program that uses both fronts)", () => {
    expect(otherFrontHints(["apiToken"], "turso", (key) => key === "turso:apiToken")).toEqual([]);
  });
});

describe("the plugin's CheckConfig", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "check-config-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: yaml\nconfig:\n  turso:organization: acme\n");
  writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    'config:\n  turso:apiToken:\n    secure: v1:abc\n  "turso:apiBaseUrl": http://x\n  p:group: default\n',
  );
  const urn = "urn:pulumi:dev::p::pulumi:providers:turso-group::default";

  it("reads the stack's name from the URN, and the turso:* keys of the project's and the stack's files", () => {
    expect(stackOfUrn(urn)).toBe("dev");
    expect(keysInConfigFiles("turso", "dev", dir).sort()).toEqual(["apiBaseUrl", "apiToken", "organization"]);
    expect(keysInConfigFiles("turso", "prod", dir)).toEqual(["organization"]);
    expect(keysInConfigFiles("turso", "dev", path.join(dir, "nowhere"))).toEqual([]);
  });

  it("follows the project's stackConfigDir", () => {
    const other = mkdtempSync(path.join(tmpdir(), "check-config-"));
    mkdirSync(path.join(other, "stacks"));
    writeFileSync(path.join(other, "Pulumi.yaml"), "name: p\nruntime: yaml\nstackConfigDir: stacks\n");
    writeFileSync(path.join(other, "stacks", "Pulumi.dev.yaml"), "config:\n  turso:apiToken: x\n");
    expect(keysInConfigFiles("turso", "dev", other)).toEqual(["apiToken"]);
  });

  it("fails a misspelt key with no property (the engine would print its value) and warns once per hint", () => {
    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m) };
    const failures = checkConfigKeys(["apiTokn", "apiBaseUrl"], urn, logger, dir);
    expect(failures).toEqual([{ property: "", reason: expect.stringContaining("did you mean turso-group:apiToken?") }]);
    checkConfigKeys(["apiTokn", "apiBaseUrl"], urn, logger, dir);
    // turso:apiBaseUrl is set under turso-group too: only the token and the organization are hinted.
    expect(warnings).toEqual([
      expect.stringMatching(
        /^turso:organization is set, but the turso-group provider plugin reads turso-group:organization /,
      ),
      expect.stringMatching(/^turso:apiToken is set, but the turso-group provider plugin reads turso-group:apiToken /),
    ]);
  });
});

describe("the data source's check of the stack's turso:* keys", () => {
  it("throws TursoConfigError naming the key it meant; warns about turso-group:* settings once per run", () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined as never);
    try {
      expect(() => checkProgramConfig({ "turso:apiTokn": "x" })).toThrow(TursoConfigError);
      expect(() => checkProgramConfig({ "turso:apiTokn": "x" })).toThrow("did you mean turso:apiToken?");
      expect(() => checkProgramConfig({ "turso:apiToken": "x", "turso:acmeToken": "y" })).not.toThrow();
      checkProgramConfig({ "turso-group:organization": "acme" });
      checkProgramConfig({ "turso-group:organization": "acme" });
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        "turso-group:organization is set, but the TypeScript data source reads turso:organization (turso-group:* is the namespace of the turso-group provider plugin).",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
