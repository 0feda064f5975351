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
export {
  getGroup,
  getGroupOutput,
  type GetGroupArgs,
  type GetGroupOutputArgs,
  type GetGroupResult,
} from "./dynamic/getGroup";
export {
  getGroups,
  getGroupsOutput,
  type GetGroupsArgs,
  type GetGroupsOutputArgs,
  type GetGroupsResult,
} from "./dynamic/getGroups";
export {
  getLocations,
  getLocationsOutput,
  type GetLocationsArgs,
  type GetLocationsResult,
  type LocationResult,
} from "./dynamic/getLocations";
// Only what a program can catch: errors thrown at the call. Failures the API reports (a missing
// group, a rejected token, an outage, a placement that breaks `expect`) fail the preview in the
// engine and never reach the program.
export { TursoError, TursoInputError, type TursoErrorDetails } from "./core/errors";
export type { PlacementExpectation } from "./core/placement";
export type { TokenSource } from "./core/settings";
export { regionOf, type LocationRegion } from "./core/regions";
