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
  type GetGroupOptions,
  type GetGroupResult,
} from "./getGroup";
export {
  TursoApiError,
  TursoAuthError,
  TursoConfigError,
  TursoError,
  TursoForbiddenError,
  TursoInputError,
  TursoNotFoundError,
  TursoPlacementError,
  TursoResponseError,
  type TursoErrorDetails,
} from "./errors";
export type { PlacementExpectation } from "./placement";
export { regionOf, type LocationRegion } from "./regions";
