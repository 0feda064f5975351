import * as pulumi from "@pulumi/pulumi";
import { validateName } from "./client/validate";
import { TursoInputError } from "./errors";
import { validateExpectation, type PlacementExpectation } from "./placement";
import { GroupLookup, type GetGroupOptions } from "./resource";
import { resolveOrganization, type ConfigLookup } from "./settings";

export type { GetGroupOptions } from "./resource";

/** Arguments of {@link getGroup}. */
export interface GetGroupArgs {
  /**
   * The organization's slug. When omitted: stack config `turso:organization`, else the
   * `TURSO_ORGANIZATION` variable; when none is set, the group of your personal account.
   */
  readonly organization?: string;
  /** The group's name, as `turso group list` shows it. */
  readonly group: string;
  /** Where the group must be; a group placed otherwise fails the preview. */
  readonly expect?: PlacementExpectation;
}

/** Arguments of {@link getGroupOutput}: those of {@link getGroup}, as Pulumi inputs. */
export interface GetGroupOutputArgs {
  /** See {@link GetGroupArgs.organization}. */
  readonly organization?: pulumi.Input<string>;
  /** See {@link GetGroupArgs.group}. */
  readonly group: pulumi.Input<string>;
  /** See {@link GetGroupArgs.expect}. */
  readonly expect?: PlacementExpectation;
}

/** A Turso group, as read during `pulumi preview` and `pulumi up`. */
export interface GetGroupResult {
  /** The group's name. */
  readonly name: string;
  /** The organization it was looked up in; absent for a personal-account lookup. */
  readonly organization?: string;
  /** Every location of the group, the primary included (e.g. `["fra", "ams"]`). */
  readonly locations: readonly string[];
  /** The primary location (e.g. `"fra"` or `"aws-eu-west-1"`). */
  readonly primary: string;
  /** The group's UUID, when the API returns it. */
  readonly uuid?: string;
  /** The group's libSQL server version (deprecated by Turso), when returned. */
  readonly version?: string;
  /** Whether the group is protected from deletion, when returned. */
  readonly deleteProtection?: boolean;
  /** Whether the group is archived (an older field), when returned. */
  readonly archived?: boolean;
}

const programConfig: ConfigLookup = (key) => {
  const [namespace = "", name = ""] = key.split(":");
  return new pulumi.Config(namespace).get(name);
};

/** One read per group per program: asking again returns the same lookup (and costs no request). */
const lookups = new Map<string, { read: GroupLookup; expect: string }>();

function lookup(args: GetGroupArgs, opts: GetGroupOptions | undefined): GroupLookup {
  const group = validateName("group", args.group);
  const organization = resolveOrganization(args.organization, programConfig, process.env);
  const expect = validateExpectation(args.expect);
  const key = JSON.stringify([organization ?? null, group]);
  const expectKey = JSON.stringify(expect ?? null);
  const found = lookups.get(key);
  if (found !== undefined) {
    if (found.expect !== expectKey) {
      throw new TursoInputError(
        "expect",
        "one expectation per group",
        `expect differs from an earlier getGroup of the same group "${group}": give every lookup of a group the same expect.`,
      );
    }
    return found.read;
  }
  const read = new GroupLookup(
    { group, ...(organization === undefined ? {} : { organization }), ...(expect === undefined ? {} : { expect }) },
    opts,
  );
  lookups.set(key, { read, expect: expectKey });
  return read;
}

function result(read: GroupLookup): pulumi.Output<GetGroupResult> {
  return pulumi
    .all([
      read.name,
      read.organization,
      read.locations,
      read.primary,
      read.uuid,
      read.version,
      read.deleteProtection,
      read.archived,
    ])
    .apply(([name, organization, locations, primary, uuid, version, deleteProtection, archived]) => {
      const optional = { organization, uuid, version, deleteProtection, archived };
      const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== null));
      return { name, locations, primary, ...present } as GetGroupResult;
    });
}

/**
 * Looks up a Turso group during `pulumi preview` and `pulumi up`.
 *
 * The lookup calls the Turso Platform API with the token from stack config `turso:apiToken` or
 * `TURSO_API_TOKEN`, read in the provider process only: it never lands in state or logs.
 *
 * @example
 * ```ts
 * import { getGroup } from "pulumi-turso-group";
 *
 * const group = await getGroup({ organization: "acme", group: "prod" });
 * console.log(group.primary, group.locations);
 * ```
 */
export function getGroup(args: GetGroupArgs, opts?: GetGroupOptions): Promise<GetGroupResult> {
  try {
    const output = result(lookup(args, opts));
    // Output.promise() is the SDK's own bridge from an Output to a Promise.
    return (output as unknown as { promise(): Promise<GetGroupResult> }).promise();
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * {@link getGroup} for Pulumi inputs: the lookup waits for its inputs; while they are unknown
 * (during a preview, from resources not yet created) its result is unknown and no request is made.
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
export function getGroupOutput(args: GetGroupOutputArgs, opts?: GetGroupOptions): pulumi.Output<GetGroupResult> {
  // Plain values are checked now, so a bad argument fails the program at once, at this call.
  if (typeof args.group === "string") validateName("group", args.group);
  if (typeof args.organization === "string") validateName("organization", args.organization);
  validateExpectation(args.expect);
  const expect = args.expect === undefined ? {} : { expect: args.expect };
  return pulumi
    .output({ organization: args.organization, group: args.group })
    .apply((plain) =>
      result(
        lookup(
          plain.organization === undefined
            ? { group: plain.group, ...expect }
            : { organization: plain.organization, group: plain.group, ...expect },
          opts,
        ),
      ),
    );
}
