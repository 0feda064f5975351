import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { loggingProxy, suitePeers } from "../helpers/hostile";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { Harness, NO_TURSO_ENV, PROGRAMS, REPO, lookupStacks, type RunResult } from "./harness";

jest.setTimeout(180_000);

// Issue 20, finding 8, through the real CLI: with lower-case proxy variables, Pulumi's own gRPC
// between the engine and its Node.js processes on 127.0.0.1 goes through the proxy, secrets and
// all; the package says so once per run, and the fix it gives ends it.
const harness = new Harness("transport");
const lookupStack = lookupStacks(harness);
const WARNING = "is set and no_proxy does not exempt 127.0.0.1";
const FIX = "\n  export no_proxy=127.0.0.1,localhost\n";
/** A password in the proxy URL, which the warning must never print. */
const PROXY_PASSWORD = "hunter2-proxy-pw";

let emu: Emulator;
const keep = suitePeers();
beforeAll(async () => {
  const alice = TEST_SEED.organizations["alice"];
  emu = await startEmulator({
    seed: {
      ...TEST_SEED,
      organizations: {
        ...TEST_SEED.organizations,
        alice: { groups: [...(alice?.groups ?? []), { name: "other", primary: "lhr", locations: ["lhr"] }] },
      },
    },
  });
});
afterAll(async () => {
  await emu.stop();
});

const PROXY_VARIABLES = [
  "grpc_proxy",
  "http_proxy",
  "https_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "ALL_PROXY",
  "all_proxy",
  "no_grpc_proxy",
  "no_proxy",
  "NO_PROXY",
];

/**
 * A preview of two lookups (two calls, one warning) with only `env`'s proxy variables, and the
 * token as a secret `turso:apiToken` (or, with `tokenFromEnv`, from TURSO_API_TOKEN).
 */
async function previewWith(name: string, env: Record<string, string>, tokenFromEnv = false): Promise<RunResult> {
  const stack = await lookupStack(name, [{ group: "default" }, { group: "other" }], {
    api: emu,
    token: tokenFromEnv ? undefined : ALICE,
    env: Object.fromEntries(PROXY_VARIABLES.map((v) => [v, undefined])),
  });
  emu.clearRequests();
  const result = await stack.run(["preview", "--diff"], tokenFromEnv ? { ...env, TURSO_API_TOKEN: ALICE } : env);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/primary\s*: "fra"/);
  // The package reaches the emulator directly (a loopback base URL is never proxied).
  expect(
    emu
      .requests()
      .map((r) => `${r.method} ${r.path} ${r.status}`)
      .sort(),
  ).toEqual(["GET /v1/groups/default 200", "GET /v1/groups/other 200"]);
  return result;
}

async function proxy(): Promise<Awaited<ReturnType<typeof loggingProxy>> & { withPassword: string }> {
  const p = await loggingProxy();
  keep(p);
  return { ...p, withPassword: p.url.replace("://", `://user:${PROXY_PASSWORD}@`) };
}

const toLoopback = (connects: string[]): string[] => connects.filter((c) => c.startsWith("127.0.0.1:"));

describe("Pulumi's gRPC and a proxy", () => {
  it("with https_proxy and no no_proxy: the proxy sees the engine traffic and the token; one warning with the fix", async () => {
    const p = await proxy();
    const result = await previewWith("tr-https", { https_proxy: p.withPassword });
    // The gRPC of the program and the provider process went through CONNECT tunnels to the engine,
    // as plaintext HTTP/2: the program's calls (the lookups' inputs, the serialized provider) ...
    expect(toLoopback(p.connects).length).toBeGreaterThan(0);
    expect(p.seen()).toContain("PRI * HTTP/2.0");
    expect(p.seen()).toContain("pulumi-turso-group/internal/provider");
    // ... and the engine's answers: GetDeploymentInfo carries the stack configuration, the secret
    // token decrypted (what the warning says).
    expect(p.answered()).toContain("turso:apiToken");
    expect(p.answered()).toContain(ALICE);
    // One warning for two calls, naming the variable and the fix, never the proxy's password.
    expect(result.output.split(WARNING)).toHaveLength(2);
    expect(result.output).toContain(`https_proxy ${WARNING}`);
    expect(result.output).toContain(FIX);
    expect(result.output).not.toContain(PROXY_PASSWORD);
    expect(result.output).not.toContain(p.url);
  });

  it("with the fix, no_proxy=127.0.0.1,localhost: no warning, and the proxy sees nothing of Pulumi's", async () => {
    const p = await proxy();
    const result = await previewWith("tr-fixed", { https_proxy: p.withPassword, no_proxy: "127.0.0.1,localhost" });
    expect(result.output).not.toContain(WARNING);
    expect(result.output).not.toContain("does not exempt");
    expect(p.connects).toEqual([]);
    // Nothing at all passed through the proxy, so never the token.
    expect(p.seen()).toBe("");
    expect(p.answered()).toBe("");
  });

  it("with upper-case HTTPS_PROXY alone (which grpc-js does not read): nothing through the proxy, no warning", async () => {
    const p = await proxy();
    const result = await previewWith("tr-upper", { HTTPS_PROXY: p.withPassword });
    expect(p.connects).toEqual([]);
    expect(p.answered()).toBe("");
    expect(result.output).not.toContain("does not exempt");
  });

  it("with http_proxy and a no_proxy that leaves 127.0.0.1 out: the warning says to append to it", async () => {
    const p = await proxy();
    const result = await previewWith("tr-append", { http_proxy: p.url, no_proxy: "localhost,.corp.example" });
    expect(toLoopback(p.connects).length).toBeGreaterThan(0);
    expect(result.output.split("http_proxy is set and no_proxy does not exempt 127.0.0.1")).toHaveLength(2);
    expect(result.output).toContain('\n  export no_proxy="$no_proxy,127.0.0.1,localhost"\n');
  });

  it("with https_proxy and the token from TURSO_API_TOKEN: the warning, but the token is not in Pulumi's traffic", async () => {
    const p = await proxy();
    const result = await previewWith("tr-envtoken", { https_proxy: p.url }, true);
    expect(toLoopback(p.connects).length).toBeGreaterThan(0);
    expect(p.answered()).toContain("turso:apiBaseUrl");
    expect(p.seen()).not.toContain(ALICE);
    expect(p.answered()).not.toContain(ALICE);
    expect(result.output.split(WARNING)).toHaveLength(2);
  });

  it("an Automation API process that previews twice gets the warning in each run", async () => {
    const p = await proxy();
    const work = path.join(harness.dir, "work");
    mkdirSync(work, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...harness.backendEnv(),
      EMU_URL: emu.url,
      TOKEN: ALICE,
      WORK_DIR: work,
      https_proxy: p.url,
    };
    for (const v of [...PROXY_VARIABLES.filter((v) => v !== "https_proxy"), "TURSO_API_TOKEN", "TURSO_ORGANIZATION"])
      delete env[v];
    const driver = path.join(__dirname, "automation", "transport-driver.ts");
    const output = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", driver], { cwd: REPO, env });
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d));
      child.stderr.on("data", (d: Buffer) => (text += d));
      child.on("close", () => resolve(text));
    });
    const steps = output.split("\n").filter((line) => line.startsWith('{"step"'));
    expect(steps).toEqual(['{"step":"preview 1","value":1}', '{"step":"preview 2","value":1}']);
    expect(toLoopback(p.connects).length).toBeGreaterThan(0);
  });

  it("a Node.js program using the plugin: the proxy sees turso-group:apiToken; the plugin warns once, naming it", async () => {
    const p = await proxy();
    const stack = await harness.stack({
      program: path.join(PROGRAMS, "plugin-nodejs"),
      stack: "tr-plugin",
      secrets: { "turso-group:apiToken": ALICE },
      env: {
        ...NO_TURSO_ENV,
        ...Object.fromEntries(PROXY_VARIABLES.map((v) => [v, undefined])),
        TURSO_API_BASEURL: emu.url,
      },
    });
    emu.clearRequests();
    const result = await stack.run(["preview", "--diff"], { https_proxy: p.withPassword });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/primary\s*: "fra"/);
    expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /v1/groups/default 200"]);
    // What the warning says the proxy sees: the program's traffic, the plugin's token decrypted.
    expect(toLoopback(p.connects).length).toBeGreaterThan(0);
    expect(p.answered()).toContain("turso-group:apiToken");
    expect(p.answered()).toContain(ALICE);
    expect(result.output.split(WARNING)).toHaveLength(2);
    expect(result.output).toContain(
      `https_proxy ${WARNING}: Pulumi's own gRPC between the engine and its Node.js processes goes through that ` +
        `proxy as plaintext HTTP/2, so the proxy sees the plugin's own calls to the engine and, for a Node.js or ` +
        `Python program (whose gRPC reads https_proxy too), the program's: its invokes with their arguments and results, and the stack configuration with ` +
        `its secrets decrypted (turso-group:apiToken among them, when the token is set there).`,
    );
    expect(result.output).toContain(FIX);
    expect(result.output).not.toContain(PROXY_PASSWORD);

    // With the fix: no warning, nothing through the proxy.
    const fixed = await proxy();
    const quiet = await stack.run(["preview", "--diff"], { https_proxy: fixed.url, no_proxy: "127.0.0.1,localhost" });
    expect(quiet.code).toBe(0);
    expect(quiet.output).not.toContain("does not exempt");
    expect(fixed.connects).toEqual([]);
  });
});
