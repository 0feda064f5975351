import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { groupProvider } from "./provider/provider";
import type { ListProps, RecordedGroup } from "./provider/readList";
import type { GroupProps } from "./provider/runtime";
import type { LookupOutputs } from "./program/registry";
import type { TokenSource } from "./settings";

/** The output properties of a lookup: declared so that the read's values land on the object. */
const OUTPUTS = ["name", "locations", "primary", "uuid", "version", "deleteProtection", "archived", "found"] as const;

/** How a lookup is placed in the resource tree. */
export interface LookupPlacement {
  readonly parent?: pulumi.Resource | undefined;
  readonly dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined;
  /**
   * The inputs came from secrets: the state then names the lookup by its `ordinal` and keeps every
   * value secret.
   */
  readonly secret: boolean;
  /** A secret lookup's name and id: `secret~<ordinal>` (see `nextOrdinal`). */
  readonly ordinal?: number | undefined;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The name of a resource, from Pulumi's public helper where the SDK has it. */
function nameOf(resource: pulumi.Resource): string {
  const helper = (pulumi as { resourceName?: (r: pulumi.Resource) => string }).resourceName;
  return helper ? helper(resource) : String((resource as { __name?: string }).__name);
}

/**
 * The read of one group: a dynamic resource constructed with `opts.id`, so the engine runs the
 * provider's `read` during `pulumi preview` as well as `up`, records it in state, re-reads it on
 * `refresh` and forgets it on `destroy`. Its type is `pulumi-nodejs:dynamic/turso:Group`.
 *
 * Its id is `organization/group` (or `group`); its name is the id, prefixed with the parent's
 * name under a parent so that two components may each read the same group, and followed by
 * `@<config key>|$<variable>` when `tokenFrom` names another account's token. When an input was a
 * secret, the id is `secret~<n>`, the ordinal of the call (see `nextOrdinal`), and every property
 * is kept secret in state.
 */
export class GroupLookup extends pulumi.dynamic.Resource implements LookupOutputs {
  declare readonly name: pulumi.Output<string | null>;
  declare readonly organization: pulumi.Output<string | null>;
  declare readonly locations: pulumi.Output<string[] | null>;
  declare readonly primary: pulumi.Output<string | null>;
  declare readonly uuid: pulumi.Output<string | null>;
  declare readonly version: pulumi.Output<string | null>;
  declare readonly deleteProtection: pulumi.Output<boolean | null>;
  declare readonly archived: pulumi.Output<boolean | null>;
  declare readonly found: pulumi.Output<boolean | null>;

  constructor(props: GroupProps, placement: LookupPlacement) {
    const plainId = props.organization ? `${props.organization}/${props.group}` : props.group;
    const { id, name } = naming(plainId, props.tokenFrom, placement);
    const inputs: pulumi.Inputs = { ...props };
    if (placement.secret) for (const key of ["organization", "group"]) inputs[key] = pulumi.secret(inputs[key]);
    super(
      groupProvider,
      name,
      { ...inputs, ...Object.fromEntries(OUTPUTS.map((key) => [key, undefined])) },
      options(id, placement, ["organization", "group", ...OUTPUTS]),
      "turso",
      "Group",
    );
  }
}

/**
 * A lookup's id and name: the id is `plainId`, or `secret~<ordinal>` when an input was a secret
 * (nothing derived from the secret, which a list of guesses could confirm); the
 * name is the id, prefixed with the parent's name under a parent so that two components may each
 * read the same thing, and followed by `@<config key>|$<variable>` when `tokenFrom` names another
 * account's token (a second account's lookup is another lookup).
 */
function naming(
  plainId: string,
  tokenFrom: TokenSource | null | undefined,
  placement: LookupPlacement,
): { id: string; name: string } {
  if (placement.secret && placement.ordinal === undefined) throw new Error("a secret lookup needs its ordinal");
  // "~" is in no valid organization or group name: no plain lookup can have this id.
  const id = placement.secret ? `secret~${placement.ordinal}` : plainId;
  const from = tokenFrom
    ? `@${[tokenFrom.config, tokenFrom.env && `$${tokenFrom.env}`].filter(Boolean).join("|")}`
    : "";
  return { id, name: `${placement.parent ? `${nameOf(placement.parent)}/` : ""}${id}${from}` };
}

/** The resource options of a lookup: always a read (`id`); every property secret for secret inputs. */
function options(id: string, placement: LookupPlacement, secrets: readonly string[]): pulumi.CustomResourceOptions {
  return {
    id,
    ...(placement.parent ? { parent: placement.parent } : {}),
    ...(placement.dependsOn ? { dependsOn: placement.dependsOn } : {}),
    ...(placement.secret ? { additionalSecretOutputs: [...secrets] } : {}),
  };
}

/** What every copy of the package reads from a list lookup: its output properties. */
export interface ListLookupOutputs {
  readonly organization: pulumi.Output<string | null>;
  readonly groups: pulumi.Output<RecordedGroup[] | null>;
}

/**
 * The read of every group of an organization (or of the personal account), for `getGroups`: the
 * same provider as {@link GroupLookup}, with props of `kind: "list"`. Its type is
 * `pulumi-nodejs:dynamic/turso:Groups`; its id is the organization, or `~` for the personal
 * account (never a valid organization name); its name follows {@link GroupLookup}'s rules.
 */
export class GroupList extends pulumi.dynamic.Resource implements ListLookupOutputs {
  declare readonly organization: pulumi.Output<string | null>;
  declare readonly groups: pulumi.Output<RecordedGroup[] | null>;

  constructor(props: ListProps, placement: LookupPlacement) {
    const { id, name } = naming(props.organization ?? "~", props.tokenFrom, placement);
    // `organization` is declared even when absent, so that the read's value lands on the object.
    const inputs: pulumi.Inputs = { ...props, organization: props.organization ?? undefined };
    if (placement.secret) inputs["organization"] = pulumi.secret(inputs["organization"]);
    super(
      groupProvider,
      name,
      { ...inputs, groups: undefined },
      options(id, placement, ["organization", "groups"]),
      "turso",
      "Groups",
    );
  }
}

/**
 * The name a refused lookup is registered under: it discloses nothing of the inputs, which may be
 * secret or malformed.
 */
export function refusedLookupName(message: string): string {
  return `refused-${digest(message)}`;
}
