import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { exempts, proxiedTransport, transportWarning } from "../../sdk/src/core/transport";
import { warnIfTransportIsProxied } from "../../sdk/src/dynamic/program/transportWarning";

// The installed grpc-js's own decision, to hold the mirror to it (it reads process.env).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpcProxy = require("@grpc/grpc-js/build/src/http_proxy") as {
  mapProxyName(target: { scheme?: string; path: string }, options: object): { target: { path: string } };
};

type Env = Record<string, string | undefined>;
const VARIABLES = [
  "grpc_proxy",
  "https_proxy",
  "http_proxy",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "no_grpc_proxy",
  "no_proxy",
  "NO_PROXY",
];

/** Whether grpc-js, given `env` as the whole proxy environment, proxies a channel to 127.0.0.1. */
function grpcJsProxies(env: Env): boolean {
  const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
  // grpc-js reports a proxy URL it cannot use on console.error, then connects directly.
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    for (const v of VARIABLES) delete process.env[v];
    for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
    const target = { path: "127.0.0.1:40000" };
    return grpcProxy.mapProxyName(target, {}).target.path !== target.path;
  } finally {
    quiet.mockRestore();
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const PROXY = "http://user:pw@proxy.example:3128";

describe("whether Pulumi's gRPC to 127.0.0.1 goes through a proxy", () => {
  it.each<[string, Env, ReturnType<typeof proxiedTransport>]>([
    ["https_proxy alone", { https_proxy: PROXY }, { variable: "https_proxy" }],
    ["http_proxy alone", { http_proxy: PROXY }, { variable: "http_proxy" }],
    ["grpc_proxy alone", { grpc_proxy: PROXY }, { variable: "grpc_proxy" }],
    ["grpc_proxy wins over https_proxy", { grpc_proxy: PROXY, https_proxy: PROXY }, { variable: "grpc_proxy" }],
    ["https_proxy wins over http_proxy", { https_proxy: PROXY, http_proxy: PROXY }, { variable: "https_proxy" }],
    ["an empty grpc_proxy is skipped", { grpc_proxy: "", http_proxy: PROXY }, { variable: "http_proxy" }],
    ["upper-case NO_PROXY is not read", { https_proxy: PROXY, NO_PROXY: "127.0.0.1" }, { variable: "https_proxy" }],
    [
      "no_proxy without loopback",
      { https_proxy: PROXY, no_proxy: ".corp.example" },
      { variable: "https_proxy", exemptions: "no_proxy" },
    ],
    [
      "no_proxy naming localhost only",
      { https_proxy: PROXY, no_proxy: "localhost" },
      { variable: "https_proxy", exemptions: "no_proxy" },
    ],
    [
      "a space before 127.0.0.1 is part of the entry",
      { https_proxy: PROXY, no_proxy: "localhost, 127.0.0.1" },
      { variable: "https_proxy", exemptions: "no_proxy" },
    ],
    [
      "a port is not understood",
      { https_proxy: PROXY, no_proxy: "127.0.0.1:1234" },
      { variable: "https_proxy", exemptions: "no_proxy" },
    ],
    ["* is not understood", { https_proxy: PROXY, no_proxy: "*" }, { variable: "https_proxy", exemptions: "no_proxy" }],
    [
      "no_grpc_proxy replaces no_proxy",
      { https_proxy: PROXY, no_grpc_proxy: "localhost", no_proxy: "127.0.0.1" },
      { variable: "https_proxy", exemptions: "no_grpc_proxy" },
    ],
    [
      "a CIDR range that misses",
      { https_proxy: PROXY, no_proxy: "10.0.0.0/8" },
      { variable: "https_proxy", exemptions: "no_proxy" },
    ],
    ["a proxy URL without a scheme is not http:// to grpc-js", { https_proxy: "proxy.example:3128" }, undefined],
    ["nothing set", {}, undefined],
    ["upper-case HTTPS_PROXY alone", { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY }, undefined],
    ["an https:// proxy is refused by grpc-js", { https_proxy: "https://proxy.example:3128" }, undefined],
    ["a grpc_proxy that does not parse stops the search", { grpc_proxy: "::nope", https_proxy: PROXY }, undefined],
    ["no_proxy=127.0.0.1,localhost", { https_proxy: PROXY, no_proxy: "127.0.0.1,localhost" }, undefined],
    ["no_grpc_proxy=127.0.0.1", { http_proxy: PROXY, no_grpc_proxy: "127.0.0.1" }, undefined],
    ["a CIDR range that covers it", { https_proxy: PROXY, no_proxy: "127.0.0.0/8" }, undefined],
    ["a suffix of the address", { https_proxy: PROXY, no_proxy: ".0.0.1" }, undefined],
    ["a trailing comma (an empty entry)", { https_proxy: PROXY, no_proxy: "example.com," }, undefined],
    [
      "an empty no_grpc_proxy falls back to no_proxy",
      { https_proxy: PROXY, no_grpc_proxy: "", no_proxy: "127.0.0.1" },
      undefined,
    ],
  ])("%s", (_, env, want) => {
    expect(proxiedTransport(env)).toEqual(want);
    expect(proxiedTransport(env) !== undefined).toBe(grpcJsProxies(env));
  });

  it("agrees with the installed grpc-js on random environments", () => {
    const value = fc.constantFrom(
      undefined,
      "",
      PROXY,
      "https://proxy.example",
      "proxy.example:3128",
      "127.0.0.1",
      "localhost",
      "127.0.0.0/8",
      "127.0.0.1/33",
      "localhost, 127.0.0.1",
      "a,",
      "*",
      ".1",
      "::1",
    );
    const env = fc.record(Object.fromEntries(VARIABLES.map((v) => [v, value])) as Record<string, typeof value>);
    fc.assert(
      fc.property(env, (e) => (proxiedTransport(e) !== undefined) === grpcJsProxies(e)),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["127.0.0.1", true],
    ["0.0.1", true],
    ["127.0.0.0/8", true],
    ["127.0.0.0/33", false],
    ["128.0.0.0/1", false],
    // grpc-js masks with -1 << (32 - n): a shift by 32 is a shift by 0, so /0 matches one address.
    ["0.0.0.0/0", false],
    ["localhost", false],
    ["", true],
  ])("no_proxy entry %j exempts 127.0.0.1: %s", (entry, want) => {
    expect(exempts(entry, "127.0.0.1")).toBe(want);
    // An empty no_proxy is not read at all; as one entry of a list it exempts every host.
    expect(grpcJsProxies({ https_proxy: PROXY, no_proxy: `${entry},example.com` })).toBe(!want);
  });
});

describe("the warning", () => {
  it("names the variable, never the proxy URL or its password, and gives the fix", () => {
    const env = { https_proxy: PROXY };
    const text = transportWarning({ variable: "https_proxy" }, env);
    expect(text).toBe(
      "https_proxy is set and no_proxy does not exempt 127.0.0.1: Pulumi's own gRPC between the engine and its " +
        "Node.js processes goes through that proxy as plaintext HTTP/2, so the proxy sees the program's resources " +
        "and the stack configuration with its secrets decrypted (turso:apiToken among them, when the token is set " +
        "there). Connect to 127.0.0.1 " +
        "directly with\n  export no_proxy=127.0.0.1,localhost\n(no spaces: Pulumi's gRPC library splits the list " +
        "on commas only).",
    );
    expect(text).not.toContain("pw");
    expect(text).not.toContain("proxy.example");
  });

  it.each<[Env, string]>([
    [{ http_proxy: PROXY, no_proxy: ".corp" }, 'export no_proxy="$no_proxy,127.0.0.1,localhost"'],
    [
      { https_proxy: PROXY, no_grpc_proxy: "x", no_proxy: "127.0.0.1" },
      'export no_grpc_proxy="$no_grpc_proxy,127.0.0.1,localhost"',
    ],
    [{ https_proxy: PROXY, NO_PROXY: "127.0.0.1" }, "export no_proxy=127.0.0.1,localhost"],
  ])("with %j it says %s, and the fix ends the exposure", (env, fix) => {
    const found = proxiedTransport(env);
    expect(found).toBeDefined();
    const text = transportWarning(found!, env);
    expect(text).toContain(`\n  ${fix}\n`);
    if (env["NO_PROXY"] !== undefined) expect(text).toContain("NO_PROXY is not read");
    // What the shell makes of the fix.
    const list = found!.exemptions ?? "no_proxy";
    const fixed = { ...env, [list]: env[list] ? `${env[list]},127.0.0.1,localhost` : "127.0.0.1,localhost" };
    expect(proxiedTransport(fixed)).toBeUndefined();
    expect(grpcJsProxies(fixed)).toBe(false);
  });

  it("is printed once per run however often the program asks", () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined as never);
    try {
      warnIfTransportIsProxied({ https_proxy: PROXY });
      warnIfTransportIsProxied({ https_proxy: PROXY });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^https_proxy is set/);
    } finally {
      warn.mockRestore();
    }
  });

  it("names each front's token key: turso:apiToken for the data source, turso-group:apiToken for the plugin", () => {
    const env = { https_proxy: PROXY };
    const found = proxiedTransport(env)!;
    expect(transportWarning(found, env)).toContain("the program's resources and the stack configuration");
    expect(transportWarning(found, env)).toContain("(turso:apiToken among them");
    const plugin = transportWarning(found, env, "turso-group");
    expect(plugin).toContain(
      "the plugin's own calls to the engine and, for a Node.js or Python program (whose gRPC reads https_proxy too), the program's",
    );
    expect(plugin).toContain("(turso-group:apiToken among them");
    expect(plugin).toContain("\n  export no_proxy=127.0.0.1,localhost\n");
  });
});
