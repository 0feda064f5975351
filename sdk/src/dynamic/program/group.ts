/**
 * A `getGroup` call in the program: its arguments checked at the call (with the toolkit's shared
 * checks), then the lookup registered, or shared with an equal one of this run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describeRef } from "../../core/client/url";
import { TursoError } from "../../core/errors";
import { groupQuery } from "../../core/lookup/query";
import type { DefaultOrganization } from "../../core/settings";
import type { GroupProps } from "../provider/readGroup";
import { GroupLookup, refusedLookupName, type LookupOptions } from "../resource";
import { shareLookup, type LookupOutputs } from "./registry";
import { scopeProps, type PlainArgs } from "./toolkit";

/**
 * Checks known arguments; throws {@link TursoInputError} naming the argument and its source, and
 * quoting nothing of them when they came from a `secret` input.
 */
export function resolveArgs(args: PlainArgs, fallback: DefaultOrganization | undefined, secret = false): GroupProps {
  const query = groupQuery(args, fallback, secret);
  return {
    group: query.ref.group,
    ...scopeProps(query),
    ...(query.expect === undefined ? {} : { expect: query.expect }),
    ...(query.ifExists ? { ifExists: true } : {}),
  };
}

/** Registers the lookup of `props` in this run, or returns the one already there; `fn` is the call's function. */
export function register(
  props: GroupProps,
  lookupOptions: LookupOptions,
  fn: "getGroup" | "getGroupOutput",
): LookupOutputs {
  const ref = { group: props.group, organization: props.organization ?? undefined };
  return shareLookup(
    {
      key: JSON.stringify([ref.organization ?? null, ref.group, props.tokenFrom ?? null]),
      parent: lookupOptions.parent,
      terms: JSON.stringify({ expect: props.expect ?? null, ifExists: props.ifExists ?? false }),
      dependsOn: lookupOptions.dependsOn,
      what: describeRef(ref),
      fn,
    },
    () => new GroupLookup(lookupOptions.secret ? { ...props, secret: true } : props, lookupOptions),
  );
}

/**
 * A lookup that the program refused after the call (an Output-valued argument turned out bad):
 * its read fails the preview with `err`'s message and makes no request. Thrown errors inside an
 * `apply` would instead reach the Pulumi runtime asynchronously, which takes a minute and
 * gigabytes to report them (see docs/reliability.md).
 */
export function refused(err: unknown, parent: pulumi.Resource | undefined): LookupOutputs {
  if (!(err instanceof TursoError)) throw err;
  const group = refusedLookupName(err.message);
  return shareLookup(
    { key: group, parent, terms: "", dependsOn: undefined, what: group },
    () => new GroupLookup({ group, refuse: err.message }, { parent, secret: false }),
  );
}
