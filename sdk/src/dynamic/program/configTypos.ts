/**
 * The data source's side of the config-key rules (`core/configKeys.ts`): the program sees the
 * stack's whole configuration, so a misspelt `turso:*` key fails each call, naming the setting it
 * meant, and a setting set under the plugin's `turso-group:*` namespace gets a one-line warning,
 * once per run.
 */
import * as pulumi from "@pulumi/pulumi";
import { misspeltKeys, otherFrontHints, otherNamespace } from "../../core/configKeys";
import { TursoConfigError } from "../../core/errors";
import { DEFAULT_NAMESPACE } from "../../core/settings";
import { firstTimeThisRun } from "./oncePerRun";

/** The names of the keys of `namespace` among `keys` (`turso:apiToken` → `apiToken`). */
function namesIn(keys: readonly string[], namespace: string): string[] {
  return keys.filter((k) => k.startsWith(`${namespace}:`)).map((k) => k.slice(namespace.length + 1));
}

/**
 * Throws {@link TursoConfigError} for the first misspelt `turso:*` key of `config` (the stack's
 * configuration), and warns once per run about settings set under `turso-group:*` instead.
 *
 * @example
 * ```ts
 * checkConfigKeys({ "turso:apiTokn": "…" }); // throws: Config key turso:apiTokn is not a setting …
 * ```
 */
export function checkConfigKeys(config: Readonly<Record<string, string>> = pulumi.runtime.allConfig()): void {
  const keys = Object.keys(config);
  const other = otherNamespace(DEFAULT_NAMESPACE);
  const hints = otherFrontHints(namesIn(keys, other), DEFAULT_NAMESPACE, (key) => key in config);
  for (const hint of hints) if (firstTimeThisRun(`other-front:${hint}`)) void pulumi.log.warn(hint);
  const [misspelt] = misspeltKeys(namesIn(keys, DEFAULT_NAMESPACE), DEFAULT_NAMESPACE);
  if (misspelt !== undefined) throw new TursoConfigError(misspelt.key, misspelt.message);
}
