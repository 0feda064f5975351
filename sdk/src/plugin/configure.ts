/**
 * The engine's `Configure` request, as the plugin's server (`server.ts`) receives it: the provider
 * config (`turso-group:apiToken`, decrypted), and which of its values are secrets.
 */
import { hasSecret, unwrapSecrets } from "./secrets";

/** A provider's configuration: `turso-group:apiToken` → its value (secrets decrypted). */
export interface ProviderConfig {
  readonly values: ReadonlyMap<string, string>;
  /** The keys whose values were set with `pulumi config set --secret`, as far as the request says. */
  readonly secrets: ReadonlySet<string>;
}

/** The part of Pulumi's `ConfigureRequest` read here. */
export interface ConfigureRequest {
  getVariablesMap(): { forEach(each: (value: string, key: string) => void): void };
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
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
