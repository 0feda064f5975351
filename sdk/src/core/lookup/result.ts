/**
 * The results both fronts give (the dynamic data source and the plugin's invokes): a group with
 * its regions, and a location with its region, built in one place from what the core returns.
 */
import { presentFields, type Group, type GroupField } from "../client/group";
import { regionOf, type LocationRegion } from "../regions";

/** A Turso group, as read during `pulumi preview` and `pulumi up`. */
export interface GetGroupResult {
  /** The group's name. */
  readonly name: string;
  /** The organization it was looked up in; absent for a personal-account lookup. */
  readonly organization?: string;
  /** Every location of the group, the primary included (e.g. `["fra", "ams"]`). */
  readonly locations: string[];
  /** The primary location (e.g. `"fra"` or `"aws-eu-west-1"`). */
  readonly primary: string;
  /** The group's UUID, when the API returns it. */
  readonly uuid?: string;
  /** The group's libSQL server version (deprecated by Turso), when returned. */
  readonly version?: string;
  /** Whether the group is protected from deletion, when returned. */
  readonly deleteProtection?: boolean;
  /** Whether the group is archived, as the API sends it (the emulator always does). */
  readonly archived?: boolean;
  /**
   * Where the primary location runs, in its cloud's words: {@link regionOf} of `primary`
   * (e.g. `{ cloud: "aws", region: "eu-west-1" }`). Computed by the program, not stored in state.
   */
  readonly primaryRegion: LocationRegion;
  /** {@link regionOf} of each of `locations`, in the same order. */
  readonly locationRegions: LocationRegion[];
}

/** A group's fields as a read records them: absent ones `null` (or missing, in older states). */
export type RecordedFields = Pick<Group, "name" | "locations" | "primary"> & {
  readonly [K in Exclude<GroupField, "name" | "locations" | "primary">]?: Group[K] | null | undefined;
} & { readonly organization?: string | null | undefined };

/** The result for a recorded group, with its regions: the one place results of both reads are built. */
export function groupResult(fields: RecordedFields): GetGroupResult {
  const { locations, primary, organization } = fields;
  return {
    ...presentFields(fields),
    ...(organization === undefined || organization === null ? {} : { organization }),
    locations: [...locations],
    primaryRegion: regionOf(primary),
    locationRegions: locations.map(regionOf),
  } as GetGroupResult;
}

/**
 * A group field added to the table (client/group.ts) must be added to {@link GetGroupResult} too,
 * with its description: this fails to compile until it is.
 */
type ResultHasEveryField = Exclude<GroupField, keyof GetGroupResult> extends never ? true : never;
const resultHasEveryField: ResultHasEveryField = true;
void resultHasEveryField;

/** One location the Turso API offers. */
export interface LocationResult {
  /** The location code, as a group's `primary` and `locations` name it (e.g. `"aws-us-east-1"`, `"fra"`). */
  readonly code: string;
  /** The API's description of it (e.g. `"Frankfurt, Germany"`). */
  readonly description: string;
  /** {@link regionOf} of `code`: where it runs, in its cloud's words. Computed, not stored. */
  readonly region: LocationRegion;
}

/** A location the API offers, with its region. */
export function locationResult(location: { readonly code: string; readonly description: string }): LocationResult {
  return { code: location.code, description: location.description, region: regionOf(location.code) };
}
