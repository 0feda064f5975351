/**
 * The provider plugin's functions, typed, for a TypeScript program that uses the `turso-group`
 * plugin (no state per lookup) instead of the data source: each is Pulumi's `invokeOutput` of the
 * function's token, as a generated Node.js SDK would write it, with the argument and result types
 * of the data source. The program names the plugin as any plugin program does (`plugins.providers`
 * in `Pulumi.yaml`, or the plugin installed); settings are `turso-group:*` config.
 *
 * @example
 * ```ts
 * import { getGroupOutput } from "pulumi-turso-group/plugin";
 *
 * const group = getGroupOutput({ group: "default" });
 * export const primary = group.primary; // "fra"
 * ```
 * @packageDocumentation
 */
import * as pulumi from "@pulumi/pulumi";
import type { GetGroupResult, LocationResult } from "../core/lookup/result";
import type { PlacementExpectation } from "../core/placement";
import type { TokenSource } from "../core/settings";

/** The plugin's package name: its functions are `turso-group:index:<name>`. */
const PACKAGE = "turso-group";

/** Where to look: an organization (else `turso-group:organization`, else the personal account), and whose token. */
export interface PluginScopeArgs {
  /** The organization's slug; a secret Output keeps the results secret. */
  readonly organization?: pulumi.Input<string>;
  /** Where another account's token is: a `turso-group:*` config key and/or an environment variable. */
  readonly tokenFrom?: TokenSource;
}

/** What `getGroupOutput` and `findGroupOutput` take. */
export interface PluginGroupArgs extends PluginScopeArgs {
  /** The group's name. */
  readonly group: pulumi.Input<string>;
  /** Where the group must be; a group placed otherwise fails the preview. */
  readonly expect?: pulumi.Input<PlacementExpectation>;
}

/** What `findGroupOutput` returns: whether the group exists, and the group when it does. */
export interface FindGroupResult {
  /** Whether the group exists. */
  readonly found: boolean;
  /** The group, when it exists. */
  readonly group?: GetGroupResult;
}

/** What `getGroupsOutput` returns: the organization (absent for the personal account) and its groups, by name. */
export interface PluginGroupsResult {
  /** The organization; absent for the personal account. */
  readonly organization?: string;
  /** Its groups, sorted by name. */
  readonly groups: GetGroupResult[];
}

/** What `getLocationsOutput` returns. */
export interface PluginLocationsResult {
  /** Every location the API offers, sorted by code. */
  readonly locations: LocationResult[];
}

function invoke<T>(name: string, args: object, opts: pulumi.InvokeOutputOptions | undefined): pulumi.Output<T> {
  return pulumi.runtime.invokeOutput<T>(`${PACKAGE}:index:${name}`, { ...args }, opts);
}

/**
 * The plugin's `getGroup`: the group, its placement checked; a group that does not exist fails.
 *
 * @example
 * ```ts
 * const prod = getGroupOutput({ organization: "acme", group: "prod" });
 * ```
 */
export function getGroupOutput(
  args: PluginGroupArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetGroupResult> {
  return invoke("getGroup", args, opts);
}

/**
 * The plugin's `findGroup`: as {@link getGroupOutput}, but a group that does not exist gives
 * `found: false` instead of failing.
 *
 * @example
 * ```ts
 * const staging = findGroupOutput({ organization: "acme", group: "staging" });
 * export const stagingPrimary = staging.apply((s) => s.group?.primary ?? "none");
 * ```
 */
export function findGroupOutput(
  args: PluginGroupArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<FindGroupResult> {
  return invoke("findGroup", args, opts);
}

/**
 * The plugin's `getGroups`: every group of the organization (or of the personal account), by name.
 *
 * @example
 * ```ts
 * const names = getGroupsOutput({ organization: "acme" }).groups.apply((gs) => gs.map((g) => g.name));
 * ```
 */
export function getGroupsOutput(
  args: PluginScopeArgs = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<PluginGroupsResult> {
  return invoke("getGroups", args, opts);
}

/**
 * The plugin's `getLocations`: every location the API offers, by code, each with its region.
 *
 * @example
 * ```ts
 * const codes = getLocationsOutput().locations.apply((ls) => ls.map((l) => l.code));
 * ```
 */
export function getLocationsOutput(
  args: Pick<PluginScopeArgs, "tokenFrom"> = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<PluginLocationsResult> {
  return invoke("getLocations", args, opts);
}
