/**
 * How requests reach the API: directly, or through the proxy that `https_proxy` / `HTTPS_PROXY`
 * name, as a CONNECT tunnel that carries TLS end to end (the proxy never sees the token). A
 * loopback base URL (the emulator) is never proxied, and plain-http proxy variables
 * (`HTTP_PROXY`, `ALL_PROXY`) are never used: the request, `Authorization` header included, would
 * travel in clear text to the proxy.
 */
import type http from "node:http";
import type net from "node:net";
import { HttpsProxyAgent } from "https-proxy-agent";
import { TursoConfigError } from "../errors";
import { isRetryableStatus } from "./retry";
import { isLoopback, showUrl } from "./url";

/** The proxy variables read here, lower-case first as curl reads them. */
export const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY"] as const;
/** The variables that exempt hosts from the proxy, lower-case first. */
export const NO_PROXY_VARIABLES = ["no_proxy", "NO_PROXY"] as const;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * A failed proxy: what went wrong, in words that name the proxy and its variable, and what to do.
 *
 * @example
 * ```ts
 * if (axios.isAxiosError(err) && err.cause instanceof ProxyFailure) console.error(err.cause.message);
 * ```
 */
export class ProxyFailure extends Error {
  override name = "ProxyFailure";
  constructor(
    message: string,
    /** Check HTTPS_PROXY, or add HOST to NO_PROXY ... */
    readonly hint: string,
    /** Whether another attempt may go better (an unreachable proxy, a 5xx to CONNECT). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Requests go directly (no `tunnel`), or each attempt through a new `tunnel()`: a CONNECT tunnel
 * of the proxy that `variable` names.
 */
export type Route = { readonly tunnel?: undefined } | { readonly tunnel: () => TunnelAgent; readonly variable: string };

function firstSet(env: Environment, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return undefined;
}

/**
 * Whether `NO_PROXY` exempts `host:port`: entries separated by commas or spaces, `*` for every
 * host, `name` or `.name` (or `*.name`) for the name and its subdomains, an optional `:port`.
 *
 * @example
 * ```ts
 * bypassesProxy("api.turso.tech", 443, "localhost,.turso.tech"); // true
 * ```
 */
export function bypassesProxy(host: string, port: number, noProxy: string): boolean {
  const hostname = host.toLowerCase().replace(/^\[|\]$/g, "");
  return noProxy
    .toLowerCase()
    .split(/[,\s]+/u)
    .filter((entry) => entry !== "")
    .some((entry) => {
      if (entry === "*") return true;
      const withPort = /^(.+):(\d+)$/u.exec(entry);
      if (withPort && Number(withPort[2]) !== port) return false;
      const name = (withPort?.[1] ?? entry).replace(/^\*?\.?/u, "").replace(/^\[|\]$/g, "");
      return name !== "" && (hostname === name || hostname.endsWith(`.${name}`));
    });
}

/**
 * The route of requests to `baseUrl` (already checked by `checkBaseUrl`). Throws
 * {@link TursoConfigError} naming the variable when the proxy URL is unusable.
 *
 * @example
 * ```ts
 * resolveRoute("https://api.turso.tech", { HTTPS_PROXY: "http://proxy:3128" }).agent; // a CONNECT tunnel
 * resolveRoute("http://127.0.0.1:8080", { HTTP_PROXY: "http://proxy:3128" }).agent; // undefined: direct
 * ```
 */
export function resolveRoute(baseUrl: string, env: Environment = process.env): Route {
  const target = new URL(baseUrl);
  if (target.protocol !== "https:" || isLoopback(target.hostname)) return {};
  const proxy = firstSet(env, PROXY_VARIABLES);
  if (proxy === undefined) return {};
  const port = Number(target.port || 443);
  const noProxy = firstSet(env, NO_PROXY_VARIABLES);
  if (noProxy !== undefined && bypassesProxy(target.hostname, port, noProxy[1])) return {};
  const [variable, raw] = proxy;
  const hint = `Check ${variable}, or add ${target.hostname} to NO_PROXY to connect without the proxy.`;
  let url: URL | undefined;
  try {
    url = new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TursoConfigError(
      variable,
      `${variable} ${JSON.stringify(showUrl(raw))} is not an http:// or https:// proxy URL; ` +
        `fix or unset ${variable}, or add ${target.hostname} to NO_PROXY.`,
    );
  }
  const proxyUrl = url;
  const which = `the proxy ${showUrl(url.href)} (from ${variable})`;
  return { tunnel: () => new TunnelAgent(proxyUrl, which, hint), variable };
}

type ConnectOptions = Parameters<HttpsProxyAgent<string>["connect"]>[1];

/**
 * https-proxy-agent, except that a proxy that cannot be reached or refuses the CONNECT fails the
 * request with a {@link ProxyFailure} (the library hands the proxy's answer to the request as if
 * the API had sent it, so that a proxy's 403 would read as the API's). One agent per attempt, so
 * that a timeout can tell whether the proxy had answered the CONNECT.
 */
export class TunnelAgent extends HttpsProxyAgent<string> {
  /** `host:port` of the CONNECT while the proxy has not answered it. */
  private waiting: string | undefined;

  constructor(
    proxy: URL,
    private readonly which: string,
    private readonly hint: string,
  ) {
    super(proxy, { keepAlive: false });
  }

  /** The failure of an attempt that timed out while the proxy had not answered its CONNECT. */
  unanswered(timeoutMs: number): ProxyFailure | undefined {
    if (this.waiting === undefined) return undefined;
    return new ProxyFailure(
      `${this.which} did not answer the CONNECT to ${this.waiting} within ${timeoutMs} ms`,
      this.hint,
      true,
    );
  }

  override async connect(req: http.ClientRequest, opts: ConnectOptions): Promise<net.Socket> {
    let answer: number | undefined;
    req.once("proxyConnect", (res: { statusCode?: number }) => (answer = res.statusCode));
    let socket: net.Socket;
    this.waiting = `${opts.host}:${opts.port}`;
    try {
      socket = await super.connect(req, opts);
    } catch (err: unknown) {
      const code = (err as NodeJS.ErrnoException).code ?? "it closed the connection before answering";
      throw new ProxyFailure(`${this.which} could not be reached (${code})`, this.hint, true);
    } finally {
      this.waiting = undefined;
    }
    if (answer !== 200) {
      socket.destroy();
      throw new ProxyFailure(
        `${this.which} refused to open a tunnel to ${opts.host}:${opts.port}: it answered ${answer ?? "nothing"} to CONNECT`,
        this.hint,
        answer !== undefined && isRetryableStatus(answer),
      );
    }
    return socket;
  }
}
