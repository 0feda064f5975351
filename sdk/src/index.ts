/**
 * A Pulumi data source for Turso groups.
 *
 * @example
 * ```ts
 * import { getGroupOutput } from "pulumi-turso-group";
 *
 * const group = getGroupOutput({ group: "default" });
 * export const primary = group.primary;
 * ```
 * @packageDocumentation
 */
export { getGroup, getGroupOutput, type GetGroupArgs, type GetGroupOutputArgs, type GetGroupResult } from "./getGroup";
export {
  getGroups,
  getGroupsOutput,
  type GetGroupsArgs,
  type GetGroupsOutputArgs,
  type GetGroupsResult,
} from "./getGroups";
export {
  getLocations,
  getLocationsOutput,
  type GetLocationsArgs,
  type GetLocationsResult,
  type LocationResult,
} from "./getLocations";
// Only what a program can catch: errors thrown at the call. Failures the API reports (a missing
// group, a rejected token, an outage, a placement that breaks `expect`) fail the preview in the
// engine and never reach the program.
export { TursoError, TursoInputError, type TursoErrorDetails } from "./errors";
export type { PlacementExpectation } from "./placement";
export type { TokenSource } from "./settings";
export { regionOf, type LocationRegion } from "./regions";
