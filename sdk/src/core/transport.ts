/**
 * Pulumi's Node.js processes (a program, the dynamic provider, the provider plugin) talk to the
 * engine over gRPC on 127.0.0.1, in plaintext HTTP/2, with @grpc/grpc-js. grpc-js sends that
 * traffic through a proxy named by the lower-case `grpc_proxy`, `https_proxy` or `http_proxy`,
 * unless `no_grpc_proxy` or `no_proxy` exempts 127.0.0.1; the proxy then sees what those processes
 * send and receive: a program's resources and invokes, with their results, and the stack
 * configuration with its secrets decrypted (the token among them when it is set there). The
 * engine's side, in Go, never proxies loopback. This package cannot change Pulumi's transport; each
 * front says so once per run, with the fix, in the words of {@link transportWarning}.
 *
 * The condition mirrors @grpc/grpc-js 1.14 (`build/src/http_proxy.js`: `getProxyInfo`,
 * `getNoProxyHostList`, `hostMatchesNoProxyList`) exactly, quirks included.
 */
import { isIPv4 } from "node:net";
import { DEFAULT_NAMESPACE, keyIn, SETTINGS } from "./settingsTable";

/** The environment variables read here. */
type Environment = Readonly<Record<string, string | undefined>>;

/** The address grpc-js is asked to reach: the CLI gives the Node.js processes `127.0.0.1:PORT`. */
export const ENGINE_HOST = "127.0.0.1";

/** The proxy variables grpc-js reads, in its order; only lower-case names, never HTTPS_PROXY. */
const PROXY_VARIABLES = ["grpc_proxy", "https_proxy", "http_proxy"] as const;

/** Why Pulumi's own gRPC goes through a proxy: the variable grpc-js takes it from, and its exemption list. */
export interface ProxiedTransport {
  /** The variable grpc-js took the proxy from. */
  readonly variable: (typeof PROXY_VARIABLES)[number];
  /** The exemption list grpc-js read (`no_grpc_proxy` wins over `no_proxy`), when one is set. */
  readonly exemptions?: "no_grpc_proxy" | "no_proxy";
}

/** The first of `names` with a non-empty value, as grpc-js tests them (`if (process.env.x)`). */
function firstSet<T extends string>(env: Environment, names: readonly T[]): T | undefined {
  return names.find((name) => Boolean(env[name]));
}

/** grpc-js's `parseCIDR`: `a.b.c.d/n` with n from 0 to 32 (IPv4 only), else undefined. */
function parseCidr(entry: string): { ip: number; prefix: number } | undefined {
  const parts = entry.split("/");
  if (parts.length !== 2) return undefined;
  const [ip = "", bits = ""] = parts;
  const prefix = parseInt(bits, 10);
  if (!isIPv4(ip) || Number.isNaN(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { ip: ipToInt(ip), prefix };
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, octet) => (acc << 8) + parseInt(octet, 10), 0);
}

/**
 * grpc-js's `hostMatchesNoProxyList`: entries split on commas only (a space stays part of the
 * entry), an IPv4 CIDR range (its mask is `-1 << (32 - n)`, so `/0` matches its own address only),
 * or else a plain suffix of the host (so an empty entry, as in a
 * trailing comma, exempts every host). No `*`, no port, no case folding.
 */
export function exempts(list: string, host: string): boolean {
  return list.split(",").some((entry) => {
    const cidr = parseCidr(entry);
    if (isIPv4(host) && cidr !== undefined) {
      const mask = -1 << (32 - cidr.prefix);
      return (ipToInt(host) & mask) === (cidr.ip & mask);
    }
    return host.endsWith(entry);
  });
}

/**
 * Whether grpc-js in this process would send Pulumi's gRPC to `host` through a proxy, and why.
 * As grpc-js does: the first of `grpc_proxy`, `https_proxy`, `http_proxy` that is set is the
 * proxy, used only if it parses as an `http://` URL (otherwise grpc-js logs an error and connects
 * directly); `no_grpc_proxy`, else `no_proxy`, may exempt the host. Upper-case variables are not
 * read.
 *
 * @example
 * ```ts
 * proxiedTransport({ https_proxy: "http://proxy:3128" }); // { variable: "https_proxy" }
 * proxiedTransport({ https_proxy: "http://proxy:3128", no_proxy: "127.0.0.1,localhost" }); // undefined
 * proxiedTransport({ HTTPS_PROXY: "http://proxy:3128" }); // undefined
 * ```
 */
export function proxiedTransport(env: Environment, host: string = ENGINE_HOST): ProxiedTransport | undefined {
  const variable = firstSet(env, PROXY_VARIABLES);
  if (variable === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(env[variable] ?? "").protocol;
  } catch {
    return undefined;
  }
  if (protocol !== "http:") return undefined;
  const exemptions = firstSet(env, ["no_grpc_proxy", "no_proxy"] as const);
  if (exemptions !== undefined && exempts(env[exemptions] ?? "", host)) return undefined;
  return { variable, ...(exemptions === undefined ? {} : { exemptions }) };
}

/** What the proxy sees, in each front's words: the program's traffic, or the plugin's and a program's. */
function whatItSees(namespace: string): string {
  const token = keyIn(SETTINGS.apiToken.key, namespace);
  const config = `the stack configuration with its secrets decrypted (${token} among them, when the token is set there)`;
  return namespace === DEFAULT_NAMESPACE
    ? `so the proxy sees the program's resources and ${config}`
    : `so the proxy sees the plugin's own calls to the engine and, for a Node.js or Python program (whose gRPC ` +
        `reads https_proxy too), the program's: its invokes with their arguments and results, and ${config}`;
}

/**
 * The warning for {@link proxiedTransport}'s answer: the variable (never its value, which may hold
 * the proxy's password), what the proxy sees, and the command that fixes it. `namespace` is that
 * of the front that warns: `turso` (the data source) or `turso-group` (the plugin).
 */
export function transportWarning(
  found: ProxiedTransport,
  env: Environment,
  namespace: string = DEFAULT_NAMESPACE,
): string {
  const list = found.exemptions ?? "no_proxy";
  const fix = found.exemptions === undefined ? `${list}=127.0.0.1,localhost` : `${list}="$${list},127.0.0.1,localhost"`;
  const which =
    list === "no_grpc_proxy"
      ? "no_grpc_proxy (read instead of no_proxy)"
      : found.exemptions === undefined && Boolean(env["NO_PROXY"])
        ? "no_proxy (NO_PROXY is not read for it)"
        : "no_proxy";
  return (
    `${found.variable} is set and ${which} does not exempt ${ENGINE_HOST}: Pulumi's own gRPC between the engine ` +
    `and its Node.js processes goes through that proxy as plaintext HTTP/2, ${whatItSees(namespace)}. ` +
    `Connect to ${ENGINE_HOST} directly with\n  export ${fix}\n` +
    `(no spaces: Pulumi's gRPC library splits the list on commas only).`
  );
}
