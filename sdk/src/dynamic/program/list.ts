/**
 * A `getGroups` call in the program: the same checks as a `getGroup` call (toolkit.ts), then the list
 * lookup registered (or shared) under a key no group lookup can have.
 */
import { describeScope } from "../../core/client/url";
import { TursoError } from "../../core/errors";
import type { ListProps } from "../provider/readList";
import { GroupList, refusedLookupName, type ListLookupOutputs, type LookupOptions } from "../resource";
import type { DefaultOrganization } from "../../core/settings";
import { resolveScope, type PlainArgs } from "./toolkit";
import { shareLookup } from "./registry";

/**
 * Checks a list call's known arguments; throws {@link TursoInputError} naming the argument and its
 * source, and quoting nothing of a `secret` one.
 */
export function resolveListArgs(
  args: Pick<PlainArgs, "organization" | "tokenFrom">,
  fallback: DefaultOrganization | undefined,
  secret = false,
): ListProps {
  return { kind: "list", ...resolveScope(args, fallback, secret) };
}

/** Registers the list lookup of `props` in this run, or returns the one already there; `fn` is the call's function. */
export function registerList(
  props: ListProps,
  lookupOptions: LookupOptions,
  fn: "getGroups" | "getGroupsOutput",
): ListLookupOutputs {
  const scope = { organization: props.organization ?? undefined };
  return shareLookup(
    {
      key: `groups:${JSON.stringify([scope.organization ?? null, props.tokenFrom ?? null])}`,
      parent: lookupOptions.parent,
      terms: "",
      dependsOn: lookupOptions.dependsOn,
      what: `the groups of ${describeScope(scope)}`,
      fn,
    },
    () => new GroupList(lookupOptions.secret ? { ...props, secret: true } : props, lookupOptions),
  );
}

/** A list lookup that the program refused after the call: see `refused` in group.ts. */
export function refusedList(err: unknown, parent: LookupOptions["parent"]): ListLookupOutputs {
  if (!(err instanceof TursoError)) throw err;
  const name = refusedLookupName(err.message);
  return shareLookup(
    { key: `groups:${name}`, parent, terms: "", dependsOn: undefined, what: name },
    () => new GroupList({ kind: "list", organization: name, refuse: err.message }, { parent, secret: false }),
  );
}
