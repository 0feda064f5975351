/**
 * The engine's `Configure` request, seen from a provider served by `@pulumi/pulumi/provider`'s
 * `main`: its server answers `Configure` without passing the configuration on (the `Provider`
 * interface has no `configure`). The gRPC library it runs on is in reach: its `Server.addService`
 * receives the service's implementation, whose `configure` is wrapped here before it is registered,
 * so that the provider config (`turso-group:apiToken`, decrypted) reaches the plugin.
 */
import { pulumiGrpc } from "../core/bundle";
import { hasSecret, unwrapSecrets } from "./secrets";

/** A provider's configuration: `turso-group:apiToken` → its value (secrets decrypted). */
export interface ProviderConfig {
  readonly values: ReadonlyMap<string, string>;
  /** The keys whose values were set with `pulumi config set --secret`, as far as the request says. */
  readonly secrets: ReadonlySet<string>;
}

interface ConfigureRequest {
  getVariablesMap(): { forEach(each: (value: string, key: string) => void): void };
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Handler = (call: { request: ConfigureRequest }, callback: unknown) => void;
interface GrpcServer {
  prototype: { addService(this: unknown, service: unknown, implementation: Record<string, unknown>): void };
}

/**
 * The configuration of a `Configure` request, keyed `package:name`: the `variables` map
 * (`turso-group:config:apiToken`, strings) first, then the `args` struct (`apiToken`, secrets
 * wrapped) for keys the map lacks; the secret ones are those the struct wraps.
 */
export function configOf(request: ConfigureRequest, pkg: string): ProviderConfig {
  const config = new Map<string, string>();
  const secrets = new Set<string>();
  request.getVariablesMap().forEach((value, key) => {
    const parts = key.split(":");
    const name = parts.length === 3 && parts[1] === "config" ? `${parts[0]}:${parts[2]}` : key;
    config.set(name, value);
  });
  for (const [name, wrapped] of Object.entries(request.getArgs()?.toJavaScript() ?? {})) {
    const key = `${pkg}:${name}`;
    if (hasSecret(wrapped)) secrets.add(key);
    const value = unwrapSecrets(wrapped);
    if (config.has(key) || value === undefined || value === null) continue;
    config.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return { values: config, secrets };
}

/**
 * Calls `listener` with the provider configuration each time the engine sends `Configure` to the
 * provider that `main` serves next. Call it before `main`.
 */
export function onConfigure(pkg: string, listener: (config: ProviderConfig) => void): void {
  // The gRPC library of @pulumi/pulumi's provider server, whatever the package layout.
  const { Server } = pulumiGrpc<{ Server: GrpcServer }>();
  const original = Server.prototype.addService;
  Server.prototype.addService = function (this: unknown, service, implementation) {
    const configure = implementation["configure"];
    if (typeof configure === "function" && typeof implementation["invoke"] === "function") {
      implementation["configure"] = ((call, callback) => {
        listener(configOf(call.request, pkg));
        (configure as Handler).call(implementation, call, callback);
      }) satisfies Handler;
    }
    original.call(this, service, implementation);
  };
}
