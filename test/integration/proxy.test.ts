import net from "node:net";
import tls from "node:tls";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { TursoApiError, TursoForbiddenError, TursoResponseError } from "../../sdk/src/core/errors";
import { testClient } from "../helpers/client";
import { failure } from "../helpers/failure";
import {
  TERMINAL_CONTROL,
  hostileApi,
  loggingProxy,
  throwAwayCertificate,
  tlsFront,
  type Answer,
  type Peer,
} from "../helpers/hostile";
import { ALICE, TEST_SEED } from "../helpers/seed";

// Hostile servers and proxies against the real client over real sockets. The token is ALICE's,
// as it would come from TURSO_API_TOKEN: nothing but this package keeps it out of messages.

const PROXY_VARIABLES = [
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "ALL_PROXY",
  "all_proxy",
  "NO_PROXY",
  "no_proxy",
];
const saved = Object.fromEntries(PROXY_VARIABLES.map((v) => [v, process.env[v]]));
function setProxyEnv(vars: Record<string, string>): void {
  for (const v of PROXY_VARIABLES) delete process.env[v];
  Object.assign(process.env, vars);
}
afterEach(() => {
  for (const v of PROXY_VARIABLES) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

const peers: Peer[] = [];
async function api(answer: Answer) {
  const peer = await hostileApi(answer);
  peers.push(peer);
  return peer;
}
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describe("text from the server is data, not output", () => {
  it.each([400, 401, 403, 404, 500])(
    "a %i whose error field echoes the Authorization header shows no token",
    async (status) => {
      const server = await api((req) => ({
        status,
        body: JSON.stringify({ error: `you sent Authorization: ${req.headers.authorization}; token ${ALICE}` }),
      }));
      const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
      expect(err.status).toBe(status);
      expect(err.apiMessage).toBe("you sent Authorization: [redacted]; token [redacted]");
      expect(err.message).toContain(`${status}: you sent Authorization: [redacted]; token [redacted]`);
      for (const text of [err.message, err.apiMessage, JSON.stringify(err), String(err.stack)]) {
        expect(text).not.toContain(ALICE);
      }
    },
  );

  it("a body that is not JSON is cut and shows no token or credential", async () => {
    const server = await api((req) => ({
      status: 502,
      headers: { "Content-Type": "text/html" },
      body: `<h1>Bad gateway</h1>\n<pre>${req.headers.authorization} cookie=abc123 ${"x".repeat(500)}</pre>`,
    }));
    const err = await failure(
      testClient(server.url, ALICE, { retry: { ...retryNone } }).client.getGroup({ group: "g" }),
    );
    expect(err.apiMessage).toBe(`<h1>Bad gateway</h1> <pre>Bearer [redacted] cookie=[redacted] ${"x".repeat(57)}…`);
    expect(Array.from(err.apiMessage ?? "")).toHaveLength(120);
    expect(err.message).not.toContain(ALICE);
  });

  it("terminal escapes, an OSC 8 hyperlink and 5 000 characters become one short plain line", async () => {
    const hostile =
      "\u001b[2K\r\u001b[1A\u001b[32mResources:\n 1 unchanged\u001b[0m " +
      "\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u001b\\ \u009b31mred\u0007\u0000 " +
      "\u202eevil\u202c " +
      "y".repeat(5000);
    const server = await api(() => ({ status: 400, body: JSON.stringify({ error: hostile }) }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    const expected = `Resources: 1 unchanged click red evil ${"y".repeat(161)}…`;
    expect(err.apiMessage).toBe(expected);
    expect(Array.from(expected)).toHaveLength(200);
    expect(err.message).toContain(expected);
    expect(err.message).not.toMatch(TERMINAL_CONTROL);
    expect(err.message).not.toContain("\u202e");
  });

  it("a redirect target shows neither the token, nor credentials, nor a query, nor escapes", async () => {
    const server = await api(() => ({
      status: 302,
      headers: { Location: `https://user:pw@evil.example/steal/${ALICE}\u009b2J?t=${ALICE}` },
    }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoApiError);
    expect(err.message).toContain("(302 to https://[redacted]@evil.example/steal/[redacted]%C2%9B2J)");
    expect(err.message).not.toContain(ALICE);
    expect(err.message).not.toContain("pw");
    expect(err.message).not.toMatch(TERMINAL_CONTROL);
  });

  it("a redirect target that is not a URL shows no credentials", async () => {
    const server = await api(() => ({ status: 307, headers: { Location: "http://user:secret@bad host/x" } }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    expect(err.message).toContain("(307 to http://[redacted]@bad host/x)");
    expect(err.message).not.toContain("secret");
  });

  it("a 200 that is not JSON shows no escapes and no credential", async () => {
    const server = await api(() => ({
      status: 200,
      body: "oops \u001b[31m Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln",
    }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoResponseError);
    expect(err.message).toBe(
      'The Turso API answered 200 but the body is not JSON ("oops Bearer [redacted]"). ' +
        "Retry later; if it persists, report it to Turso.",
    );
  });

  it.each([
    [
      "in a field of the group",
      (auth: string) => JSON.stringify({ group: { name: "default", primary: auth, locations: [] } }),
    ],
    ["in a body that is not JSON", (auth: string) => `echo ${auth}`],
  ])("a 200 that carries the token %s is refused, so that it cannot reach state or a message", async (_, body) => {
    const server = await api((req) => ({ status: 200, body: body(String(req.headers.authorization)) }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoResponseError);
    expect(err.message).toBe(
      "The Turso API answered 200 but the body contains an API token, which must never reach state. " +
        "Retrying will not help: check that the base URL, from environment variable TURSO_API_BASEURL, is the Turso API's, " +
        "and report it to Turso if it is.",
    );
  });
});

const retryNone = { retries: 0, baseDelayMs: 1, maxDelayMs: 1 };

describe("proxies", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ seed: TEST_SEED });
  });
  afterEach(() => emu.stop());

  it.each(["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY"])(
    "a loopback base URL never goes through %s",
    async (variable) => {
      const proxy = await loggingProxy(() => ({ refuse: 403 }));
      peers.push(proxy);
      setProxyEnv({ [variable]: proxy.url });
      const group = await testClient(emu.url, ALICE).client.getGroup({ group: "default" });
      expect(group.primary).toBe("fra");
      expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /v1/groups/default 200"]);
      expect(proxy.seen()).toBe("");
    },
  );

  it.each([
    ["localhost", "127.0.0.1"],
    ["[::1]", "::1"],
  ])("neither does http://%s", async (host, listenOn) => {
    const server = await hostileApi(
      () => ({ status: 200, body: JSON.stringify({ group: { name: "g", primary: "direct", locations: [] } }) }),
      listenOn,
    );
    peers.push(server);
    const proxy = await loggingProxy(() => ({ refuse: 403 }));
    peers.push(proxy);
    setProxyEnv({ HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url });
    const group = await testClient(`http://${host}:${server.port}`, ALICE).client.getGroup({ group: "g" });
    expect(group.primary).toBe("direct");
    expect(proxy.seen()).toBe("");
  });

  describe("an https base URL", () => {
    const HOST = "api.turso.test";
    const certificate = throwAwayCertificate(HOST);
    const defaults = tls.getCACertificates("default");
    let front: Peer;
    beforeAll(() => tls.setDefaultCACertificates([...defaults, certificate.cert]));
    afterAll(() => tls.setDefaultCACertificates(defaults));
    beforeEach(async () => {
      front = await tlsFront(emu.port, certificate);
      peers.push(front);
    });

    it.each(["HTTPS_PROXY", "https_proxy"])(
      "goes through a CONNECT tunnel of %s, and the proxy sees no token",
      async (variable) => {
        const proxy = await loggingProxy(() => ({ tunnelTo: front.port }));
        peers.push(proxy);
        setProxyEnv({ [variable]: proxy.url, HTTP_PROXY: "http://127.0.0.1:9" });
        const group = await testClient(`https://${HOST}`, ALICE).client.getGroup({ group: "default" });
        expect(group.primary).toBe("fra");
        expect(proxy.connects).toEqual([`${HOST}:443`]);
        expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /v1/groups/default 200"]);
        expect(proxy.seen()).toMatch(/^CONNECT api\.turso\.test:443 HTTP\/1\.1\r\n/);
        expect(proxy.seen()).not.toContain(ALICE);
        expect(proxy.seen().toLowerCase()).not.toContain("authorization");
      },
    );

    it("a refused CONNECT is a proxy failure naming the variable, not a 403 of the API", async () => {
      const proxy = await loggingProxy(() => ({ refuse: 403 }));
      peers.push(proxy);
      setProxyEnv({ HTTPS_PROXY: proxy.url.replace("http://", "http://puser:ppass@") });
      const shown = proxy.url.replace("http://", "http://[redacted]@");
      const err = await failure(
        testClient(`https://${HOST}`, ALICE, { retry: retryNone }).client.getGroup({ group: "default" }),
      );
      expect(err).not.toBeInstanceOf(TursoForbiddenError);
      expect(err).toBeInstanceOf(TursoApiError);
      expect(err.status).toBeUndefined();
      expect(err.message).toBe(
        `Could not reach the Turso API looking up group "default" in your personal account: ` +
          `the proxy ${shown} (from HTTPS_PROXY) refused to open a tunnel to ${HOST}:443: it answered 403 to CONNECT ` +
          `(1 attempt over ${/over ([\d.]+) s/.exec(err.message)?.[1]} s). ` +
          `Check HTTPS_PROXY, or add ${HOST} to NO_PROXY to connect without the proxy.`,
      );
      expect(err.message).not.toContain("ppass");
      expect(proxy.seen()).toContain("Proxy-Authorization: Basic ");
      expect(proxy.seen()).not.toContain(ALICE);
      expect(emu.requests()).toEqual([]);
    });

    it("an unreachable proxy is a proxy failure naming the variable", async () => {
      const closed = await loggingProxy(() => ({ refuse: 403 }));
      await closed.close();
      setProxyEnv({ https_proxy: `127.0.0.1:${closed.port}` });
      const err = await failure(
        testClient(`https://${HOST}`, ALICE, { retry: retryNone }).client.getGroup({ group: "default" }),
      );
      expect(err).toBeInstanceOf(TursoApiError);
      expect(err.message).toContain(
        `the proxy http://127.0.0.1:${closed.port} (from https_proxy) could not be reached (ECONNREFUSED)`,
      );
      expect(err.message).toContain("Check https_proxy, or add api.turso.test to NO_PROXY");
    });

    it("a proxy that never answers the CONNECT is a proxy failure naming the variable, not a timeout of the API", async () => {
      const held: net.Socket[] = [];
      const silent = net.createServer((socket) => held.push(socket.on("data", () => undefined)));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as net.AddressInfo).port;
      setProxyEnv({ HTTPS_PROXY: `http://127.0.0.1:${port}` });
      const err = await failure(
        testClient(`https://${HOST}`, ALICE, { timeoutMs: 300, retry: retryNone }).client.getGroup({ group: "g" }),
      );
      held.forEach((socket) => socket.destroy());
      silent.close();
      expect(err.message).toContain(
        `the proxy http://127.0.0.1:${port} (from HTTPS_PROXY) did not answer the CONNECT to ${HOST}:443 within 300 ms`,
      );
      expect(err.message).toContain(`Check HTTPS_PROXY, or add ${HOST} to NO_PROXY`);
    });

    it.each(["api.turso.test", ".turso.test", "turso.test", "*", "other.example, api.turso.test:443"])(
      "NO_PROXY=%s connects without the proxy",
      async (noProxy) => {
        const proxy = await loggingProxy(() => ({ tunnelTo: front.port }));
        peers.push(proxy);
        setProxyEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: noProxy });
        // api.turso.test has no address: without the proxy the lookup cannot get far.
        const err = await failure(
          testClient(`https://${HOST}`, ALICE, { retry: retryNone }).client.getGroup({ group: "default" }),
        );
        expect(err.message).toMatch(/failed with (ENOTFOUND|EAI_AGAIN)/);
        expect(proxy.seen()).toBe("");
      },
    );

    it("no_proxy for another host still goes through the proxy", async () => {
      const proxy = await loggingProxy(() => ({ tunnelTo: front.port }));
      peers.push(proxy);
      setProxyEnv({ HTTPS_PROXY: proxy.url, no_proxy: "turso.test.example,api.turso.test:8443" });
      const group = await testClient(`https://${HOST}`, ALICE).client.getGroup({ group: "default" });
      expect(group.primary).toBe("fra");
      expect(proxy.connects).toEqual([`${HOST}:443`]);
    });

    it("a proxy URL that is not http(s) is a configuration error naming the variable, without credentials", async () => {
      setProxyEnv({ HTTPS_PROXY: "socks5://user:secret@127.0.0.1:1080" });
      // The client is made where the lookup runs (in the provider's read): the error surfaces there.
      const err = await failure(
        (async () => testClient(`https://${HOST}`, ALICE).client.getGroup({ group: "default" }))(),
      );
      expect(err.message).toBe(
        'HTTPS_PROXY "socks5://[redacted]@127.0.0.1:1080" is not an http:// or https:// proxy URL; ' +
          "fix or unset HTTPS_PROXY, or add api.turso.test to NO_PROXY.",
      );
    });
  });
});
