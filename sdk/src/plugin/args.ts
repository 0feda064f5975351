/**
 * An invoke's arguments, checked by the core's validators as the TypeScript front checks a call's:
 * the same rules and messages, plus a refusal of argument names the schema does not declare
 * (a YAML program may misspell one).
 */
import { validateName } from "../core/client/validate";
import type { GroupRef, ScopeRef } from "../core/client/url";
import { TursoInputError } from "../core/errors";
import { validateExpectation, type PlacementExpectation } from "../core/placement";
import {
  defaultOrganization,
  validateTokenSource,
  type ConfigLookup,
  type Environment,
  type TokenSource,
} from "../core/settings";
import { FUNCTIONS, PACKAGE, type FunctionToken } from "./schema";

/** What a list lookup asks for, checked. */
export interface ListArgs {
  readonly scope: ScopeRef;
  readonly tokenFrom: TokenSource | undefined;
  /** A secret argument, or a secret `turso-group:organization`: names are hidden, results secret. */
  readonly secret: boolean;
}

/** Where an invoke's arguments came from: the provider config, the environment, and whether any was secret. */
export interface ArgsContext {
  readonly config: ConfigLookup;
  readonly env: Environment;
  /** Whether a config key was set with `--secret`. */
  readonly isSecret: (key: string) => boolean;
  /** Whether an argument of the invoke was a secret. */
  readonly secret: boolean;
}

/** What a group lookup (getGroup, findGroup) asks for, checked. */
export interface GroupArgs extends ListArgs {
  readonly ref: GroupRef;
  readonly expect: PlacementExpectation | undefined;
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

/** The scope of a lookup: its organization, else the provider's default one, with where it came from. */
function scopeOf(args: Record<string, unknown>, context: ArgsContext): ListArgs {
  const { config, env, isSecret, secret } = context;
  const given = args["organization"] !== undefined && args["organization"] !== null;
  const fallback = given ? undefined : defaultOrganization(config, env, isSecret, PACKAGE);
  const organization = given ? validateName("organization", args["organization"], secret) : fallback?.organization;
  const scope: ScopeRef = {
    ...(organization === undefined ? {} : { organization }),
    ...(fallback === undefined ? {} : { organizationSource: fallback.source }),
  };
  return { scope, tokenFrom: validateTokenSource(args["tokenFrom"]), secret: secret || fallback?.secret === true };
}

/** Checks getGroups' arguments; throws {@link TursoInputError} naming the argument. */
export function listArgs(args: Record<string, unknown>, context: ArgsContext): ListArgs {
  refuseUnknown(`${PACKAGE}:index:getGroups`, args);
  return scopeOf(args, context);
}

/** Checks getLocations' arguments (a `tokenFrom` only); throws {@link TursoInputError} naming the argument. */
export function locationsArgs(args: Record<string, unknown>): TokenSource | undefined {
  refuseUnknown(`${PACKAGE}:index:getLocations`, args);
  return validateTokenSource(args["tokenFrom"]);
}

/**
 * Checks the arguments of getGroup (or of findGroup, which takes the same); throws
 * {@link TursoInputError} naming the argument, never a secret's value.
 */
export function groupArgs(
  args: Record<string, unknown>,
  context: ArgsContext,
  fn: GroupFunction = "getGroup",
): GroupArgs {
  refuseUnknown(`${PACKAGE}:index:${fn}`, args);
  const group = validateName("group", args["group"], context.secret);
  const { scope, tokenFrom, secret } = scopeOf(args, context);
  return {
    ref: { ...scope, group },
    scope,
    tokenFrom,
    secret,
    expect: validateExpectation(args["expect"] ?? undefined, context.secret),
  };
}
