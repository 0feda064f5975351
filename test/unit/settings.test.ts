import { readFileSync } from "node:fs";
import path from "node:path";
import { TursoConfigError } from "../../sdk/src/core/errors";
import { defaultOrganization, resolveSettings, SETTINGS, validateTokenSource } from "../../sdk/src/core/settings";
import { readmeRow } from "../../sdk/src/core/settingsTable";

const config =
  (values: Record<string, string>) =>
  (key: string): string | undefined =>
    values[key];

describe("resolveSettings", () => {
  it("uses defaults with a token from the environment", () => {
    expect(resolveSettings(config({}), { TURSO_API_TOKEN: "t" })).toEqual({
      token: "t",
      tokenSource: "environment variable TURSO_API_TOKEN",
      tokenFix:
        'Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret turso:apiToken <token>" or export TURSO_API_TOKEN',
      baseUrl: "https://api.turso.tech",
      baseUrlSource: "the default base URL (turso:apiBaseUrl and TURSO_API_BASEURL are unset)",
      timeoutMs: 10_000,
      totalTimeoutMs: 30_000,
      retry: { retries: 3, baseDelayMs: 250, maxDelayMs: 10_000 },
      maxConcurrency: 8,
      maxResponseBytes: 1048576,
      route: {},
    });
  });
  it("decides the route of requests once, from the environment it is given", () => {
    const env = { TURSO_API_TOKEN: "t", https_proxy: "http://proxy.example:3128" };
    expect(resolveSettings(config({}), env).route).toMatchObject({ variable: "https_proxy" });
    expect(resolveSettings(config({}), { ...env, no_proxy: "api.turso.tech" }).route).toEqual({});
    expect(resolveSettings(config({}), { ...env, TURSO_API_BASEURL: "http://127.0.0.1:1" }).route).toEqual({});
    expect(() => resolveSettings(config({}), { ...env, https_proxy: "ftp://proxy.example" })).toThrow(
      'https_proxy "ftp://proxy.example" is not an http:// or https:// proxy URL; fix or unset https_proxy, or add api.turso.tech to NO_PROXY.',
    );
  });
  it("says where the base URL came from, and how to fix a tokenFrom lookup's token", () => {
    const env = { TURSO_API_TOKEN: "t", TURSO_API_BASEURL: "https://other.example", TURSO_ACME: "a" };
    expect(resolveSettings(config({}), env).baseUrlSource).toBe("environment variable TURSO_API_BASEURL");
    expect(resolveSettings(config({ "turso:apiBaseUrl": "https://x.example" }), env).baseUrlSource).toBe(
      'stack config "turso:apiBaseUrl"',
    );
    expect(resolveSettings(config({}), env, { env: "TURSO_ACME" }).tokenFix).toBe(
      'Create a token with "turso auth api-tokens mint NAME", then run export TURSO_ACME',
    );
  });
  it("prefers stack config over the environment", () => {
    const s = resolveSettings(
      config({
        "turso:apiToken": "from-config",
        "turso:apiBaseUrl": "http://127.0.0.1:9",
        "turso:timeoutMs": "500",
        "turso:maxRetries": "0",
        "turso:maxConcurrency": "2",
      }),
      { TURSO_API_TOKEN: "from-env", TURSO_API_BASEURL: "https://other.example" },
    );
    expect(s.token).toBe("from-config");
    expect(s.tokenSource).toBe('stack config "turso:apiToken"');
    expect(s.baseUrl).toBe("http://127.0.0.1:9");
    expect(s.timeoutMs).toBe(500);
    expect(s.retry.retries).toBe(0);
    expect(s.maxConcurrency).toBe(2);
  });
  it("says where it looked for a missing token and how to get one", () => {
    expect(() => resolveSettings(config({}), {})).toThrow(
      new TursoConfigError(
        "turso:apiToken",
        'No Turso API token: looked in stack config "turso:apiToken" and environment variable TURSO_API_TOKEN, both unset. ' +
          'Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret turso:apiToken <token>" or export TURSO_API_TOKEN.',
      ),
    );
  });
  it.each([
    ["turso:timeoutMs", "abc", "turso:timeoutMs must be a whole number from 100 to 300000"],
    ["turso:maxRetries", "11", "turso:maxRetries must be a whole number from 0 to 10"],
    ["turso:maxConcurrency", "0", "turso:maxConcurrency must be a whole number from 1 to 64"],
  ])("rejects %s=%s", (key, value, message) => {
    expect(() => resolveSettings(config({ [key]: value }), { TURSO_API_TOKEN: "t" })).toThrow(message);
  });
  it("refuses plain http to a remote host, naming the variable", () => {
    expect(() =>
      resolveSettings(config({}), { TURSO_API_TOKEN: "t", TURSO_API_BASEURL: "http://api.turso.tech" }),
    ).toThrow('TURSO_API_BASEURL "http://api.turso.tech" is invalid: it must use https');
  });
});

describe("defaultOrganization", () => {
  it.each([
    [
      { "turso:organization": "cfg" },
      { TURSO_ORGANIZATION: "env" },
      { organization: "cfg", source: 'stack config "turso:organization"' },
    ],
    [{}, { TURSO_ORGANIZATION: "env" }, { organization: "env", source: "environment variable TURSO_ORGANIZATION" }],
    [{}, {}, undefined],
    [{ "turso:organization": "  " }, {}, undefined],
  ])("config %j, env %j -> %j", (cfg, env, want) => {
    expect(defaultOrganization(config(cfg), env)).toEqual(want);
  });
  it("marks a secret turso:organization, and never shows it when it is invalid", () => {
    const secret = (key: string) => key === "turso:organization";
    expect(defaultOrganization(config({ "turso:organization": "acme" }), {}, secret)).toEqual({
      organization: "acme",
      source: 'stack config "turso:organization"',
      secret: true,
    });
    expect(() => defaultOrganization(config({ "turso:organization": "Sup3rSecret Org" }), {}, secret)).toThrow(
      "turso:organization (not shown: it may be a secret) is invalid: it must not contain whitespace.",
    );
    // TURSO_ORGANIZATION is never a secret: an environment variable cannot be one.
    expect(defaultOrganization(config({}), { TURSO_ORGANIZATION: "acme" }, () => true)).toEqual({
      organization: "acme",
      source: "environment variable TURSO_ORGANIZATION",
    });
  });
  it("validates the value naming where it came from", () => {
    expect(() => defaultOrganization(config({ "turso:organization": "a/b" }), {})).toThrow(
      'turso:organization "a/b" is invalid',
    );
    expect(() => defaultOrganization(config({}), { TURSO_ORGANIZATION: ".." })).toThrow(
      'TURSO_ORGANIZATION ".." is invalid',
    );
  });
});

describe.each([
  ["README.md", 4],
  ["sdk/README.md", 3],
])("the settings table of %s", (readme, columns) => {
  const rows = readFileSync(path.join(__dirname, "..", "..", readme), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("| `turso:"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  it("is the core's table: each setting's key, variable, default (and meaning, with its range), in its order", () => {
    expect(rows).toEqual(Object.values(SETTINGS).map((spec) => readmeRow(spec).slice(0, columns)));
  });
});

describe("tokenFrom: a second account's token", () => {
  it("is read from the named config key, else the named variable, and never from the defaults", () => {
    const cfg = config({ "turso:apiToken": "default", "acme:token": "from-config" });
    const env = { TURSO_API_TOKEN: "default-env", ACME_TOKEN: "from-env" };
    expect(resolveSettings(cfg, env, { config: "acme:token", env: "ACME_TOKEN" })).toMatchObject({
      token: "from-config",
      tokenSource: 'stack config "acme:token"',
    });
    expect(resolveSettings(cfg, env, { env: "ACME_TOKEN" })).toMatchObject({
      token: "from-env",
      tokenSource: "environment variable ACME_TOKEN",
    });
    expect(() => resolveSettings(cfg, env, { config: "acme:other" })).toThrow(
      'No Turso API token: looked in stack config "acme:other", unset. Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret acme:other <token>".',
    );
  });
  it.each([
    [{}, "it must name a config key, an environment variable, or both"],
    [
      { config: "token" },
      'tokenFrom.config must be a namespaced stack config key such as "turso:acmeToken" (got "token")',
    ],
    [{ env: "A-B" }, 'tokenFrom.env must be an environment variable name such as "TURSO_ACME_TOKEN" (got "A-B")'],
    [{ token: "x" }, 'it has an unknown field "token" (use config, env)'],
    ["turso:token", "it must be { config?: string, env?: string }"],
  ])("refuses %j", (value, rule) => {
    expect(() => validateTokenSource(value)).toThrow(`tokenFrom is invalid: ${rule}.`);
  });
});
