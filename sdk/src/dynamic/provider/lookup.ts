/**
 * A lookup's props under provider contract 2: one property, `lookup`. In the inputs it holds the
 * query the program asked for (a group's {@link GroupProps} or a list's {@link ListProps}); in the
 * outputs the same query and the read's `result`, stored once and with absent fields left out. The
 * program then resolves one output per lookup instead of one per field.
 */
import { presentFields } from "../../core/client/group";
import type { Group, Location } from "../../core/client/parse";
import type { TokenSource } from "../../core/settings";
import type { ListProps } from "./readList";
import type { GroupProps } from "./readGroup";

/**
 * The provider contract this copy writes and its runtime speaks (see provider.ts). Raise it when
 * a lookup's props gain a meaning that an older runtime would ignore.
 */
export const CONTRACT = 2;

/** A group as contract 2 stores it: the API's fields, absent ones left out. */
export type StoredGroup = Group;

/** A group lookup's `lookup`: `result` is the group, `null` for an absent `ifExists` group, missing before the read. */
export type GroupQuery = GroupProps & { readonly result?: StoredGroup | null };

/** A list lookup's `lookup`: `result` is every group, sorted by name, missing before the read. */
export type ListQuery = ListProps & { readonly result?: StoredGroup[] };

/** The query of a `getLocations` lookup: every location the API offers, with which token. */
export interface LocationsProps {
  readonly kind: "locations";
  /** Where the token is when not in `turso:apiToken` / `TURSO_API_TOKEN`: names only. */
  readonly tokenFrom?: TokenSource | null;
  /** The lookup's name, when it is not its id (under a parent, or with `tokenFrom`): for messages. */
  readonly label?: string | null;
  /** Never set: a locations lookup has no organization (the shape every query shares). */
  readonly organization?: undefined;
  readonly secret?: undefined;
  readonly refuse?: undefined;
}

/** A locations lookup's `lookup`: `result` is every location, sorted by code, missing before the read. */
export type LocationsQuery = LocationsProps & { readonly result?: Location[] };

/** Any contract-2 query. */
export type AnyQuery = GroupQuery | ListQuery | LocationsQuery;

/** The props of a contract-2 lookup (besides `__provider`). */
export interface LookupProps<Q extends AnyQuery = AnyQuery> {
  readonly lookup: Q;
}

/** Whether `props` are a contract-2 lookup's (earlier contracts stored flat props). */
export function isLookupProps(props: object): props is LookupProps {
  const lookup = (props as { lookup?: unknown }).lookup;
  return typeof lookup === "object" && lookup !== null;
}

/** A group as contract 2 stores it. */
export function stored(group: Group): StoredGroup {
  return { ...presentFields(group), locations: [...group.locations] } as StoredGroup;
}
