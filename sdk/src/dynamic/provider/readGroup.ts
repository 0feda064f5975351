/**
 * The group read of `getGroup`: one group of an organization (or of the personal account), its
 * `expect` checked. Called by {@link ProviderRuntime.read} for a group lookup's props, as
 * `readList.ts` is for a list's; shares its clients, its failure wrapping and its refresh rules.
 */
import type { Group } from "../../core/client/parse";
import type { ScopeRef } from "../../core/client/url";
import { TursoNotFoundError } from "../../core/errors";
import type { Hiding } from "../../core/lookup/lookups";
import type { GroupQuery } from "../../core/lookup/query";
import type { PlacementExpectation } from "../../core/placement";
import type { TokenSource } from "../../core/settings";
import { DroppedByRefresh } from "./failure";

/** The properties a group lookup records in state (never the token). Contract: see provider.ts. */
export interface GroupProps {
  readonly organization?: string | null;
  readonly group: string;
  readonly expect?: PlacementExpectation | null;
  /** A missing group is an absent result (`found: false`) instead of a failure. */
  readonly ifExists?: boolean | null;
  /**
   * Where the organization's name came from when it was not an argument, for messages:
   * `stack config "turso:organization"` or `environment variable TURSO_ORGANIZATION`.
   */
  readonly organizationSource?: string | null;
  /** The program refused this lookup after the call (an input that was an Output): the reason. */
  readonly refuse?: string | null;
  /** Where the token is when not in `turso:apiToken` / `TURSO_API_TOKEN`: names only, never the token. */
  readonly tokenFrom?: TokenSource | null;
  /** The inputs were secrets: no message or log line of the read names the organization or group. */
  readonly secret?: boolean | null;
  /** The lookup's name, when it is not its id (under a parent, or with `tokenFrom`): for messages. */
  readonly label?: string | null;
}

/** What a group read needs from the runtime: the core's group lookup, and where warnings go. */
export interface GroupSource {
  group(query: GroupQuery, hiding: Hiding | undefined, refresh: boolean): Promise<Group | undefined>;
  warn(message: string): void;
}

/**
 * The group `props` names, or undefined for an absent `ifExists` group: the core's lookup, whose
 * names are hidden for a secret lookup. A refresh drops a group (or organization) that no longer
 * exists from state ({@link DroppedByRefresh}).
 */
export async function readGroup(
  id: string,
  props: GroupProps,
  refresh: boolean,
  source: GroupSource,
): Promise<Group | undefined> {
  const scope: ScopeRef = {
    ...(props.organization == null ? {} : { organization: props.organization }),
    ...(props.organizationSource == null ? {} : { organizationSource: props.organizationSource }),
  };
  const query: GroupQuery = {
    scope,
    ref: { ...scope, group: props.group },
    tokenFrom: props.tokenFrom ?? undefined,
    expect: props.expect ?? undefined,
    ifExists: props.ifExists === true,
  };
  const hiding = props.secret === true ? { names: [scope.organization, props.group] } : undefined;
  try {
    return await source.group(query, hiding, refresh);
  } catch (err) {
    if (refresh && err instanceof TursoNotFoundError) throw new DroppedByRefresh(props.label ?? id, err, source.warn);
    throw err;
  }
}
