/**
 * The group read of `getGroup`: one group of an organization (or of the personal account), its
 * `expect` checked. Called by {@link ProviderRuntime.read} for a group lookup's props, as
 * `readList.ts` is for a list's; shares its clients, its failure wrapping and its refresh rules.
 */
import type { Group } from "../../core/client/parse";
import type { GroupRef } from "../../core/client/url";
import { TursoNotFoundError } from "../../core/errors";
import { checkPlacement, type PlacementExpectation } from "../../core/placement";
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

/** What a group read needs from the runtime. */
export interface GroupSource {
  /**
   * The group `ref` names, one GET per group and token per process; with `suggest`, a missing
   * group's error names a group a letter or two away.
   */
  group(ref: GroupRef, tokenFrom: TokenSource | undefined, suggest: boolean): Promise<Group>;
  warn(message: string): void;
}

/** The group `props` names, or undefined for an absent `ifExists` group; `expect` checked unless `refresh`. */
export async function readGroup(
  id: string,
  props: GroupProps,
  refresh: boolean,
  source: GroupSource,
): Promise<Group | undefined> {
  const ref: GroupRef = {
    organization: props.organization ?? undefined,
    group: props.group,
    organizationSource: props.organizationSource ?? undefined,
  };
  let group: Group | undefined;
  try {
    // A secret lookup's error names no other group of the organization; an ifExists one, or a
    // refresh, shows none.
    const suggest = props.secret !== true && props.ifExists !== true && !refresh;
    group = await source.group(ref, props.tokenFrom ?? undefined, suggest);
  } catch (err) {
    if (!(err instanceof TursoNotFoundError)) throw err;
    if (props.ifExists === true && err.missing === "group") return undefined;
    if (refresh) throw new DroppedByRefresh(props.label ?? id, err, source.warn);
    throw err;
  }
  if (!refresh) checkPlacement(ref, group, props.expect ?? undefined);
  return group;
}
