/**
 * A misspelt config key is silently ignored by whatever reads the right one: `turso-group:apiTokn`
 * leaves the lookup without a token, `turso-group:apiBaseURL` sends it to the default API. So a key
 * of this package's namespace that is a letter or two (or only the case) away from a setting's name
 * is an error naming the setting; and a setting set in the other front's namespace (`turso:` for
 * the plugin, `turso-group:` for the TypeScript data source) gets a one-line hint. Both fronts
 * check with these rules; they differ only in where they find the keys.
 */
import { closest } from "./lookup/suggest";
import { DEFAULT_NAMESPACE, keyIn, SETTINGS, SETTING_NAMES, type SettingName } from "./settingsTable";

/** The plugin's config namespace (`turso-group:apiToken`). */
export const PLUGIN_NAMESPACE = "turso-group";

/** Who reads each namespace, for hints. */
const READER: Readonly<Record<string, string>> = {
  [DEFAULT_NAMESPACE]: "the TypeScript data source",
  [PLUGIN_NAMESPACE]: "the turso-group provider plugin",
};

/** The other front's namespace: `turso` ↔ `turso-group`. */
export function otherNamespace(namespace: string): string {
  return namespace === PLUGIN_NAMESPACE ? DEFAULT_NAMESPACE : PLUGIN_NAMESPACE;
}

/** The setting `name` (a key without its namespace) stands for: itself, or the one it misspells. */
function settingOf(name: string): { setting: SettingName; exact: boolean } | undefined {
  if ((SETTING_NAMES as string[]).includes(name)) return { setting: name as SettingName, exact: true };
  const meant = closest(name, SETTING_NAMES, 2) as SettingName | undefined;
  return meant === undefined ? undefined : { setting: meant, exact: false };
}

/** A key of the package's namespace that misspells a setting. */
export interface MisspeltKey {
  /** The key as set, `turso-group:apiTokn`. */
  readonly key: string;
  /** The setting's key it most likely meant, `turso-group:apiToken`. */
  readonly meant: string;
  /** The error: what is wrong and how to fix it. */
  readonly message: string;
}

/**
 * The keys among `names` (every key set in `namespace`, without it: `apiTokn`) that misspell a
 * setting that is not set. A key no setting is near (a `tokenFrom` key such as `acmeToken`) is none
 * of them, nor one beside the setting it is near (`apiToken2` beside `apiToken`): as for a
 * misspelt `TURSO_*` variable, the right name being set says the other is meant.
 *
 * @example
 * ```ts
 * misspeltKeys(["apiTokn", "acmeToken"], "turso-group")[0]?.meant; // "turso-group:apiToken"
 * ```
 */
export function misspeltKeys(names: Iterable<string>, namespace: string): MisspeltKey[] {
  const found: MisspeltKey[] = [];
  const set = new Set(names);
  for (const name of set) {
    const of = settingOf(name);
    if (of === undefined || of.exact || set.has(of.setting)) continue;
    const key = `${namespace}:${name}`;
    const meant = keyIn(SETTINGS[of.setting].key, namespace);
    const secret = "secret" in SETTINGS[of.setting] ? " --secret" : "";
    found.push({
      key,
      meant,
      message:
        `Config key ${key} is not a setting of ${READER[namespace] ?? namespace}: did you mean ${meant}? ` +
        `Rename it ("pulumi config rm ${key}", then "pulumi config set${secret} ${meant} <value>"); ` +
        `if it is a tokenFrom key, give it a name further from ${of.setting}.`,
    });
  }
  return found;
}

/**
 * One line for each setting of `names` (keys of the other front's namespace, without it) that is
 * set there but not in `namespace` (`isSet` says which keys are): the key to set instead.
 *
 * @example
 * ```ts
 * otherFrontHints(["apiToken"], "turso-group", () => false);
 * // ["turso:apiToken is set, but the turso-group provider plugin reads turso-group:apiToken (turso:* is …)."]
 * ```
 */
export function otherFrontHints(names: Iterable<string>, namespace: string, isSet: (key: string) => boolean): string[] {
  const other = otherNamespace(namespace);
  const hints: string[] = [];
  for (const name of names) {
    const of = settingOf(name);
    if (of === undefined) continue;
    const meant = keyIn(SETTINGS[of.setting].key, namespace);
    if (isSet(meant)) continue;
    hints.push(
      `${other}:${name} is set, but ${READER[namespace] ?? namespace} reads ${meant} ` +
        `(${other}:* is the namespace of ${READER[other] ?? other}).`,
    );
  }
  return hints;
}
