import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named by the TSDoc {@link} below
import type { TursoInputError } from "../core/errors";
import { groupResult, type GetGroupResult, type RecordedFields } from "../core/lookup/result";
import {
  checkOptions,
  fallbackOrganization,
  isPlain,
  plainLookupOptions,
  usesSecretFallback,
  whenKnown,
} from "./program/toolkit";
import { nextOrdinal } from "./program/registry";
import { refusedList, registerList, resolveListArgs } from "./program/list";
import type { ListLookupOutputs } from "./resource";
import { validateTokenSource, type TokenSource } from "../core/settings";

/** Arguments of {@link getGroups}. */
export interface GetGroupsArgs {
  /**
   * The organization's slug. When omitted: stack config `turso:organization`, else the
   * `TURSO_ORGANIZATION` variable; when none is set, the groups of your personal account.
   */
  readonly organization?: string | undefined;
  /**
   * Where this lookup's token is, for a second Turso account: as `getGroup`'s `tokenFrom`, a stack
   * config key and/or an environment variable read in the provider process. Only the names are
   * stored in state.
   * @default `{ config: "turso:apiToken", env: "TURSO_API_TOKEN" }`
   */
  readonly tokenFrom?: TokenSource | undefined;
}

/** Arguments of {@link getGroupsOutput}: those of {@link getGroups}, the organization as a Pulumi input. */
export interface GetGroupsOutputArgs {
  /** See {@link GetGroupsArgs.organization}. */
  readonly organization?: pulumi.Input<string | undefined> | undefined;
  /** See {@link GetGroupsArgs.tokenFrom}. */
  readonly tokenFrom?: TokenSource | undefined;
}

/** Every group of an organization (or of the personal account), as read during `pulumi preview` and `pulumi up`. */
export interface GetGroupsResult {
  /** The organization they were looked up in; absent for the personal account. */
  readonly organization?: string;
  /** The groups, sorted by name, each as `getGroup` returns it (regions included). */
  readonly groups: GetGroupResult[];
}

/** The result of a list lookup's read (one registered by a copy of contract 1 included). */
function result(read: ListLookupOutputs): pulumi.Output<GetGroupsResult> {
  type Fields = { organization: string | null | undefined; groups: readonly RecordedFields[] | null };
  const fields: pulumi.Output<Fields> =
    "lookup" in read
      ? read.lookup.apply((l) => ({ organization: l.organization, groups: l.result ?? [] }))
      : pulumi.all([read.organization, read.groups]).apply(([organization, groups]) => ({ organization, groups }));
  return fields.apply(({ organization, groups }) => ({
    ...(organization === null || organization === undefined ? {} : { organization }),
    groups: (groups ?? []).map((g) => groupResult({ ...g, organization })),
  }));
}

/**
 * Reads every group of an organization, or of your personal account, during `pulumi preview` and
 * `pulumi up`: one request (`GET /v1/organizations/{organization}/groups`, or `GET /v1/groups`)
 * and one read per organization, however many groups it has and however often it is called.
 *
 * Settings, token, retries and errors are those of `getGroup`: a bad argument throws a
 * {@link TursoInputError} at the call; an unknown organization, a rejected token or an outage fail
 * the preview. `opts` takes `parent`; for `dependsOn` use {@link getGroupsOutput}.
 *
 * @example
 * ```ts
 * import { getGroups } from "pulumi-turso-group";
 *
 * const { groups } = await getGroups({ organization: "acme" });
 * for (const group of groups) console.log(group.name, group.primary, group.primaryRegion);
 * ```
 */
export function getGroups(args: GetGroupsArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetGroupsResult> {
  const lookupOptions = checkOptions("getGroups", opts);
  const fallback = fallbackOrganization();
  const read = registerList(
    resolveListArgs(args, fallback),
    plainLookupOptions(lookupOptions, args, fallback),
    "getGroups",
  );
  // Output.promise() is the SDK's own bridge from an Output to a Promise.
  return (result(read) as unknown as { promise(): Promise<GetGroupsResult> }).promise();
}

/**
 * {@link getGroups} for Pulumi inputs: while the organization is unknown (during a preview, from a
 * resource not yet created) the result is unknown and no request is made. A secret organization
 * makes the result secret and keeps it out of the state in plain text. `opts` takes `parent` and
 * `dependsOn`.
 *
 * @example
 * ```ts
 * import { getGroupsOutput } from "pulumi-turso-group";
 *
 * const acme = getGroupsOutput({ organization: "acme" });
 * export const names = acme.groups.apply((groups) => groups.map((g) => g.name));
 * export const primaries = acme.groups.apply((groups) => groups.map((g) => g.primary));
 * ```
 */
export function getGroupsOutput(
  args: GetGroupsOutputArgs = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetGroupsResult> {
  const lookupOptions = checkOptions("getGroupsOutput", opts);
  const fallback = fallbackOrganization();
  const { organization, tokenFrom } = args;
  if (isPlain(organization)) {
    return result(
      registerList(
        resolveListArgs(args, fallback),
        plainLookupOptions(lookupOptions, args, fallback),
        "getGroupsOutput",
      ),
    );
  }
  // As getGroupOutput: checked when known, and a refused read instead of a throw inside apply.
  validateTokenSource(tokenFrom);
  const ordinal = nextOrdinal(lookupOptions.parent);
  return whenKnown(
    pulumi.output(organization),
    (known, secret) =>
      result(
        registerList(
          resolveListArgs({ organization: known, tokenFrom }, fallback, secret),
          {
            ...lookupOptions,
            secret: secret || usesSecretFallback({ organization: known }, fallback),
            ordinal,
          },
          "getGroupsOutput",
        ),
      ),
    (err) => result(refusedList(err, lookupOptions.parent)),
  );
}
