import * as pulumi from "@pulumi/pulumi";
import { TursoInputError } from "../core/errors";
import { FIELD_NAMES } from "../core/client/group";
import { groupResult, type GetGroupResult, type RecordedFields } from "../core/lookup/result";
import { validateName } from "../core/client/validate";
import type { RecordedGroup } from "./provider/readList";
import { validateExpectation, type PlacementExpectation } from "../core/placement";
import { validateTokenSource, type TokenSource } from "../core/settings";
import { refused, register, resolveArgs } from "./program/group";
import {
  checkOptions,
  fallbackOrganization,
  isPlain,
  plainLookupOptions,
  usesSecretFallback,
  whenKnown,
} from "./program/toolkit";
import { nextOrdinal, type LookupOutputs } from "./program/registry";

/** Arguments of {@link getGroup}. */
export interface GetGroupArgs {
  /**
   * The organization's slug. When omitted: stack config `turso:organization`, else the
   * `TURSO_ORGANIZATION` variable; when none is set, the group of your personal account. A
   * `turso:organization` set with `pulumi config set --secret` makes the lookup a secret one, as a
   * secret input does.
   */
  readonly organization?: string | undefined;
  /** The group's name, as `turso group list` shows it. */
  readonly group: string;
  /** Where the group must be; a group placed otherwise fails the preview. */
  readonly expect?: PlacementExpectation | undefined;
  /**
   * `true`: a group that does not exist gives an absent result (`undefined`) instead of failing
   * the preview. An unknown organization, a rejected token or an API failure still fail.
   * @default false
   */
  readonly ifExists?: boolean | undefined;
  /**
   * Where this lookup's token is, for a second Turso account (another user, or an organization
   * token): a stack config key and/or an environment variable, read in the provider process like
   * `turso:apiToken` / `TURSO_API_TOKEN`. Only the names are stored in state.
   * @default `{ config: "turso:apiToken", env: "TURSO_API_TOKEN" }`
   */
  readonly tokenFrom?: TokenSource | undefined;
}

/**
 * Arguments of {@link getGroupOutput}: those of {@link getGroup}, as Pulumi inputs. `ifExists`
 * stays a plain boolean (it decides the result's type) and `tokenFrom` plain names.
 */
export interface GetGroupOutputArgs {
  /** See {@link GetGroupArgs.organization}. */
  readonly organization?: pulumi.Input<string | undefined> | undefined;
  /** See {@link GetGroupArgs.group}. */
  readonly group: pulumi.Input<string>;
  /** See {@link GetGroupArgs.expect}. */
  readonly expect?: pulumi.Input<PlacementExpectation> | undefined;
  /** See {@link GetGroupArgs.ifExists}. */
  readonly ifExists?: boolean | undefined;
  /** See {@link GetGroupArgs.tokenFrom}. */
  readonly tokenFrom?: TokenSource | undefined;
}

export { groupResult, type GetGroupResult, type RecordedFields } from "../core/lookup/result";

/** What a contract-1 lookup gives, one Output per field: every field, `null` when absent. */
type LegacyFields = { readonly [K in keyof RecordedGroup]: RecordedGroup[K] | null } & {
  readonly organization: string | null;
};

/** The result of a lookup's read: the group, or undefined for an absent `ifExists` group. */
function result(read: LookupOutputs): pulumi.Output<GetGroupResult | undefined> {
  if ("lookup" in read) {
    return read.lookup.apply(({ organization, result }) =>
      result === null || result === undefined ? undefined : groupResult({ ...result, organization }),
    );
  }
  // A lookup that a copy of contract 1 registered first (registry.ts): one output per field.
  const perField = read as unknown as Record<string, pulumi.Output<unknown>>;
  const fields = Object.fromEntries([...FIELD_NAMES, "organization"].map((f) => [f, perField[f]]));
  const known: pulumi.Output<LegacyFields> = pulumi.all(
    fields,
  ) as pulumi.Output<unknown> as pulumi.Output<LegacyFields>;
  return pulumi.all([known, read.found ?? true]).apply(([k, found]) => {
    const { name, locations, primary } = k;
    if (found === false || name === null || primary === null || locations === null) return undefined;
    return groupResult({ ...k, name, locations, primary } as RecordedFields);
  });
}

/**
 * Looks up a Turso group during `pulumi preview` and `pulumi up`.
 *
 * The lookup calls the Turso Platform API with the token from stack config `turso:apiToken` or
 * `TURSO_API_TOKEN` (or where `tokenFrom` says), read in the provider process only: it never
 * lands in the lookup's state or in logs (see the README's "Where the token lives").
 *
 * A bad argument (a malformed name, an invalid `turso:organization` or `TURSO_ORGANIZATION`, a
 * malformed `expect`, an option a lookup cannot honour) throws a {@link TursoInputError} at the
 * call. What only the API can tell (a missing group, a rejected token, an outage) fails the
 * preview with one message; the program cannot catch it: use `ifExists` for a group that may not
 * exist. `opts` takes `parent`; for `dependsOn` use {@link getGroupOutput}.
 *
 * @example
 * ```ts
 * import { getGroup } from "pulumi-turso-group";
 *
 * const group = await getGroup({ organization: "acme", group: "prod" });
 * console.log(group.primary, group.locations);
 * ```
 */
export function getGroup(
  args: GetGroupArgs & { readonly ifExists?: false | undefined },
  opts?: pulumi.InvokeOptions,
): Promise<GetGroupResult>;
export function getGroup(args: GetGroupArgs, opts?: pulumi.InvokeOptions): Promise<GetGroupResult | undefined>;
export function getGroup(args: GetGroupArgs, opts?: pulumi.InvokeOptions): Promise<GetGroupResult | undefined> {
  const lookupOptions = checkOptions("getGroup", opts);
  const fallback = fallbackOrganization();
  const read = register(resolveArgs(args, fallback), plainLookupOptions(lookupOptions, args, fallback), "getGroup");
  // Output.promise() is the SDK's own bridge from an Output to a Promise.
  return (result(read) as unknown as { promise(): Promise<GetGroupResult | undefined> }).promise();
}

/**
 * A required argument's value once known; an Output that resolved to no value (a StackReference
 * output that does not exist, a config value that is not set) is refused saying so.
 */
function valueOf(argument: string, given: unknown, known: unknown): unknown {
  if (known !== undefined || isPlain(given)) return known;
  throw new TursoInputError(
    argument,
    "has no value",
    `${argument} came from an Output that has no value (a StackReference output that does not exist, or a ` +
      `config value that is not set): getGroupOutput needs the group's name there.`,
  );
}

/**
 * {@link getGroup} for Pulumi inputs: the lookup waits for its inputs; while they are unknown
 * (during a preview, from resources not yet created) its result is unknown and no request is made.
 * A secret input makes every result field secret and keeps the inputs out of the state in plain
 * text. `opts` takes `parent` and `dependsOn`.
 *
 * @example
 * ```ts
 * import { getGroupOutput } from "pulumi-turso-group";
 *
 * const group = getGroupOutput({ group: "default" });
 * export const primary = group.primary;
 * export const locations = group.locations;
 * ```
 */
export function getGroupOutput(
  args: GetGroupOutputArgs & { readonly ifExists?: false | undefined },
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetGroupResult>;
export function getGroupOutput(
  args: GetGroupOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetGroupResult | undefined>;
export function getGroupOutput(
  args: GetGroupOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetGroupResult | undefined> {
  const lookupOptions = checkOptions("getGroupOutput", opts);
  const fallback = fallbackOrganization();
  const { organization, group, expect, ifExists, tokenFrom } = args;
  if ([organization, group, expect].every(isPlain)) {
    return result(
      register(resolveArgs(args, fallback), plainLookupOptions(lookupOptions, args, fallback), "getGroupOutput"),
    );
  }
  // What is known now is checked now; the rest when known, and never thrown from inside apply.
  if (isPlain(group)) validateName("group", group);
  if (isPlain(organization) && organization !== undefined) validateName("organization", organization);
  if (isPlain(expect)) validateExpectation(expect);
  validateTokenSource(tokenFrom);
  // Taken now, in the program's order of calls: it names the lookup if it turns out secret.
  const ordinal = nextOrdinal(lookupOptions.parent);
  return whenKnown(
    pulumi.output({ organization, group, expect }),
    (known, secret) =>
      result(
        register(
          resolveArgs({ ...known, group: valueOf("group", group, known.group), ifExists, tokenFrom }, fallback, secret),
          {
            ...lookupOptions,
            secret: secret || usesSecretFallback(known, fallback),
            ordinal,
          },
          "getGroupOutput",
        ),
      ),
    (err) => result(refused(err, lookupOptions.parent)),
  );
}
