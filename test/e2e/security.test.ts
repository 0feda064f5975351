import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import {
  TERMINAL_CONTROL,
  forHost,
  hostileApi,
  loggingProxy,
  throwAwayCertificate,
  tlsFront,
  type Peer,
  suitePeers,
} from "../helpers/hostile";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { ALLOWED_ENTRIES, tokenEntries } from "../secret-scan";
import { Harness, PROGRAMS, lookupStacks, type LookupStackOptions, type RunResult, type TestStack } from "./harness";

jest.setTimeout(180_000);

// Security findings of issue 12, through the real CLI: proxies, text from a hostile server, a base
// URL with credentials, and a token set as plain configuration.
const harness = new Harness("security");
const program = path.join(PROGRAMS, "lookup");
/** A token set as plain configuration on purpose: the secret scan does not look for it. */
const PLAIN = "carol-plain-canary-7d3e";
const HOST = "api.turso.test";
const PLAIN_WARNING = "turso:apiToken is stored in plain text";

let emu: Emulator;
const keep = suitePeers();
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [...TEST_SEED.users, { name: "carol", token: PLAIN }],
      organizations: {
        ...TEST_SEED.organizations,
        carol: {
          groups: [
            { name: "default", primary: "lhr", locations: ["lhr"] },
            { name: "other", primary: "lhr", locations: ["lhr"] },
          ],
        },
      },
    },
  });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => emu.clearRequests());

const gets = () => emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
const NO_PROXIES = Object.fromEntries(
  ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"].map(
    (v) => [v, undefined],
  ),
);

const lookupStack = lookupStacks(harness, { env: NO_PROXIES });
/** A stack of one lookup, of group "default". */
const stackOf = (name: string, options: LookupStackOptions): Promise<TestStack> =>
  lookupStack(name, [{ group: "default" }], options);

/** TERMINAL_CONTROL without the line feed and tab that Pulumi's own output has. */
const TERMINAL_CONTROL_EXCEPT_NEWLINE = new RegExp(
  TERMINAL_CONTROL.source.replace("\\u0000-\\u001f", "\\u0000-\\u0008\\u000b-\\u001f"),
  "u",
);

const preview = (stack: TestStack): Promise<RunResult> => stack.run(["preview", "--diff"]);

describe("proxies", () => {
  it("a loopback base URL never goes through HTTP_PROXY, http_proxy, ALL_PROXY or HTTPS_PROXY", async () => {
    const proxy = await loggingProxy();
    keep(proxy);
    const all = Object.fromEntries(
      ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"].map((v) => [v, proxy.url]),
    );
    const stack = await stackOf("sec-loopback", { api: emu, token: ALICE, env: all });
    const result = await preview(stack);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/primary\s*: "fra"/);
    expect(result.stdout).not.toContain("proxy-chosen");
    expect(gets()).toEqual(["GET /v1/groups/default 200"]);
    expect(proxy.forwarded).toEqual([]);
    expect(proxy.connects).not.toContain(`127.0.0.1:${emu.port}`);
    expect(proxy.seen()).not.toContain(ALICE);
    // Pulumi's own gRPC connections from the Node.js processes to the engine do take the proxy
    // (a CONNECT tunnel to 127.0.0.1): the README says so.
    expect(proxy.connects.some((c) => c.startsWith("127.0.0.1:"))).toBe(true);
    // ... and the program says so, once, with the fix (test/e2e/transport.test.ts has the rest).
    expect(result.output.split("https_proxy is set and no_proxy does not exempt 127.0.0.1")).toHaveLength(2);
    // A secret token draws no warning.
    expect(result.output).not.toContain(PLAIN_WARNING);
  });

  describe("an https base URL behind HTTPS_PROXY", () => {
    const certificate = throwAwayCertificate(HOST);
    let front: Peer;
    beforeAll(async () => {
      front = await tlsFront(emu.port, certificate);
      keep(front);
    });
    const tunnelStack = (name: string, proxyUrl: string) =>
      stackOf(name, {
        api: { url: `https://${HOST}` },
        token: ALICE,
        config: { "turso:maxRetries": "1" },
        env: { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: certificate.certFile },
      });

    it("goes through a CONNECT tunnel, and the proxy sees neither the request nor the token", async () => {
      const proxy = await loggingProxy(forHost(HOST, { tunnelTo: front.port }));
      keep(proxy);
      const result = await preview(await tunnelStack("sec-tunnel", proxy.url));
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/primary\s*: "fra"/);
      expect(proxy.connects.filter((c) => c.startsWith(HOST))).toEqual([`${HOST}:443`]);
      expect(gets()).toEqual(["GET /v1/groups/default 200"]);
      expect(proxy.seen()).not.toContain("/v1/groups");
      expect(proxy.seen()).not.toContain(ALICE);
    });

    it("a proxy that refuses the CONNECT is reported as the proxy's failure, naming HTTPS_PROXY", async () => {
      const proxy = await loggingProxy(forHost(HOST, { refuse: 403 }));
      keep(proxy);
      const result = await preview(await tunnelStack("sec-refused", proxy.url));
      expect(result.code).not.toBe(0);
      expect(result.output).toContain(
        `the proxy ${proxy.url} (from HTTPS_PROXY) refused to open a tunnel to ${HOST}:443: it answered 403 to CONNECT`,
      );
      expect(result.output).toContain(`Check HTTPS_PROXY, or add ${HOST} to NO_PROXY to connect without the proxy.`);
      expect(result.output).not.toContain("TursoForbiddenError");
      expect(result.output).not.toContain("not a member");
      expect(gets()).toEqual([]);
    });
  });
});

describe("text from a hostile API", () => {
  it("an error that echoes the token and carries terminal escapes reaches the output redacted, plain and short", async () => {
    const api = await hostileApi((req) => ({
      status: 400,
      body: JSON.stringify({
        error:
          `you sent Authorization: ${req.headers.authorization}` +
          "\u001b[2K\r\u001b[1A\u001b[32mResources:\n 1 unchanged\u001b[0m " +
          "\u001b]8;;https://evil.example/\u001b\\click here\u001b]8;;\u001b\\ " +
          "y".repeat(5000),
      }),
    }));
    keep(api);
    // The token from the environment: Pulumi masks secret configuration values only.
    const stack = await stackOf("sec-echo", { api, env: { TURSO_API_TOKEN: ALICE } });
    const result = await preview(stack);
    expect(result.code).not.toBe(0);
    expect(api.requests).toHaveLength(1);
    expect(result.output).toContain("400: you sent Authorization: [redacted] Resources: 1 unchanged click here yyy");
    expect(result.output.split(ALICE)).toHaveLength(1);
    expect(result.output).not.toMatch(TERMINAL_CONTROL_EXCEPT_NEWLINE);
    expect(result.output.split("\n").map((l) => l.trim())).not.toContain("1 unchanged");
    expect(Math.max(...(result.output.match(/y+/g) ?? [""]).map((run) => run.length))).toBeLessThan(200);
  });
});

describe("a base URL with credentials", () => {
  it("is never echoed with its password, even when it does not parse", async () => {
    const stack = await stackOf("sec-baseurl", {
      token: ALICE,
      env: { TURSO_API_BASEURL: "http://user:hunter2pw@bad host:1" },
    });
    const result = await preview(stack);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('TURSO_API_BASEURL "http://[redacted]@bad host:1" is not a URL');
    expect(result.output).not.toContain("hunter2pw");
  });
});

/** A pulumi command of this harness's backend, outside the harness: its output goes to no log. */
function unlogged(command: string): string {
  return execFileSync("sh", ["-c", command], {
    cwd: program,
    env: {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${harness.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    },
    encoding: "utf8",
    stdio: "pipe",
  });
}

/** The stack's state; decrypted with `secrets`, and then kept out of the logs the secret scan reads. */
/** Where Pulumi keeps the stack configuration's token: its default provider's inputs and outputs. */
const PROVIDER_COPY = [
  'pulumi:providers:pulumi-nodejs inputs["turso:apiToken"]',
  'pulumi:providers:pulumi-nodejs outputs["turso:apiToken"]',
];

const exported = async (stack: TestStack, secrets: boolean): Promise<string> =>
  secrets
    ? unlogged(`pulumi stack export --show-secrets --stack ${stack.name} --non-interactive`)
    : (await stack.cli(["stack", "export"])).stdout;

describe("where the token lives", () => {
  it("a secret token is in the decrypted state exactly in the default provider's copy of the stack config", async () => {
    const stack = await stackOf("sec-state-secret", { api: emu, token: ALICE });
    await stack.up();
    expect(tokenEntries(await exported(stack, true), [ALICE])).toEqual(PROVIDER_COPY);
    // The secret scan allows what this test found, for every stack the suite leaves.
    expect(ALLOWED_ENTRIES).toEqual(expect.arrayContaining(PROVIDER_COPY));
    // Encrypted: without --show-secrets, and in every file of the backend, it is not there.
    expect(tokenEntries(await exported(stack, false), [ALICE])).toEqual([]);
    expect(readFileSync(stack.stateFile(), "utf8")).not.toContain(ALICE);
    // Pulumi's own gRPC log holds it in clear text (outside .e2e/: the secret scan would count it).
    const grpcLog = path.join(mkdtempSync(path.join(os.tmpdir(), "grpc-")), "grpc.json");
    await stack.cli(["preview"], { PULUMI_DEBUG_GRPC: grpcLog });
    expect(readFileSync(grpcLog, "utf8")).toContain(ALICE);
    rmSync(path.dirname(grpcLog), { recursive: true });
  });

  it("a token from TURSO_API_TOKEN is nowhere in the state, decrypted or not", async () => {
    const stack = await stackOf("sec-state-env", { api: emu, env: { TURSO_API_TOKEN: ALICE } });
    await stack.up();
    expect(tokenEntries(await exported(stack, true), [ALICE])).toEqual([]);
  });
});

describe("a token set as plain configuration", () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Set as plain configuration, not with the helper's token (a secret).
    stack = await lookupStack("sec-plain", [{ group: "default" }, { group: "other" }], {
      api: emu,
      config: { "turso:apiToken": PLAIN },
    });
  });

  it("draws one warning at once, with the command that makes it a secret; that command works", async () => {
    const before = await preview(stack);
    expect(before.output.split(PLAIN_WARNING)).toHaveLength(2);
    expect(before.output).toContain(
      'turso:apiToken is stored in plain text in the configuration of stack "sec-plain" (Pulumi.sec-plain.yaml)',
    );
    const command = /^\s*(pulumi config get turso:apiToken .*)$/m.exec(before.output)?.[1];
    expect(command).toBe(
      "pulumi config get turso:apiToken --stack sec-plain | pulumi config set --secret turso:apiToken --stack sec-plain",
    );
    // Deployed as it is, the token is in the state in clear text, in the default provider's entries.
    await stack.up();
    expect(tokenEntries(await exported(stack, false), [PLAIN])).toEqual(PROVIDER_COPY);

    // The command, as a user would paste it, in the program's folder.
    unlogged(command ?? "false");
    const config = readFileSync(path.join(program, "Pulumi.sec-plain.yaml"), "utf8");
    expect(config).not.toContain(PLAIN);
    expect(config).toMatch(/turso:apiToken:\n\s+secure: v1:/);

    emu.clearRequests();
    const after = await preview(stack);
    expect(after.code).toBe(0);
    expect(after.output).not.toContain(PLAIN_WARNING);
    // The secret token works: both groups were read with it.
    expect(gets().sort()).toEqual(["GET /v1/groups/default 200", "GET /v1/groups/other 200"]);
    // The next update encrypts it in the state; the history of the earlier one keeps it in clear text.
    await stack.up();
    expect(tokenEntries(await exported(stack, false), [PLAIN])).toEqual([]);
    expect(tokenEntries(await exported(stack, true), [PLAIN])).toEqual(PROVIDER_COPY);
    const history = path.join(harness.backend, ".pulumi", "history", stack.project(), "sec-plain");
    const clear = readdirSync(history).filter((f) => readFileSync(path.join(history, f), "utf8").includes(PLAIN));
    expect(clear.length).toBeGreaterThan(0);
  });
});
