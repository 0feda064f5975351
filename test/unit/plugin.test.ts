import { configOf } from "../../sdk/src/plugin/configure";
import { hasSecret, secretFields, unwrapSecrets } from "../../sdk/src/plugin/secrets";
import { groupArgs, HIDDEN_NAMES_HINT, listArgs } from "../../sdk/src/plugin/args";
import { asInvokeFailure, INVOKE_FAILURE_HINT } from "../../sdk/src/plugin/failure";
import { FUNCTIONS, packageSchema } from "../../sdk/src/plugin/schema";
import { goModulePath, homeOf } from "../../sdk/src/plugin/home";
import { TursoInputError } from "../../sdk/src/core/errors";
import { keyIn, resolveSettings, SETTINGS } from "../../sdk/src/core/settings";

const config =
  (values: Record<string, string>) =>
  (key: string): string | undefined =>
    values[key];

describe("the plugin's settings: the core's, in the turso-group namespace", () => {
  it("reads turso-group:* keys with the same TURSO_* fallbacks, and names them in messages", () => {
    const s = resolveSettings(
      config({ "turso-group:apiToken": "t", "turso-group:maxRetries": "1" }),
      { TURSO_API_BASEURL: "http://127.0.0.1:9" },
      undefined,
      "turso-group",
    );
    expect(s).toMatchObject({
      token: "t",
      tokenSource: 'stack config "turso-group:apiToken"',
      baseUrl: "http://127.0.0.1:9",
      baseUrlSource: "environment variable TURSO_API_BASEURL",
      retry: { retries: 1 },
      configNamespace: "turso-group",
    });
    expect(() => resolveSettings(config({}), {}, undefined, "turso-group")).toThrow(
      'No Turso API token: looked in stack config "turso-group:apiToken" and environment variable TURSO_API_TOKEN, both unset. ' +
        'Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret turso-group:apiToken <token>" or export TURSO_API_TOKEN.',
    );
    expect(() =>
      resolveSettings(
        config({ "turso-group:apiToken": "t", "turso-group:timeoutMs": "5" }),
        {},
        undefined,
        "turso-group",
      ),
    ).toThrow('turso-group:timeoutMs must be a whole number from 100 to 300000 (got "5")');
    // The TypeScript front's keys are unchanged, and carry no namespace field.
    expect(resolveSettings(config({ "turso:apiToken": "t" }), {})).not.toHaveProperty("configNamespace");
  });
  it.each(Object.values(SETTINGS).map((s) => s.key))("keyIn(%s) keeps the name, changes the namespace", (key) => {
    expect(keyIn(key, "turso-group")).toBe(key.replace(/^turso:/, "turso-group:"));
    expect(keyIn(key)).toBe(key);
  });
});

describe("an invoke's arguments", () => {
  const none = config({});
  const ctx = (c: (key: string) => string | undefined, env: Record<string, string> = {}, secret = false) => ({
    config: c,
    env,
    isSecret: (key: string) => key === "turso-group:organization" && c(key) === "hidden-org",
    secret,
  });
  const shown = config({ "turso-group:showNames": "true" });
  it("are checked by the core's rules, with its messages", () => {
    expect(() => groupArgs({ group: "a/b" }, ctx(shown))).toThrow(
      'group "a/b" is invalid: it must not contain "/" or "\\"',
    );
    // Without turso-group:showNames, an argument is never quoted: it may have been a secret.
    expect(() => groupArgs({ group: "a/b" }, ctx(none))).toThrow(
      'group (not shown: it may be a secret) is invalid: it must not contain "/" or "\\"',
    );
    expect(() => groupArgs({ group: "g", expect: { primaryIn: [] } }, ctx(shown))).toThrow(
      "expect is invalid: expect.primaryIn must not be empty.",
    );
    expect(() => listArgs({ tokenFrom: { file: "x" } }, ctx(none))).toThrow(
      'tokenFrom is invalid: it has an unknown field "file"',
    );
  });
  it("refuse a name the schema does not declare, naming those it does", () => {
    expect(() => groupArgs({ gruop: "g", group: "g" }, ctx(none))).toThrow(
      new TursoInputError(
        "gruop",
        "unknown argument",
        'getGroup has no argument "gruop"; it takes organization, group, expect, tokenFrom.',
      ),
    );
    expect(() => listArgs({ group: "g" }, ctx(none))).toThrow(
      'getGroups has no argument "group"; it takes organization, tokenFrom.',
    );
    expect(() => groupArgs({ group: "g", ifExists: true }, ctx(none), "findGroup")).toThrow(
      'findGroup has no argument "ifExists"; it takes organization, group, expect, tokenFrom.',
    );
  });
  it("take the organization from turso-group:organization, else TURSO_ORGANIZATION, saying where", () => {
    expect(
      groupArgs({ group: "g" }, ctx(config({ "turso-group:organization": "acme" }), { TURSO_ORGANIZATION: "other" }))
        .query.ref,
    ).toEqual({
      group: "g",
      organization: "acme",
      organizationSource: 'stack config "turso-group:organization"',
    });
    expect(listArgs({}, ctx(none, { TURSO_ORGANIZATION: "other" })).query.scope).toEqual({
      organization: "other",
      organizationSource: "environment variable TURSO_ORGANIZATION",
    });
    expect(listArgs({ organization: "given" }, ctx(none, { TURSO_ORGANIZATION: "other" })).query.scope).toEqual({
      organization: "given",
    });
    expect(() => listArgs({}, ctx(config({ "turso-group:organization": "a b" })))).toThrow(
      'turso-group:organization "a b" is invalid: it must not contain whitespace.',
    );
  });
  it("hide every name given as an argument unless turso-group:showNames is true, saying why and what to do", () => {
    const plain = groupArgs({ group: "g", organization: "o" }, ctx(none));
    expect(plain.hiding).toEqual({ names: ["o", "g"], hint: HIDDEN_NAMES_HINT });
    expect(plain.secret).toBe(false);
    expect(HIDDEN_NAMES_HINT).toContain("set turso-group:showNames to true");
    expect(groupArgs({ group: "g", organization: "o" }, ctx(shown)).hiding).toBeUndefined();
    // A default organization from plain config or the environment is shown; the group argument is not.
    const fromEnv = groupArgs({ group: "g" }, ctx(none, { TURSO_ORGANIZATION: "envorg" }));
    expect(fromEnv.hiding).toEqual({ names: ["g"], hint: HIDDEN_NAMES_HINT });
    expect(listArgs({}, ctx(none, { TURSO_ORGANIZATION: "envorg" })).hiding).toBeUndefined();
    // A secret default organization is hidden even with showNames, and makes the answer secret.
    const secretDefault = listArgs(
      {},
      ctx(config({ "turso-group:organization": "hidden-org", "turso-group:showNames": "true" })),
    );
    expect(secretDefault).toMatchObject({ hiding: { names: ["hidden-org"] }, secret: true });
    // An argument that arrived marked secret: hidden whatever showNames says, no hint (it is a secret).
    expect(groupArgs({ group: "g", organization: "o" }, ctx(shown, {}, true)).hiding).toEqual({ names: ["o", "g"] });
    expect(() => groupArgs({ group: "g" }, ctx(config({ "turso-group:showNames": "yes" })))).toThrow(
      'Stack config "turso-group:showNames" must be true or false, got "yes"',
    );
  });
  it("are secret when one is, or when the default organization is a secret config value, quoting nothing then", () => {
    expect(groupArgs({ group: "g" }, ctx(none)).secret).toBe(false);
    expect(groupArgs({ group: "g" }, ctx(none, {}, true)).secret).toBe(true);
    expect(listArgs({}, ctx(config({ "turso-group:organization": "hidden-org" }))).secret).toBe(true);
    expect(listArgs({}, ctx(none, { TURSO_ORGANIZATION: "hidden-org" })).secret).toBe(false);
    expect(() => groupArgs({ group: "a b" }, ctx(none, {}, true))).toThrow(
      "group (not shown: it may be a secret) is invalid: it must not contain whitespace.",
    );
  });
});

describe("the Configure request", () => {
  const request = (variables: Record<string, string>, args: Record<string, unknown> = {}) => ({
    getVariablesMap: () => ({
      forEach: (each: (v: string, k: string) => void) => Object.entries(variables).forEach(([k, v]) => each(v, k)),
    }),
    getArgs: () => ({ toJavaScript: () => args }),
  });
  it("gives the variables as package:name, then the args the variables lack, secrets unwrapped", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "tok" };
    const got = configOf(
      request(
        { "turso-group:config:apiBaseUrl": "http://127.0.0.1:1" },
        { apiBaseUrl: "ignored", apiToken: secret, maxRetries: 2 },
      ),
      "turso-group",
    );
    expect(Object.fromEntries(got.values)).toEqual({
      "turso-group:apiBaseUrl": "http://127.0.0.1:1",
      "turso-group:apiToken": "tok",
      "turso-group:maxRetries": "2",
    });
    expect([...got.secrets]).toEqual(["turso-group:apiToken"]);
  });
  it("secrets are found and unwrapped in arrays and objects, and results wrapped field by field", () => {
    const s = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
    const args = { group: "g", expect: { primaryIn: [s("fra")] } };
    expect(hasSecret(args)).toBe(true);
    expect(hasSecret({ group: "g", expect: { primaryIn: ["fra"] } })).toBe(false);
    expect(unwrapSecrets(args)).toEqual({ group: "g", expect: { primaryIn: ["fra"] } });
    expect(secretFields({ name: "g", locations: ["fra"] })).toEqual({ name: s("g"), locations: s(["fra"]) });
  });
});

describe("the schema", () => {
  it("declares the config keys of the core's settings table, apiToken secret", () => {
    const schema = packageSchema("1.2.3", homeOf("https://github.com/acme/turso")) as {
      version: string;
      config: { variables: Record<string, { secret?: boolean; description: string }> };
    };
    expect(schema.version).toBe("1.2.3");
    expect(Object.keys(schema.config.variables)).toEqual([...Object.keys(SETTINGS), "showNames"]);
    expect(schema.config.variables["apiToken"]?.secret).toBe(true);
    expect(schema.config.variables["timeoutMs"]?.description).toContain("Key: turso-group:timeoutMs.");
  });
  it("names the project's home from one repository URL: pages, download URL, Go module path", () => {
    for (const url of [
      "git+https://github.com/acme/turso.git",
      "https://github.com/acme/turso",
      "git://github.com/acme/turso.git",
      "ssh://git@github.com/acme/turso.git",
    ]) {
      expect(homeOf(url)).toEqual({
        owner: "acme",
        repo: "turso",
        url: "https://github.com/acme/turso",
        pluginDownloadURL: "github://api.github.com/acme/turso",
        goPath: "github.com/acme/turso",
      });
    }
    expect(() => homeOf("https://example.invalid/pulumi-turso-group.git")).toThrow(
      "sdk/package.json's repository.url must name a GitHub repository",
    );
    const home = homeOf("https://github.com/acme/turso");
    expect(goModulePath(home, "0.2.0")).toBe("github.com/acme/turso/plugin-sdks/go");
    expect(goModulePath(home, "2.1.0")).toBe("github.com/acme/turso/plugin-sdks/go/v2");
    expect(packageSchema("2.1.0", home)).toMatchObject({
      homepage: "https://github.com/acme/turso",
      repository: "https://github.com/acme/turso",
      publisher: "acme",
      pluginDownloadURL: "github://api.github.com/acme/turso",
      language: { go: { importBasePath: "github.com/acme/turso/plugin-sdks/go/v2/tursogroup" } },
    });
  });
  it("requires what every answer has: getGroup's group fields, findGroup's found", () => {
    expect(FUNCTIONS["turso-group:index:getGroup"].outputs.required).toEqual([
      "name",
      "locations",
      "primary",
      "primaryRegion",
      "locationRegions",
    ]);
    expect(FUNCTIONS["turso-group:index:findGroup"].outputs.required).toEqual(["found"]);
    expect(FUNCTIONS["turso-group:index:findGroup"].outputs.properties.group.$ref).toBe(
      "#/types/turso-group:index:Group",
    );
  });
});

it("an expected failure shows its kind on stderr, not stack frames; a bug keeps its stack", () => {
  const err = asInvokeFailure(new TursoInputError("group", "rule", "group is bad.")) as Error;
  expect(`${err}: ${err.stack}`).toBe(`TursoInputError: ${INVOKE_FAILURE_HINT}`);
  expect(err.message).toBe("group is bad.");
  const bug = new TypeError("x");
  expect((asInvokeFailure(bug) as Error).stack).toContain("plugin.test.ts");
});
