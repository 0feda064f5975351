import { TursoError } from "./base";

/**
 * An argument or setting was rejected before any request was sent: an empty or malformed group
 * or organization name, a base URL that is not https, a limit out of range.
 *
 * @example
 * ```ts
 * // throws TursoInputError: group "a/b" is invalid: it must not contain "/" ...
 * await getGroup({ group: "a/b" });
 * ```
 */
export class TursoInputError extends TursoError {
  /** Always `"TursoInputError"`. */
  override name = "TursoInputError";

  constructor(
    /** The argument or setting at fault, e.g. `group`, `organization`, `turso:apiBaseUrl`. */
    readonly argument: string,
    /** The rule it broke, in words. */
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
