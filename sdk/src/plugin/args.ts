/**
 * An invoke's arguments, checked into the core's queries (the data source's rules and messages),
 * plus a refusal of argument names the schema does not declare (a YAML program may misspell one),
 * and what the plugin knows of their secrecy.
 *
 * No Pulumi SDK tells a provider which invoke arguments were secrets: each one takes the secret
 * marker off before the request and marks the result secret on its own side (Node.js and Python
 * unwrap it, Go marshals without secrets, the YAML host awaits the values). So the plugin hides
 * every name it was given as an argument, unless the marker did arrive (then it is a secret), or
 * `turso-group:showNames` says no lookup's names are secrets. A name from plain config or from
 * `TURSO_ORGANIZATION` is shown; one from secret config is a secret, and so are the results.
 */
import { TursoConfigError, TursoInputError } from "../core/errors";
import type { Hiding } from "../core/lookup/lookups";
import { groupQuery, scopeQuery, type GroupQuery, type LookupArgs, type ScopeQuery } from "../core/lookup/query";
import {
  defaultOrganization,
  validateTokenSource,
  type ConfigLookup,
  type Environment,
  type TokenSource,
} from "../core/settings";
import { FUNCTIONS, PACKAGE, PLUGIN_SETTINGS, type FunctionToken } from "./schema";

/** The config key that says the names of this provider's lookups may be shown (schema.ts's PLUGIN_SETTINGS). */
export const SHOW_NAMES_KEY = `${PACKAGE}:${"showNames" satisfies keyof typeof PLUGIN_SETTINGS}`;

/** What an error that hid argument names adds: why, and what to do. */
export const HIDDEN_NAMES_HINT =
  `(The plugin shows no organization or group name it was given as an argument: Pulumi's SDKs do not tell a provider which arguments are secrets. ` +
  `If none of this program's lookups has a secret name, set ${SHOW_NAMES_KEY} to true to see them, and a suggestion for a misspelt group.)`;

/** Where an invoke's arguments came from: the provider config, the environment, and whether any was secret. */
export interface ArgsContext {
  readonly config: ConfigLookup;
  readonly env: Environment;
  /** Whether a config key was set with `--secret`. */
  readonly isSecret: (key: string) => boolean;
  /** Whether an argument of the invoke arrived marked secret. */
  readonly secret: boolean;
}

/** A query, which of its names no message may show, and whether its results are secret. */
export interface Checked<Q> {
  readonly query: Q;
  readonly hiding: Hiding | undefined;
  readonly secret: boolean;
}

/** The functions that look up one group: they take the same arguments. */
export type GroupFunction = "getGroup" | "findGroup";

/** Refuses argument names that `token`'s inputs do not declare, naming the ones it takes. */
function refuseUnknown(token: FunctionToken, args: Record<string, unknown>): void {
  const known = Object.keys(FUNCTIONS[token].inputs.properties);
  const unknown = Object.keys(args).filter((k) => !known.includes(k));
  const name = token.split(":")[2] ?? token;
  if (unknown.length > 0) {
    throw new TursoInputError(
      unknown[0] ?? "",
      "unknown argument",
      `${name} has no argument ${unknown.map((k) => JSON.stringify(k)).join(", ")}; it takes ${known.join(", ")}.`,
    );
  }
}

/** Whether `turso-group:showNames` is set to true; any value but true or false is refused. */
function showNames(config: ConfigLookup): boolean {
  const value = config(SHOW_NAMES_KEY)?.trim();
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new TursoConfigError(
    SHOW_NAMES_KEY,
    `Stack config "${SHOW_NAMES_KEY}" must be true or false, got ${JSON.stringify(value)}: run pulumi config set ${SHOW_NAMES_KEY} true (or false).`,
  );
}

/** The query of `build`, with the plugin's secrecy rules (see the file's comment) applied to its names. */
function checked<Q extends ScopeQuery>(
  args: LookupArgs,
  context: ArgsContext,
  build: (fallback: ReturnType<typeof defaultOrganization>, quoteNothing: boolean) => Q,
  group?: (query: Q) => string,
): Checked<Q> {
  const { config, env, isSecret, secret } = context;
  const given = args.organization !== undefined && args.organization !== null;
  const fallback = given ? undefined : defaultOrganization(config, env, isSecret, PACKAGE);
  const argumentsShown = !secret && showNames(config);
  const query = build(fallback, !argumentsShown);
  const organizationShown = given ? argumentsShown : fallback?.secret !== true;
  const hidden = [
    ...(organizationShown ? [] : [query.scope.organization]),
    ...(group === undefined || argumentsShown ? [] : [group(query)]),
  ].filter((n): n is string => n !== undefined);
  const hiding: Hiding | undefined =
    hidden.length === 0
      ? undefined
      : { names: hidden, ...(secret || argumentsShown ? {} : { hint: HIDDEN_NAMES_HINT }) };
  return { query, hiding, secret: secret || fallback?.secret === true };
}

/** Checks getGroups' arguments; throws {@link TursoInputError} naming the argument. */
export function listArgs(args: Record<string, unknown>, context: ArgsContext): Checked<ScopeQuery> {
  refuseUnknown(`${PACKAGE}:index:getGroups`, args);
  return checked(args, context, (fallback, quoteNothing) => scopeQuery(args, fallback, quoteNothing));
}

/**
 * Checks the arguments of getGroup (or of findGroup, which takes the same); throws
 * {@link TursoInputError} naming the argument, never a secret's value.
 */
export function groupArgs(
  args: Record<string, unknown>,
  context: ArgsContext,
  fn: GroupFunction = "getGroup",
): Checked<GroupQuery> {
  refuseUnknown(`${PACKAGE}:index:${fn}`, args);
  return checked(
    args,
    context,
    (fallback, quoteNothing) => groupQuery(args, fallback, quoteNothing),
    (query) => query.ref.group,
  );
}

/** Checks getLocations' arguments (a `tokenFrom` only); throws {@link TursoInputError} naming the argument. */
export function locationsArgs(args: Record<string, unknown>): TokenSource | undefined {
  refuseUnknown(`${PACKAGE}:index:getLocations`, args);
  return validateTokenSource(args["tokenFrom"]);
}
