/**
 * The list read of `getGroups`: every group of an organization (or of the personal account) in
 * one GET, recorded sorted by name. Called by {@link ProviderRuntime.read} for props of
 * `kind: "list"`; shares its clients, its failure wrapping and its refresh rules.
 */
import { nullFilled } from "../../core/client/group";
import type { Group } from "../../core/client/parse";
import type { ScopeRef } from "../../core/client/url";
import { TursoNotFoundError } from "../../core/errors";
import type { Hiding } from "../../core/lookup/lookups";
import type { ScopeQuery } from "../../core/lookup/query";
import type { TokenSource } from "../../core/settings";
import { DroppedByRefresh } from "./failure";

/** The properties a list lookup records in state (never the token). */
export interface ListProps {
  readonly kind: "list";
  readonly organization?: string | null;
  /** Where the organization's name came from when it was not an argument, for messages. */
  readonly organizationSource?: string | null;
  /** Where the token is when not in `turso:apiToken` / `TURSO_API_TOKEN`: names only. */
  readonly tokenFrom?: TokenSource | null;
  /** The program refused this lookup after the call: the reason. */
  readonly refuse?: string | null;
  /** The organization was a secret: no message or log line of the read names it. */
  readonly secret?: boolean | null;
  /** The lookup's name, when it is not its id (under a parent, or with `tokenFrom`): for messages. */
  readonly label?: string | null;
}

/** One group as a list read records it: every field present, absent ones `null`. */
export type RecordedGroup = {
  readonly [K in keyof Required<Group>]: undefined extends Group[K] ? Exclude<Group[K], undefined> | null : Group[K];
};

/** What a list read returns: the groups, sorted by name, and the props it was read with. */
export interface ListOutputs {
  readonly kind: "list";
  readonly organization: string | null;
  readonly organizationSource: string | null;
  readonly tokenFrom: TokenSource | null;
  readonly groups: RecordedGroup[];
}

/** What a list read needs from the runtime: the core's list lookup, and where warnings go. */
export interface ListSource {
  /** The groups of the scope, sorted by name, one GET per scope and token per process. */
  groups(query: ScopeQuery, hiding: Hiding | undefined): Promise<Group[]>;
  warn(message: string): void;
}

/**
 * Every group of the scope `props` names, sorted by name; a refresh (`refresh`) drops a scope that
 * no longer exists ({@link DroppedByRefresh}).
 */
export async function listGroups(id: string, props: ListProps, refresh: boolean, source: ListSource): Promise<Group[]> {
  const scope: ScopeRef = {
    organization: props.organization ?? undefined,
    organizationSource: props.organizationSource ?? undefined,
  };
  const hiding = props.secret === true ? { names: [scope.organization] } : undefined;
  try {
    return await source.groups({ scope, tokenFrom: props.tokenFrom ?? undefined }, hiding);
  } catch (err) {
    if (!(refresh && err instanceof TursoNotFoundError)) throw err;
    throw new DroppedByRefresh(props.label ?? id, err, source.warn);
  }
}

/** The outputs of a list lookup of an earlier contract (flat props): its props and every group, nulls included. */
export function legacyListOutputs(props: ListProps, groups: readonly Group[]): ListOutputs {
  return {
    kind: "list",
    organization: props.organization ?? null,
    organizationSource: props.organizationSource ?? null,
    tokenFrom: props.tokenFrom ?? null,
    groups: groups.map(recordedGroup),
  };
}

/** One group as a read records it: every field present, absent optional ones `null`. */
export function recordedGroup(group: Group): RecordedGroup {
  return { ...nullFilled(group), locations: [...group.locations] } as RecordedGroup;
}
