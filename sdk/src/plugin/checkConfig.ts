/**
 * What the plugin says of its configuration, through the engine: a misspelt `turso-group:*` key
 * fails `CheckConfig` naming the setting it meant; a setting set under `turso:` (the TypeScript
 * data source's namespace) instead gets a one-line warning; and Pulumi's gRPC going through a
 * proxy gets the data source's warning, once per plugin process (one per `preview` or `up`).
 */
import { misspeltKeys, otherFrontHints, otherNamespace } from "../core/configKeys";
import type { EngineLogger } from "../core/engineLog";
import type { Environment } from "../core/settings";
import { proxiedTransport, transportWarning } from "../core/transport";
import { PACKAGE } from "./schema";
import { keysInConfigFiles, stackOfUrn } from "./stackConfig";

const warned = new Set<string>();

function warn(logger: EngineLogger | undefined, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  logger?.warn(message);
}

/**
 * The failures of a `CheckConfig` whose keys (without the namespace) are `names`: one per misspelt
 * key, each naming its key in its reason. Hints for keys of the other namespace go to `logger`.
 */
export function checkConfigKeys(
  names: string[],
  urn: string,
  logger: EngineLogger | undefined,
  dir: string = process.cwd(),
): { property: string; reason: string }[] {
  const set = new Set(names.map((n) => `${PACKAGE}:${n}`));
  const elsewhere = keysInConfigFiles(otherNamespace(PACKAGE), stackOfUrn(urn), dir);
  for (const hint of otherFrontHints(elsewhere, PACKAGE, (key) => set.has(key))) warn(logger, hint);
  // No property: the engine would print the key's value beside it, and a misspelt token may be plain.
  return misspeltKeys(names, PACKAGE).map((m) => ({ property: "", reason: m.message }));
}

/** Warns, once per process, when Pulumi's gRPC in this process's environment goes through a proxy. */
export function warnOnce(env: Environment, logger: EngineLogger | undefined): void {
  const found = proxiedTransport(env);
  if (found !== undefined) warn(logger, transportWarning(found, env, PACKAGE));
}
