/**
 * Hostile peers for the security tests: an API that answers what the test says (echoing the
 * request's headers if asked), a logging proxy that sees every byte a client sends it, and a TLS
 * front with a throw-away certificate. All listen on 127.0.0.1, port 0.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";

/** Every character a terminal could act on: C0 and C1 controls, DEL. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

export interface Peer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The peers of a suite (hostile APIs, proxies, TLS fronts), each closed after the suite's tests:
 * call at the top level of a test file; `keep(peer)` registers a peer and returns it.
 */
export function suitePeers(): <P extends Peer>(peer: P) => P {
  const peers: Peer[] = [];
  afterAll(() => Promise.all(peers.splice(0).map((p) => p.close())));
  return (peer) => {
    peers.push(peer);
    return peer;
  };
}

function listen(server: net.Server, scheme: string, host = "127.0.0.1"): Promise<Peer> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  server.on("secureConnection", (s: net.Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  return new Promise((resolve) =>
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        url: `${scheme}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

/** What a hostile API answers: status, headers and body, computed from the request. */
export type Answer = (req: http.IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string };

/** An HTTP API on loopback (`host`) that answers every request with `answer`; `requests` keeps them. */
export async function hostileApi(
  answer: Answer,
  host = "127.0.0.1",
): Promise<Peer & { requests: http.IncomingMessage[] }> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    const { status, headers = {}, body = "" } = answer(req);
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body);
  });
  return { ...(await listen(server, "http", host)), requests };
}

/**
 * How the proxy treats a CONNECT to `authority` (`host:port`): open a tunnel to a port on
 * 127.0.0.1, or refuse with a status. Without a policy it tunnels to what was asked for, as the
 * engine's and the Node runtime's own gRPC connections (which honour the proxy variables) need.
 */
export type ConnectPolicy = (authority: string) => { tunnelTo: number } | { refuse: number } | undefined;

/** A CONNECT policy: `host` (e.g. "api.turso.test") goes to `port` or is refused; anything else as asked. */
export function forHost(host: string, answer: { tunnelTo: number } | { refuse: number }): ConnectPolicy {
  return (authority) => (authority.replace(/:\d+$/, "") === host ? answer : undefined);
}

/**
 * A proxy that logs every byte clients send it (`seen`, latin1), every byte a tunnel's far end
 * sends back (`answered`, latin1) and every plain forward request (`forwarded`), which it answers
 * itself with a group whose primary is "proxy-chosen", and treats CONNECT (`connects`) as
 * `policy` says.
 */
export async function loggingProxy(
  policy: ConnectPolicy = () => undefined,
): Promise<Peer & { seen: () => string; answered: () => string; connects: string[]; forwarded: string[] }> {
  let seen = "";
  let answered = "";
  const connects: string[] = [];
  const forwarded: string[] = [];
  const server = http.createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ group: { name: "default", primary: "proxy-chosen", locations: ["proxy-chosen"] } }));
  });
  server.on("connection", (s: net.Socket) => s.on("data", (d: Buffer) => (seen += d.toString("latin1"))));
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? "";
    connects.push(authority);
    const answer = policy(authority);
    if (answer !== undefined && "refuse" in answer) {
      client.end(`HTTP/1.1 ${answer.refuse} Refused by policy\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = answer
      ? ["127.0.0.1", answer.tunnelTo]
      : [authority.replace(/:\d+$/, "").replace(/^\[|\]$/g, ""), Number(/:(\d+)$/.exec(authority)?.[1])];
    const upstream = net.connect(port, host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.on("data", (d: Buffer) => (answered += d.toString("latin1")));
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => (client.destroy(), upstream.destroy());
    upstream.on("error", end);
    client.on("error", end);
  });
  return { ...(await listen(server, "http")), seen: () => seen, answered: () => answered, connects, forwarded };
}

/** A throw-away self-signed certificate for `host`, made with openssl, and its PEM file. */
export function throwAwayCertificate(host: string): { cert: string; key: string; certFile: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "turso-tls-"));
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "2",
      "-subj",
      `/CN=${host}`,
      "-addext",
      `subjectAltName=DNS:${host}`,
    ],
    { stdio: "ignore" },
  );
  return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8"), certFile };
}

/** A TLS front that decrypts and passes each connection on to `port` (e.g. the emulator's). */
export async function tlsFront(port: number, credentials: { cert: string; key: string }): Promise<Peer> {
  const server = tls.createServer(credentials, (client) => {
    const upstream = net.connect(port, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy());
    upstream.on("error", end);
    client.on("error", end);
  });
  return listen(server, "https");
}
