/**
 * The flat props of the provider contracts before 2 (0.1.0 and the 0.2.0 development line): every
 * input and every field of the group as its own property. Programs no longer write them, but a
 * refresh of a stack those versions wrote reads them, and must record exactly the fields they had:
 * a field added since would show as a change on an unchanged group (a false drift after an upgrade).
 */
import { nullFilled } from "../../core/client/group";
import type { Group } from "../../core/client/parse";
import type { PlacementExpectation } from "../../core/placement";
import type { TokenSource } from "../../core/settings";
import { legacyListOutputs, recordedGroup, type ListOutputs, type ListProps, type RecordedGroup } from "./readList";
import type { GroupProps } from "./readGroup";

/**
 * What a read returns: the group, in the shape of `GetGroupResult`, plus the props it was read
 * with. Absent optional fields are `null`, not missing: during a preview the SDK treats a missing
 * output as unknown, which would make the whole result unknown. An `ifExists` lookup of a missing
 * group has `found: false` and every group field `null`.
 */
export type GroupOutputs = { readonly [K in keyof RecordedGroup]: RecordedGroup[K] | null } & {
  readonly group: string;
  readonly organization: string | null;
  readonly found: boolean;
  readonly expect: PlacementExpectation | null;
  readonly ifExists: boolean | null;
  readonly organizationSource: string | null;
  readonly tokenFrom: TokenSource | null;
};

/** What a flat read needs from the runtime: the group or the groups, `refresh` when the props are recorded outputs. */
export interface FlatSource {
  group(props: GroupProps, refresh: boolean): Promise<Group | undefined>;
  list(props: ListProps, refresh: boolean): Promise<Group[]>;
}

/** Reads flat props: a program's read answers every field; a refresh answers the fields it recorded. */
export async function readFlat(
  id: string,
  props: GroupProps | ListProps,
  source: FlatSource,
): Promise<GroupOutputs | ListOutputs> {
  let outputs: GroupOutputs | ListOutputs;
  let refresh: boolean;
  if ("kind" in props && props.kind === "list") {
    // The recorded outputs hold `groups`; a program's inputs never do.
    refresh = "groups" in props;
    outputs = legacyListOutputs(props, await source.list(props, refresh));
  } else {
    const group = props as GroupProps;
    // The recorded outputs hold `primary` (every version wrote it); a program's inputs never do.
    refresh = "primary" in group || "found" in group;
    outputs = recorded(group, await source.group(group, refresh));
  }
  if (!refresh) return outputs;
  const kept = Object.entries(outputs).filter(([key]) => key in props);
  return Object.fromEntries(kept) as unknown as GroupOutputs | ListOutputs;
}

/** The group fields of an absent `ifExists` group. */
const ABSENT = nullFilled({}) as { readonly [K in keyof RecordedGroup]: null };

/** The outputs a read records: the group (or its absence) and the props it was read with. */
function recorded(props: GroupProps, group: Group | undefined): GroupOutputs {
  return {
    group: props.group,
    organization: props.organization ?? null,
    ...(group === undefined ? ABSENT : recordedGroup(group)),
    found: group !== undefined,
    expect: props.expect ?? null,
    ifExists: props.ifExists ?? null,
    organizationSource: props.organizationSource ?? null,
    tokenFrom: props.tokenFrom ?? null,
  };
}
