import * as pulumi from "@pulumi/pulumi";
import { groupProvider } from "./provider/provider";
import type { GroupProps } from "./provider/runtime";

/** Options of a lookup: those resource options that make sense for a read. */
export interface GetGroupOptions {
  /** The component the lookup belongs to in the resource tree. */
  readonly parent?: pulumi.Resource;
  /** Resources that must exist before the lookup runs. */
  readonly dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}

/**
 * The read of one group: a dynamic resource constructed with `opts.id`, so the engine runs the
 * provider's `read` during `pulumi preview` as well as `up`, records it in state, re-reads it on
 * `refresh` and forgets it on `destroy`. Its type is `pulumi-nodejs:dynamic/turso:Group`.
 */
export class GroupLookup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly organization: pulumi.Output<string | null>;
  declare readonly locations: pulumi.Output<string[]>;
  declare readonly primary: pulumi.Output<string>;
  declare readonly uuid: pulumi.Output<string | null>;
  declare readonly version: pulumi.Output<string | null>;
  declare readonly deleteProtection: pulumi.Output<boolean | null>;
  declare readonly archived: pulumi.Output<boolean | null>;

  constructor(props: GroupProps, opts: GetGroupOptions = {}) {
    const id = props.organization === undefined ? props.group : `${props.organization}/${props.group}`;
    super(
      groupProvider,
      id,
      {
        ...props,
        // Output properties: declared here so that the read's values land on this object.
        name: undefined,
        locations: undefined,
        primary: undefined,
        uuid: undefined,
        version: undefined,
        deleteProtection: undefined,
        archived: undefined,
      },
      { ...opts, id },
      "turso",
      "Group",
    );
  }
}
