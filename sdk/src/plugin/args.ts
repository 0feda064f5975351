/**
 * An invoke's arguments, checked by the core's validators as the TypeScript front checks a call's:
 * the same rules and messages, plus a refusal of argument names the schema does not declare
 * (a YAML program may misspell one).
 */
import { validateName } from "../client/validate";
import type { GroupRef, ScopeRef } from "../client/url";
import { TursoInputError } from "../errors";
import { validateExpectation, type PlacementExpectation } from "../placement";
import {
  defaultOrganization,
  validateTokenSource,
  type ConfigLookup,
  type Environment,
  type TokenSource,
} from "../settings";
import { FUNCTIONS, PACKAGE, type FunctionToken } from "./schema";

/** What a list lookup asks for, checked. */
export interface ListArgs {
  readonly scope: ScopeRef;
  readonly tokenFrom: TokenSource | undefined;
}

/** What a group lookup asks for, checked. */
export interface GroupArgs extends ListArgs {
  readonly ref: GroupRef;
  readonly expect: PlacementExpectation | undefined;
  readonly ifExists: boolean;
}

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
function scopeOf(args: Record<string, unknown>, config: ConfigLookup, env: Environment): ListArgs {
  const given = args["organization"] !== undefined && args["organization"] !== null;
  const fallback = given ? undefined : defaultOrganization(config, env, () => false, PACKAGE);
  const organization = given ? validateName("organization", args["organization"]) : fallback?.organization;
  const scope: ScopeRef = {
    ...(organization === undefined ? {} : { organization }),
    ...(fallback === undefined ? {} : { organizationSource: fallback.source }),
  };
  return { scope, tokenFrom: validateTokenSource(args["tokenFrom"]) };
}

/** Checks getGroups' arguments; throws {@link TursoInputError} naming the argument. */
export function listArgs(args: Record<string, unknown>, config: ConfigLookup, env: Environment): ListArgs {
  refuseUnknown(`${PACKAGE}:index:getGroups`, args);
  return scopeOf(args, config, env);
}

/** Checks getGroup's arguments; throws {@link TursoInputError} naming the argument. */
export function groupArgs(args: Record<string, unknown>, config: ConfigLookup, env: Environment): GroupArgs {
  refuseUnknown(`${PACKAGE}:index:getGroup`, args);
  const group = validateName("group", args["group"]);
  const { scope, tokenFrom } = scopeOf(args, config, env);
  const ifExists = args["ifExists"];
  if (ifExists !== undefined && ifExists !== null && typeof ifExists !== "boolean") {
    throw new TursoInputError(
      "ifExists",
      "must be a boolean",
      `ifExists must be true or false, got ${typeof ifExists}.`,
    );
  }
  return {
    ref: { ...scope, group },
    scope,
    tokenFrom,
    expect: validateExpectation(args["expect"] ?? undefined),
    ifExists: ifExists === true,
  };
}
