/**
 * A `getLocations` call in the program: the options and `tokenFrom` checked as a `getGroups` call
 * checks them, then the locations lookup registered (or shared) under a key no group or list
 * lookup can have: one read per token and parent in a run, however often the program asks.
 */
import type { LocationsProps, LocationsQuery } from "../provider/lookup";
import { LocationsLookup, type LookupOptions } from "../resource";
import { validateTokenSource, type TokenSource } from "../../core/settings";
import { warnIfTokenIsPlain } from "./tokenWarning";
import { shareLookup } from "./registry";
import type * as pulumi from "@pulumi/pulumi";

/** What every copy of the package reads from a locations lookup: its one output. */
export interface LocationsLookupOutputs {
  readonly lookup: pulumi.Output<LocationsQuery>;
}

/** Checks a locations call's `tokenFrom`; throws {@link TursoInputError} naming the rule. */
export function resolveLocationsArgs(args: { readonly tokenFrom?: unknown }): LocationsProps {
  const tokenFrom: TokenSource | undefined = validateTokenSource(args.tokenFrom);
  warnIfTokenIsPlain(tokenFrom === undefined ? undefined : tokenFrom.config);
  return { kind: "locations", ...(tokenFrom === undefined ? {} : { tokenFrom }) };
}

/** Registers the locations lookup of `props` in this run, or returns the one already there. */
export function registerLocations(
  props: LocationsProps,
  lookupOptions: Pick<LookupOptions, "parent" | "dependsOn">,
  fn: "getLocations" | "getLocationsOutput",
): LocationsLookupOutputs {
  return shareLookup(
    {
      key: `locations:${JSON.stringify(props.tokenFrom ?? null)}`,
      parent: lookupOptions.parent,
      terms: "",
      dependsOn: lookupOptions.dependsOn,
      what: "the locations the Turso API offers",
      fn,
    },
    () => new LocationsLookup(props, { ...lookupOptions, secret: false }),
  );
}
