/**
 * A lookup's arguments, checked into a query: the same rules and messages for both fronts (the
 * data source checks them at the call, the plugin at the invoke). The organization is the
 * argument's, else the settings' default one, with where it came from; a query built from a
 * `secret` input quotes nothing of it in its errors.
 */
import { validateName } from "../client/validate";
import type { GroupRef, ScopeRef } from "../client/url";
import { TursoInputError } from "../errors";
import { validateExpectation, type PlacementExpectation } from "../placement";
import { validateTokenSource, type DefaultOrganization, type TokenSource } from "../settings";

/** A lookup's arguments as a program gives them (plain JavaScript or an invoke may pass anything). */
export interface LookupArgs {
  readonly organization?: unknown;
  readonly group?: unknown;
  readonly expect?: unknown;
  readonly ifExists?: unknown;
  readonly tokenFrom?: unknown;
}

/** What a list lookup asks for: a scope (an organization, or the personal account) and a token source. */
export interface ScopeQuery {
  readonly scope: ScopeRef;
  readonly tokenFrom: TokenSource | undefined;
}

/** What a group lookup asks for. */
export interface GroupQuery extends ScopeQuery {
  readonly ref: GroupRef;
  readonly expect: PlacementExpectation | undefined;
  /** A missing group is an absent result instead of a failure. */
  readonly ifExists: boolean;
}

const given = (value: unknown): boolean => value !== undefined && value !== null;

/** Whether a lookup uses the default organization, and it is a secret (`pulumi config set --secret`). */
export function usesSecretDefault(args: LookupArgs, fallback: DefaultOrganization | undefined): boolean {
  return !given(args.organization) && fallback?.secret === true;
}

/**
 * The scope of a lookup: its `organization` argument, else `fallback` (the settings' default, with
 * where it came from), else the personal account; and its `tokenFrom`. Throws
 * {@link TursoInputError} naming the argument, never quoting a `secret` one.
 */
export function scopeQuery(args: LookupArgs, fallback: DefaultOrganization | undefined, secret = false): ScopeQuery {
  const organization = given(args.organization)
    ? validateName("organization", args.organization, secret)
    : fallback?.organization;
  const scope: ScopeRef = {
    ...(organization === undefined ? {} : { organization }),
    ...(!given(args.organization) && fallback !== undefined ? { organizationSource: fallback.source } : {}),
  };
  return { scope, tokenFrom: validateTokenSource(args.tokenFrom) };
}

/** Checks `ifExists`: true, false, or absent. */
export function checkIfExists(value: unknown): boolean {
  if (given(value) && typeof value !== "boolean") {
    throw new TursoInputError("ifExists", "must be a boolean", `ifExists must be true or false, got ${typeof value}.`);
  }
  return value === true;
}

/** A group lookup's query: {@link scopeQuery}, the group, `expect` and `ifExists`, each checked. */
export function groupQuery(args: LookupArgs, fallback: DefaultOrganization | undefined, secret = false): GroupQuery {
  const group = validateName("group", args.group, secret);
  const { scope, tokenFrom } = scopeQuery(args, fallback, secret);
  const expect = validateExpectation(args.expect ?? undefined, secret);
  return { scope, ref: { ...scope, group }, tokenFrom, expect, ifExists: checkIfExists(args.ifExists) };
}

/** Groups sorted by name: the order every list lookup answers in. */
export function byName<T extends { readonly name: string }>(groups: readonly T[]): T[] {
  return [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
