import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named by the TSDoc {@link} below
import type { TursoInputError } from "../core/errors";
import { checkOptions, warnOncePerRun } from "./program/toolkit";
import { registerLocations, resolveLocationsArgs, type LocationsLookupOutputs } from "./program/locations";
import { locationResult, type LocationResult } from "../core/lookup/result";
import type { TokenSource } from "../core/settings";

/** Arguments of {@link getLocations} and {@link getLocationsOutput}. */
export interface GetLocationsArgs {
  /**
   * Where this lookup's token is, for a second Turso account: as `getGroup`'s `tokenFrom`. Any
   * valid token may list the locations.
   * @default `{ config: "turso:apiToken", env: "TURSO_API_TOKEN" }`
   */
  readonly tokenFrom?: TokenSource | undefined;
}

export type { LocationResult } from "../core/lookup/result";

/** Every location the Turso API offers, as read during `pulumi preview` and `pulumi up`. */
export interface GetLocationsResult {
  /** The locations, sorted by code. */
  readonly locations: LocationResult[];
}

function result(read: LocationsLookupOutputs): pulumi.Output<GetLocationsResult> {
  return read.lookup.apply((l) => ({
    locations: (l.result ?? []).map(locationResult),
  }));
}

/**
 * Reads every location the Turso API offers (`GET /v1/locations`) during `pulumi preview` and
 * `pulumi up`: one request and one read per run (and token), however often it is called. The
 * settings, token, retries, errors and options are `getGroups`'s; a bad `tokenFrom` or option
 * throws a {@link TursoInputError} at the call.
 *
 * @example
 * ```ts
 * import { getLocations } from "pulumi-turso-group";
 *
 * const { locations } = await getLocations();
 * for (const l of locations) console.log(l.code, l.description, l.region);
 * ```
 */
export function getLocations(args: GetLocationsArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetLocationsResult> {
  const lookupOptions = checkOptions("getLocations", opts);
  warnOncePerRun();
  const read = registerLocations(resolveLocationsArgs(args), lookupOptions, "getLocations");
  // Output.promise() is the SDK's own bridge from an Output to a Promise.
  return (result(read) as unknown as { promise(): Promise<GetLocationsResult> }).promise();
}

/**
 * {@link getLocations} as an Output; `opts` takes `parent` and `dependsOn`.
 *
 * @example
 * ```ts
 * import { getLocationsOutput } from "pulumi-turso-group";
 *
 * export const awsRegions = getLocationsOutput().locations.apply((ls) =>
 *   ls.flatMap((l) => (l.region.cloud === "aws" ? [l.region.region] : [])),
 * );
 * ```
 */
export function getLocationsOutput(
  args: GetLocationsArgs = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetLocationsResult> {
  const lookupOptions = checkOptions("getLocationsOutput", opts);
  warnOncePerRun();
  return result(registerLocations(resolveLocationsArgs(args), lookupOptions, "getLocationsOutput"));
}
