/**
 * The list read of `getGroups`: every group of an organization (or of the personal account) in
 * one GET, recorded sorted by name. Called by {@link ProviderRuntime.read} for props of
 * `kind: "list"`; shares its clients, its failure wrapping and its refresh rules.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Group } from "../client/parse";
import type { ScopeRef } from "../client/url";
import { TursoNotFoundError } from "../errors";
import type { TokenSource } from "../settings";
import { droppedByRefresh } from "./failure";

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
}

/** One group as a list read records it: every field present, absent ones `null`. */
export interface RecordedGroup {
  readonly name: string;
  readonly locations: string[];
  readonly primary: string;
  readonly uuid: string | null;
  readonly version: string | null;
  readonly deleteProtection: boolean | null;
  readonly archived: boolean | null;
}

/** What a list read returns: the groups, sorted by name, and the props it was read with. */
export interface ListOutputs {
  readonly kind: "list";
  readonly organization: string | null;
  readonly organizationSource: string | null;
  readonly tokenFrom: TokenSource | null;
  readonly groups: RecordedGroup[];
  /** Recorded only for a secret lookup, so that a refresh hides its organization too. */
  readonly secret?: true;
}

/** What a list read needs from the runtime. */
export interface ListSource {
  /** The groups of `scope`, one GET per scope and token per process. */
  list(scope: ScopeRef, tokenFrom: TokenSource | undefined): Promise<Group[]>;
  warn(message: string): void;
}

/** Reads every group of the scope `props` names; a refresh drops a scope that no longer exists. */
export async function readList(
  id: string,
  props: ListProps,
  source: ListSource,
): Promise<dynamic.ReadResult<ListOutputs>> {
  // The recorded outputs hold `groups`; a program's inputs never do.
  const refresh = "groups" in props;
  const scope: ScopeRef = {
    organization: props.organization ?? undefined,
    organizationSource: props.organizationSource ?? undefined,
  };
  let groups: Group[];
  try {
    groups = await source.list(scope, props.tokenFrom ?? undefined);
  } catch (err) {
    if (!(refresh && err instanceof TursoNotFoundError)) throw err;
    return droppedByRefresh<ListOutputs>(id, err, source.warn);
  }
  return {
    id,
    props: {
      kind: "list",
      organization: props.organization ?? null,
      organizationSource: props.organizationSource ?? null,
      tokenFrom: props.tokenFrom ?? null,
      groups: [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(recordedGroup),
      ...(props.secret === true ? { secret: true as const } : {}),
    },
  };
}

/** One group as a read records it: every field present, absent optional ones `null`. */
export function recordedGroup(group: Group): RecordedGroup {
  return {
    name: group.name,
    locations: [...group.locations],
    primary: group.primary,
    uuid: group.uuid ?? null,
    version: group.version ?? null,
    deleteProtection: group.deleteProtection ?? null,
    archived: group.archived ?? null,
  };
}
