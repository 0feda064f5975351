import { TursoError } from "./base";

/**
 * The group exists but is not placed as `getGroup`'s `expect` says: the preview fails early
 * instead of a deployment failing late. The message names the group, what was expected and
 * what was found.
 *
 * @example
 * ```ts
 * if (err instanceof TursoPlacementError) console.error(err.message);
 * ```
 */
export class TursoPlacementError extends TursoError {
  /** Always `"TursoPlacementError"`. */
  override name = "TursoPlacementError";
}
