import { TursoError } from "./base";

/**
 * The group exists but is not placed as `getGroup`'s `expect` says: the preview fails early
 * instead of a deployment failing late. The message names the group, what was expected and
 * what was found. Internal: it fails the preview and never reaches the program (not exported).
 *
 * @example
 * ```text
 * error: Preview failed: The placement of group "prod" in organization "acme" is not what this program expects: primary is "aws-eu-west-1", expected one of ["aws-us-east-1"]. …
 * ```
 */
export class TursoPlacementError extends TursoError {
  /** Always `"TursoPlacementError"`. */
  override name = "TursoPlacementError";
}
