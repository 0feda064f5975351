import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { groupProvider } from "./provider/provider";
import type { GroupProps } from "./provider/runtime";
import type { LookupOutputs } from "./program/registry";

/** The output properties of a lookup: declared so that the read's values land on the object. */
const OUTPUTS = ["name", "locations", "primary", "uuid", "version", "deleteProtection", "archived", "found"] as const;

/** How a lookup is placed in the resource tree. */
export interface LookupPlacement {
  readonly parent?: pulumi.Resource | undefined;
  readonly dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined;
  /** The inputs came from secrets: the state then names the lookup by a digest and keeps every value secret. */
  readonly secret: boolean;
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
 * secret, id and name are a digest instead, and every property is kept secret in state.
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
    const id = placement.secret ? `secret-${digest(plainId)}` : plainId;
    // A second account's lookup of the same group is another lookup: named after its token's place.
    const from = props.tokenFrom
      ? `@${[props.tokenFrom.config, props.tokenFrom.env && `$${props.tokenFrom.env}`].filter(Boolean).join("|")}`
      : "";
    const name = `${placement.parent ? `${nameOf(placement.parent)}/` : ""}${id}${from}`;
    const inputs: pulumi.Inputs = { ...props };
    if (placement.secret) for (const key of ["organization", "group"]) inputs[key] = pulumi.secret(inputs[key]);
    super(
      groupProvider,
      name,
      { ...inputs, ...Object.fromEntries(OUTPUTS.map((key) => [key, undefined])) },
      {
        id,
        ...(placement.parent ? { parent: placement.parent } : {}),
        ...(placement.dependsOn ? { dependsOn: placement.dependsOn } : {}),
        ...(placement.secret ? { additionalSecretOutputs: ["organization", "group", ...OUTPUTS] } : {}),
      },
      "turso",
      "Group",
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
