import type { ClientOptions } from "./client/http";
import { resolveRoute } from "./client/proxy";
import { DEFAULT_RETRY_POLICY } from "./client/retry";
import { checkBaseUrl } from "./client/url";
import { validateName } from "./client/validate";
import { TursoConfigError, TursoInputError } from "./errors";
import { DEFAULT_NAMESPACE, keyIn, SETTINGS } from "./settingsTable";

/** Reads a namespaced stack configuration value (`turso:apiToken`), undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** The environment variables this package reads. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Responses larger than this are refused (a group is a few hundred bytes). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export { DEFAULT_BASE_URL, DEFAULT_NAMESPACE, keyIn, SETTINGS } from "./settingsTable";

/**
 * Where a lookup's token is, when not in `turso:apiToken` / `TURSO_API_TOKEN`: a stack config key
 * and/or an environment variable, looked up in that order in the provider process. Only these
 * names are stored in state, never the token.
 */
export interface TokenSource {
  /** A namespaced stack config key, e.g. `"turso:acmeToken"`; set it with `pulumi config set --secret`. */
  readonly config?: string | undefined;
  /** An environment variable, e.g. `"TURSO_ACME_TOKEN"`. */
  readonly env?: string | undefined;
}

/** Checks a token source given by a program; throws {@link TursoInputError} naming the rule. */
export function validateTokenSource(value: unknown): TokenSource | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (rule: string): never => {
    throw new TursoInputError("tokenFrom", rule, `tokenFrom is invalid: ${rule}.`);
  };
  if (typeof value !== "object" || Array.isArray(value)) return fail("it must be { config?: string, env?: string }");
  const { config, env, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) fail(`it has an unknown field ${JSON.stringify(extra)} (use config, env)`);
  if (config === undefined && env === undefined) fail("it must name a config key, an environment variable, or both");
  if (config !== undefined && (typeof config !== "string" || !/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/.test(config)))
    fail(
      `tokenFrom.config must be a namespaced stack config key such as "turso:acmeToken" (got ${JSON.stringify(config)})`,
    );
  if (env !== undefined && (typeof env !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)))
    fail(`tokenFrom.env must be an environment variable name such as "TURSO_ACME_TOKEN" (got ${JSON.stringify(env)})`);
  return {
    ...(config === undefined ? {} : { config: config as string }),
    ...(env === undefined ? {} : { env: env as string }),
  };
}

/**
 * Where a lookup's token is looked for: `tokenFrom`, else `turso:apiToken` (in `namespace`) then
 * `TURSO_API_TOKEN`.
 */
export function tokenSourceOf(tokenFrom: TokenSource | undefined, namespace: string = DEFAULT_NAMESPACE): TokenSource {
  return tokenFrom ?? { config: keyIn(SETTINGS.apiToken.key, namespace), env: SETTINGS.apiToken.env };
}

/**
 * How to give a lookup a token, for messages: mint one, then set it where this lookup looks
 * (`turso:apiToken` / `TURSO_API_TOKEN`, or the names its `tokenFrom` gives). The one place this
 * advice is written.
 */
export function tokenFix(source: TokenSource = tokenSourceOf(undefined)): string {
  const fixes = [
    ...(source.config === undefined ? [] : [`"pulumi config set --secret ${source.config} <token>"`]),
    ...(source.env === undefined ? [] : [`export ${source.env}`]),
  ];
  return `Create a token with "turso auth api-tokens mint NAME", then run ${fixes.join(" or ")}`;
}

/**
 * The token of a lookup (the default one without `tokenFrom`) and where it was found, config
 * first; undefined when neither place holds one. `namespace` is that of the default config key.
 */
export function findToken(
  config: ConfigLookup,
  env: Environment,
  tokenFrom?: TokenSource,
  namespace: string = DEFAULT_NAMESPACE,
): { token: string; tokenSource: string } | undefined {
  const source = tokenSourceOf(tokenFrom, namespace);
  const fromConfig = source.config === undefined ? undefined : nonEmpty(config(source.config));
  if (fromConfig !== undefined) return { token: fromConfig, tokenSource: `stack config "${source.config}"` };
  const fromEnv = source.env === undefined ? undefined : nonEmpty(env[source.env]);
  return fromEnv === undefined ? undefined : { token: fromEnv, tokenSource: `environment variable ${source.env}` };
}

/** The settings of the HTTP client, resolved from stack configuration and environment. */
export type Settings = Omit<ClientOptions, "logger" | "sleep" | "random" | "now">;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function integer(
  config: ConfigLookup,
  { key, ...rest }: { key: string; default: number; min: number; max: number },
  namespace: string,
): number {
  const spec = { ...rest, key: keyIn(key, namespace) };
  const raw = nonEmpty(config(spec.key));
  if (raw === undefined) return spec.default;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new TursoConfigError(
      spec.key,
      `${spec.key} must be a whole number from ${spec.min} to ${spec.max} (got ${JSON.stringify(raw)}); ` +
        `unset it to use the default ${spec.default}.`,
    );
  }
  return value;
}

/**
 * Resolves every client setting from stack configuration first, then the environment, then the
 * defaults, and the route of its requests (the proxy variables of `env`: see `resolveRoute`). Runs in the provider process, where the token is read: it never reaches the program
 * or the state. Throws {@link TursoConfigError} naming the key and where it looked. `namespace` is
 * that of the config keys: `turso` for the TypeScript data source, `turso-group` for the plugin.
 */
export function resolveSettings(
  config: ConfigLookup,
  env: Environment,
  tokenFrom?: TokenSource,
  namespace: string = DEFAULT_NAMESPACE,
): Settings {
  const apiBaseUrl = { ...SETTINGS.apiBaseUrl, key: keyIn(SETTINGS.apiBaseUrl.key, namespace) };
  const found = findToken(config, env, tokenFrom, namespace);
  const apiToken = tokenSourceOf(tokenFrom, namespace);
  if (found === undefined) {
    const places = [
      ...(apiToken.config === undefined ? [] : [`stack config "${apiToken.config}"`]),
      ...(apiToken.env === undefined ? [] : [`environment variable ${apiToken.env}`]),
    ];
    throw new TursoConfigError(
      apiToken.config ?? apiToken.env ?? keyIn(SETTINGS.apiToken.key, namespace),
      `No Turso API token: looked in ${places.join(" and ")}, ${places.length === 1 ? "unset" : "both unset"}. ` +
        `${tokenFix(apiToken)}.`,
    );
  }
  const { token, tokenSource } = found;
  const urlFromConfig = nonEmpty(config(apiBaseUrl.key));
  const urlFromEnv = nonEmpty(env[apiBaseUrl.env]);
  const rawUrl = urlFromConfig ?? urlFromEnv ?? apiBaseUrl.default;
  const urlKey = urlFromConfig !== undefined ? apiBaseUrl.key : apiBaseUrl.env;
  const baseUrl = checkBaseUrl(rawUrl, urlKey);
  return {
    token,
    tokenSource,
    tokenFix: tokenFix(apiToken),
    baseUrlSource:
      urlFromConfig !== undefined
        ? `stack config "${apiBaseUrl.key}"`
        : urlFromEnv !== undefined
          ? `environment variable ${apiBaseUrl.env}`
          : `the default base URL (${apiBaseUrl.key} and ${apiBaseUrl.env} are unset)`,
    baseUrl,
    // How requests reach the API (directly, or through an HTTPS_PROXY tunnel), decided here once.
    route: resolveRoute(baseUrl, env),
    timeoutMs: integer(config, SETTINGS.timeoutMs, namespace),
    totalTimeoutMs: integer(config, SETTINGS.totalTimeoutMs, namespace),
    retry: {
      retries: integer(config, SETTINGS.maxRetries, namespace),
      baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: integer(config, SETTINGS.maxRetryDelayMs, namespace),
    },
    maxConcurrency: integer(config, SETTINGS.maxConcurrency, namespace),
    maxResponseBytes: MAX_RESPONSE_BYTES,
    ...(namespace === DEFAULT_NAMESPACE ? {} : { configNamespace: namespace }),
  };
}

/** An organization name taken from settings, and where it was found (for messages). */
export interface DefaultOrganization {
  readonly organization: string;
  /** `stack config "turso:organization"` or `environment variable TURSO_ORGANIZATION`. */
  readonly source: string;
  /** Set with `pulumi config set --secret`: the lookups that use it are secret lookups. */
  readonly secret?: true;
}

/**
 * The organization a lookup uses when it is given none: stack config `turso:organization`, else
 * `TURSO_ORGANIZATION`; undefined means the personal account (`GET /v1/groups/{group}`). Checked
 * here, in the program, so that a bad value fails at the call, naming where it came from. A
 * config value that `isSecret` says is a secret is never shown, and is marked `secret`; an
 * environment variable is never a secret. `namespace` is that of the config key (see
 * {@link resolveSettings}).
 */
export function defaultOrganization(
  config: ConfigLookup,
  env: Environment,
  isSecret: (key: string) => boolean = () => false,
  namespace: string = DEFAULT_NAMESPACE,
): DefaultOrganization | undefined {
  const { env: variable } = SETTINGS.organization;
  const key = keyIn(SETTINGS.organization.key, namespace);
  const fromConfig = nonEmpty(config(key));
  if (fromConfig !== undefined) {
    const secret = isSecret(key);
    return {
      organization: validateName(key, fromConfig, secret),
      source: `stack config "${key}"`,
      ...(secret ? { secret } : {}),
    };
  }
  const fromEnv = nonEmpty(env[variable]);
  if (fromEnv === undefined) return undefined;
  return { organization: validateName(variable, fromEnv), source: `environment variable ${variable}` };
}
