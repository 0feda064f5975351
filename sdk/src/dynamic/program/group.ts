/**
 * A `getGroup` call in the program: its arguments checked at the call (with the toolkit's shared
 * checks), then the lookup registered, or shared with an equal one of this run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { validateName } from "../../core/client/validate";
import { describeRef } from "../../core/client/url";
import { TursoError, TursoInputError } from "../../core/errors";
import { validateExpectation } from "../../core/placement";
import type { DefaultOrganization } from "../../core/settings";
import type { GroupProps } from "../provider/readGroup";
import { GroupLookup, refusedLookupName, type LookupOptions } from "../resource";
import { shareLookup, type LookupOutputs } from "./registry";
import { resolveScope, type PlainArgs } from "./toolkit";

/**
 * Checks known arguments; throws {@link TursoInputError} naming the argument and its source, and
 * quoting nothing of them when they came from a `secret` input.
 */
export function resolveArgs(args: PlainArgs, fallback: DefaultOrganization | undefined, secret = false): GroupProps {
  const group = validateName("group", args.group, secret);
  const { organization, organizationSource, tokenFrom } = resolveScope(args, fallback, secret);
  const expect = validateExpectation(args.expect, secret);
  if (args.ifExists !== undefined && typeof args.ifExists !== "boolean") {
    throw new TursoInputError(
      "ifExists",
      "must be a boolean",
      `ifExists must be true or false, got ${typeof args.ifExists}.`,
    );
  }
  return {
    group,
    ...(organization === undefined ? {} : { organization }),
    ...(organizationSource === undefined ? {} : { organizationSource }),
    ...(expect === undefined ? {} : { expect }),
    ...(args.ifExists === true ? { ifExists: true } : {}),
    ...(tokenFrom === undefined ? {} : { tokenFrom }),
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
