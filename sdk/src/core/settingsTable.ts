/**
 * Every setting in one table: its config key, environment variable, default, range and meaning.
 * The settings are resolved from it (`settings.ts`), and it writes the plugin schema's config
 * (`plugin/schema.ts`) and the README's settings table (which a unit test compares with it).
 */
import { DEFAULT_RETRY_POLICY } from "./client/retry";

/** The default API endpoint. */
export const DEFAULT_BASE_URL = "https://api.turso.tech";

/** The configuration namespace of the settings' keys for the TypeScript data source. */
export const DEFAULT_NAMESPACE = "turso";

/**
 * A setting's key in another configuration namespace: the provider plugin reads
 * `turso-group:apiToken` where the TypeScript data source reads `turso:apiToken`.
 *
 * @example
 * ```ts
 * keyIn(SETTINGS.apiToken.key, "turso-group"); // "turso-group:apiToken"
 * ```
 */
export function keyIn(key: string, namespace: string = DEFAULT_NAMESPACE): string {
  return `${namespace}:${key.slice(key.indexOf(":") + 1)}`;
}

/** A row of {@link SETTINGS}. */
export interface SettingSpec {
  /** The config key in the data source's namespace (`turso:apiToken`); see {@link keyIn}. */
  readonly key: string;
  /** The environment variable read when the key is unset. */
  readonly env?: string;
  /** The value used when neither is set. */
  readonly default?: string | number;
  /** How the README's table shows the default when there is none to write. */
  readonly defaultText?: string;
  /** The smallest and largest whole number allowed (numeric settings). */
  readonly min?: number;
  readonly max?: number;
  /** What it is, in the README's words (the range is added from `min` and `max`). */
  readonly description: string;
  /** Set it with `pulumi config set --secret`; the schema marks it secret. */
  readonly secret?: true;
}

/** Every setting, in one table. */
export const SETTINGS = {
  apiToken: {
    key: "turso:apiToken",
    env: "TURSO_API_TOKEN",
    defaultText: "(required)",
    secret: true,
    description: "platform API token (`turso auth api-tokens mint NAME`); set it with `pulumi config set --secret`",
  },
  organization: {
    key: "turso:organization",
    env: "TURSO_ORGANIZATION",
    defaultText: "none: personal account",
    description: "organization slug when `getGroup` is given none; `--secret` makes its lookups secret lookups",
  },
  apiBaseUrl: {
    key: "turso:apiBaseUrl",
    env: "TURSO_API_BASEURL",
    default: DEFAULT_BASE_URL,
    description: "API base URL; `https` required except on localhost (the emulator)",
  },
  timeoutMs: {
    key: "turso:timeoutMs",
    default: 10_000,
    min: 100,
    max: 300_000,
    description: "limit for one request, body included, in milliseconds",
  },
  totalTimeoutMs: {
    key: "turso:totalTimeoutMs",
    default: 30_000,
    min: 100,
    max: 600_000,
    description: "limit for the whole lookup: every attempt and every wait between them, in milliseconds",
  },
  maxRetries: {
    key: "turso:maxRetries",
    default: DEFAULT_RETRY_POLICY.retries,
    min: 0,
    max: 10,
    description: "retries after the first attempt on 408, 429, 5xx, timeouts and network errors",
  },
  maxRetryDelayMs: {
    key: "turso:maxRetryDelayMs",
    default: DEFAULT_RETRY_POLICY.maxDelayMs,
    min: 0,
    max: 120_000,
    description: "cap on one wait between attempts, `Retry-After` included, in milliseconds",
  },
  maxConcurrency: {
    key: "turso:maxConcurrency",
    default: 8,
    min: 1,
    max: 64,
    description: "requests in flight at once per token, in one operation",
  },
} as const satisfies Record<string, SettingSpec>;

/** A setting's name: `apiToken`, `timeoutMs`, … */
export type SettingName = keyof typeof SETTINGS;

/** The names of every setting, in the table's order. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** A setting's meaning with its range: `requests in flight at once per operation (1 to 64)`. */
export function meaningOf(spec: SettingSpec): string {
  return spec.min === undefined ? spec.description : `${spec.description} (${spec.min} to ${spec.max})`;
}

/** The cells of a setting's row in the README's table: key, variable, default, meaning. */
export function readmeRow(spec: SettingSpec): [string, string, string, string] {
  const fallback = spec.defaultText ?? (spec.default === undefined ? "" : `\`${spec.default}\``);
  return [`\`${spec.key}\``, spec.env === undefined ? "" : `\`${spec.env}\``, fallback, meaningOf(spec)];
}

/**
 * A setting's description in the plugin's schema: its meaning and range, the variable read when
 * the key is unset, and the key in `namespace`.
 */
export function schemaDescription(spec: SettingSpec, namespace: string): string {
  const meaning = meaningOf(spec);
  const fallback = spec.env === undefined ? "" : ` When unset: the environment variable \`${spec.env}\`.`;
  return `${meaning.charAt(0).toUpperCase()}${meaning.slice(1)}.${fallback} Key: ${keyIn(spec.key, namespace)}.`;
}
